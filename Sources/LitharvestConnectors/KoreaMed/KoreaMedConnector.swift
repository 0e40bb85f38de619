import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// KoreaMed (KAMJE) through its web search. The older JSON endpoint (`search/result`) is tried first and
/// used when it answers with results and a total; otherwise the HTML search (`SearchBasic.php`) is paged
/// until the total it reports. The KMID is the native id.
package struct KoreaMedConnector: Connector {
    static let id = "koreamed"
    static let defaultPageSize = 100
    static let defaultMaxPages = 500

    package static let descriptor = ConnectorDescriptor(
        id: id, name: "KoreaMed", platform: "KAMJE KoreaMed (web search)", access: .web,
        defaultEndpoint: "https://www.koreamed.org/", defaultRequestsPerSecond: 1.0, supportsDateWindow: false,
        version: "1.0", options: KoreaMedOptions.all)

    package var descriptor: ConnectorDescriptor { Self.descriptor }

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the koreamed query is empty") }
        let endpoint = context.settings.endpoint
        let base = endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
        let pageSize = context.settings.integer(KoreaMedOptions.pageSize)
        let maxPages = context.settings.integer(KoreaMedOptions.maxPages)
        let session = WebSession(
            context: context, site: "KoreaMed", blockedAdvice: "export the results from KoreaMed and use `litharvest import`")
        var diagnostics: [Diagnostic] = []
        if query.from != nil || query.until != nil {
            diagnostics.append(Diagnostic(.warning, "KoreaMed's search has no date filter; date limits were not applied"))
        }

        // Each route is one way to fetch page N: (total, records).
        let jsonPage: (Int) throws -> (Int, [Record]) = { page in
            let response = try session.get(base + "search/result", query: Self.jsonParameters(text, page: page, size: pageSize))
            guard let result = response.json().flatMap(KoreaMedJSONResult.parse) else {
                throw ConnectorError(
                    .unexpectedResponse, "KoreaMed's JSON search stopped answering in its documented shape",
                    location: response.url)
            }
            return (result.total, result.records)
        }
        let htmlPage: (Int) throws -> (Int, [Record]) = { page in
            let response = try session.get(base + "SearchBasic.php", query: [
                QueryItem("RID", "0"), QueryItem("DT", "1"), QueryItem("QY", text), QueryItem("page", String(page)),
                QueryItem("resultsPerPage", String(pageSize)),
            ])
            let result = try KoreaMedResultPage.parse(response.body, source: response.url)
            return (result.total, result.records)
        }

        var route = htmlPage
        var routeName = "SearchBasic.php (HTML)"
        var first: (Int, [Record])
        switch try probeJSON(session: session, base: base, text: text, pageSize: pageSize) {
        case .answered(let result):
            first = (result.total, result.records)
            route = jsonPage
            routeName = "search/result (JSON)"
        case .unavailable(let why):
            diagnostics.append(Diagnostic(.note, "KoreaMed's JSON search did not answer (\(why)); used the HTML search"))
            first = try htmlPage(1)
        }

        let total = first.0
        let wanted = min(total, query.limit ?? Int.max)
        var records: [Record] = []
        var seen = Set<String>()
        var page = 1
        var listed = first.1
        var stopReason: String?
        while true {
            let before = records.count
            for record in listed where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, total)
            if records.count >= wanted { break }
            if records.count == before {
                stopReason = "page \(page) added no new records"
                break
            }
            if page >= maxPages {
                stopReason = "stopped at the page cap (max_pages: \(maxPages))"
                break
            }
            try context.checkCancellation()
            page += 1
            listed = try route(page).1
        }
        return SearchResult(
            records: records, reportedCount: total, querySent: text, queryTranslation: nil,
            diagnostics: diagnostics + [Diagnostic(.note, "searched through KoreaMed's \(routeName)")],
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "KoreaMed", detail: stopReason))
    }

    /// The JSON search's parameters for page `page` (as in the client code that documented it).
    private static func jsonParameters(_ text: String, page: Int, size: Int) -> [QueryItem] {
        [
            QueryItem("q", text), QueryItem("resultsPerPage", String(size)), QueryItem("page", String(page)),
            QueryItem("display", "Summary"), QueryItem("sort", "Date"),
        ]
    }

    private enum Probe {
        case answered(KoreaMedJSONResult)
        case unavailable(String)
    }

    /// Page 1 of the JSON search, if that endpoint still answers in its documented shape.
    private func probeJSON(session: WebSession, base: String, text: String, pageSize: Int) throws -> Probe {
        let request = HTTPRequest.get(
            base + "search/result", query: Self.jsonParameters(text, page: 1, size: pageSize),
            userAgent: session.context.settings.userAgent)
        do {
            let response = try session.sendUnchecked(request)
            guard response.status == 200 else { return .unavailable("HTTP \(response.status)") }
            guard let json = response.json() else { return .unavailable("not JSON") }
            guard let result = KoreaMedJSONResult.parse(json) else {
                return .unavailable("JSON without `results.data` and a total")
            }
            return .answered(result)
        } catch let error as ConnectorError where error.kind == .cancelled {
            throw error
        } catch {
            return .unavailable("\(error)")
        }
    }
}

extension KoreaMedConnector: RegisteredConnector {
    static let listPosition = 40
    static var factories: [ConnectorFactory] { [factory] }

    /// KoreaMed: its web connector; saved result pages and RIS/CSV exports are read by content.
    static let factory = ConnectorFactory(
        descriptor: descriptor,
        fileParser: SavedPageFileParser(database: id, site: "KoreaMed") { data, source in
            if let json = WebPage(status: 200, mediaType: nil, body: data, url: source).json() {
                guard let result = KoreaMedJSONResult.parse(json) else {
                    return .notRecords("a JSON document that is not a KoreaMed search/result answer")
                }
                return .records(result.records)
            }
            let head = String(decoding: data.prefix(4096), as: UTF8.self)
            guard head.range(of: "<html", options: .caseInsensitive) != nil else { return .unknown }
            return .records(try KoreaMedResultPage.parse(data, source: source).records)
        }
    ) { KoreaMedConnector() }
}
