import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

/// OpenAlex (OurResearch's open catalogue of scholarly works) through its REST API, `GET /works`: the query
/// goes to `search` (or the `title_and_abstract.search` / `title.search` filter), date limits and the
/// `filter` option to `filter`, and the results are paged with `cursor` (`*`, then each page's
/// `meta.next_cursor`) until `meta.count` works are retrieved. Plain `page` paging stops at 10,000 works;
/// cursor paging does not. The contact address goes in `mailto`, the key (optional) in `api_key`.
struct OpenAlexConnector: Connector {
    /// Who this connector is.
    static let descriptor = ConnectorDescriptor(
        id: "openalex",
        name: "OpenAlex",
        platform: "OpenAlex REST API (api.openalex.org)",
        access: .api,
        key: KeyRequirement(
            isRequired: false, environmentVariable: "OPENALEX_API_KEY",
            howToObtain: "free: create an account at https://openalex.org and copy the key from "
                + "https://openalex.org/settings/api; since 13 February 2026 requests without a key get only a "
                + "small daily allowance"),
        defaultEndpoint: "https://api.openalex.org/works",
        // OpenAlex allows at most 100 requests/s and meters a daily budget per key; list pages of 200 works
        // make 10 requests/s far more than any review search needs.
        defaultRequestsPerSecond: 10,
        supportsDateWindow: true,
        version: "1.0", options: OpenAlexOptions.all)

    var descriptor: ConnectorDescriptor { Self.descriptor }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let parameters = try Self.parameters(for: query, settings: context.settings)
        let wanted = query.limit ?? .max
        let pageSize = min(context.settings.integer(OpenAlexOptions.pageSize), max(wanted, 1))
        let parser = OpenAlexResponseParser()

        var records: [Record] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var detail: String?
        var total: Int?
        var cursor = "*"
        var pageNumber = 1
        while true {
            try context.checkCancellation()
            let page: OpenAlexResponseParser.Page
            do {
                page = try fetch(parameters + [QueryItem("per-page", String(pageSize)), QueryItem("cursor", cursor)],
                    context: context, parser: parser)
            } catch let error as ConnectorError where error.kind != .cancelled && pageNumber > 1 {
                problems.append("page \(pageNumber) failed after \(records.count) works: \(error)")
                break
            }
            diagnostics += page.diagnostics
            if let reported = total, reported != page.total {
                diagnostics.append(Diagnostic(
                    .note, "OpenAlex's count changed from \(reported) to \(page.total) while paging (page \(pageNumber))"))
            }
            if total == nil { total = page.total }
            let before = records.count
            for record in page.records where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, total)
            if records.count >= min(wanted, total ?? 0) { break }
            guard let next = page.nextCursor else {
                detail = "OpenAlex sent no next cursor after page \(pageNumber)"
                break
            }
            if page.records.isEmpty {
                problems.append("OpenAlex returned an empty page \(pageNumber) with a next cursor")
                break
            }
            if records.count == before || next == cursor {
                problems.append("page \(pageNumber) repeated works already retrieved; paging stopped")
                break
            }
            cursor = next
            pageNumber += 1
        }
        let sent = parameters.filter { $0.name == "search" || $0.name == "filter" }
            .map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return SearchResult(
            records: records, reportedCount: total, querySent: sent, diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "OpenAlex", detail: detail,
                problems: problems))
    }

    /// One page: the answer is read whatever its status, because OpenAlex explains refusals (400, 403, 404)
    /// in JSON; 429 and 5xx are retried by the client before they get here.
    private func fetch(
        _ parameters: [QueryItem], context: SearchContext, parser: OpenAlexResponseParser
    ) throws -> OpenAlexResponseParser.Page {
        let request = HTTPRequest.get(
            context.settings.endpoint, query: parameters, userAgent: context.settings.userAgent)
        let response = try context.send(request)
        let location = SecretRedactor.standard.learning(from: request).redact(url: request.url)
        return try parser.parse(response.body, source: location, status: response.status)
    }

    /// The request parameters apart from paging: `search` or a search filter, the `filter` list (search
    /// filter, date limits, the `filter` option), `mailto` and `api_key`.
    static func parameters(for query: Query, settings: ConnectorSettings) throws -> [QueryItem] {
        let term = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !term.isEmpty else { throw ConnectorError(.invalidQuery, "the openalex query is empty") }
        var parameters: [QueryItem] = []
        var filters: [String] = []
        let field = settings.text(OpenAlexOptions.searchField) ?? "search"
        if field == "search" {
            parameters.append(QueryItem("search", term))
        } else {
            // Inside `filter`, a comma starts the next filter: the term cannot hold one.
            guard !term.contains(",") else {
                throw ConnectorError(
                    .invalidQuery,
                    "a query searched through the \(field).search filter cannot contain a comma (OpenAlex's filter "
                        + "separator); remove it or use search_field: search", location: "options.search_field")
            }
            filters.append("\(field).search:\(term)")
        }
        let dateField = settings.text(OpenAlexOptions.dateField) == "publication" ? "publication" : "created"
        if let from = query.from { filters.append("from_\(dateField)_date:\(from)") }
        if let until = query.until { filters.append("to_\(dateField)_date:\(until)") }
        if let extra = Normalize.text(settings.text(OpenAlexOptions.filter)) { filters.append(extra) }
        if !filters.isEmpty { parameters.append(QueryItem("filter", filters.joined(separator: ","))) }
        if let email = Normalize.text(settings.email) { parameters.append(QueryItem("mailto", email)) }
        if let key = Normalize.text(settings.apiKey) { parameters.append(QueryItem("api_key", key)) }
        return parameters
    }
}

extension OpenAlexConnector: RegisteredConnector {
    static let listPosition = 140
    static var factories: [ConnectorFactory] { [factory] }

    /// The connector and its file parser.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: OpenAlexResponseParser()) {
        OpenAlexConnector()
    }
}
