package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Foundation

/// RISS through its OpenAPI (`openApi?key=…&version=1.0&type=…&keyword=…`), for institutions holding a
/// key: one material `type`, paged with `rsnum` (1-based) and `rowcount` (≤ 100), limited by publication
/// year (`spubdate`/`epubdate`).
package struct RISSAPIConnector: Connector {
    package var descriptor: ConnectorDescriptor { Self.standardDescriptor }

    static let standardDescriptor = ConnectorDescriptor(
        id: "riss-api", name: "RISS (OpenAPI)", platform: "KERIS RISS OpenAPI", access: .api,
        key: KeyRequirement(
            isRequired: true, environmentVariable: "RISS_API_KEY",
            howToObtain: "an institutional key issued by the RISS API centre, https://www.riss.kr/apicenter/apiMain.do, "
                + "after the institution's application is approved"),
        defaultEndpoint: "http://www.riss.kr/openApi", defaultRequestsPerSecond: 1.0, supportsDateWindow: false,
        version: "1.0", options: RISSAPIOptions.all)

    /// `type` values: T theses, A domestic articles, O foreign articles, U books, F reports, S journals.
    static let types: Set<String> = ["T", "A", "O", "U", "F", "S"]
    /// Search fields the API takes instead of `keyword`.
    static let fields: Set<String> = ["keyword", "title", "author", "subject", "publisher"]
    static let maxRowCount = 100

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let key = try context.settings.requiredKey(for: descriptor)
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the RISS OpenAPI query is empty") }
        let type = (context.settings.text(RISSAPIOptions.type) ?? "A").uppercased()
        guard Self.types.contains(type) else {
            throw ConnectorError(
                .invalidQuery, "unknown RISS OpenAPI type '\(type)' (option `type`); use one of T, A, O, U, F, S",
                location: "options.type")
        }
        let field = context.settings.text(RISSAPIOptions.field) ?? "keyword"
        guard Self.fields.contains(field) else {
            throw ConnectorError(
                .invalidQuery, "unknown RISS OpenAPI search field '\(field)' (option `field`); use one of "
                    + Self.fields.sorted().joined(separator: ", "),
                location: "options.field")
        }
        let rowCount = context.settings.integer(RISSAPIOptions.pageSize)
        let wanted = query.limit ?? Int.max
        var records: [Record] = []
        var seen = Set<String>()
        var diagnostics: [Diagnostic] = []
        var total: Int?
        var stalledAt: Int?
        var start = 1
        while true {
            try context.checkCancellation()
            var items = [
                QueryItem("key", key), QueryItem("version", "1.0"), QueryItem("type", type), QueryItem(field, text),
                QueryItem("rsnum", String(start)), QueryItem("rowcount", String(rowCount)),
            ]
            if let from = query.from { items.append(QueryItem("spubdate", String(from.year))) }
            if let until = query.until { items.append(QueryItem("epubdate", String(until.year))) }
            let request = HTTPRequest.get(context.settings.endpoint, query: items, userAgent: context.settings.userAgent)
            let response = try context.send(request)
            let location = SecretRedactor.standard.redact(url: response.url)
            guard response.isSuccess else {
                throw ConnectorError(.databaseError, "RISS OpenAPI answered HTTP \(response.status)", location: location)
            }
            let page = try RISSAPIResponse(data: response.body, location: location)
            diagnostics += page.diagnostics
            if total == nil { total = page.total }
            var added = 0
            for record in page.records where seen.insert(record.nativeID).inserted {
                records.append(record)
                added += 1
                if records.count >= wanted { break }
            }
            context.progress?(records.count, total)
            if records.count >= min(wanted, total ?? 0) { break }
            if added == 0 {
                stalledAt = start
                break
            }
            start += page.itemCount
        }
        return SearchResult(
            records: records, reportedCount: total, querySent: "\(field)=\(text) type=\(type)", diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total ?? 0, wanted: wanted, source: "the RISS OpenAPI",
                detail: stalledAt.map { "the page at rsnum=\($0) brought no new records" }))
    }
}

extension RISSAPIConnector: RegisteredConnector {
    static let listPosition = 70
    static var factories: [ConnectorFactory] { [factory] }

    /// RISS OpenAPI (key required).
    static let factory = ConnectorFactory(descriptor: RISSAPIConnector.standardDescriptor) { RISSAPIConnector() }
}
