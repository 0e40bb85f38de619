import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

/// Crossref, the DOI registration agency's metadata of some 170 million works, through its REST API
/// (`/works`). The query goes as `query.bibliographic` (Crossref ranks by relevance over titles, authors,
/// containers, years and ids; it has no Boolean syntax); date limits and the `filter` option become
/// `filter=` clauses; paging uses deep cursors (`cursor=*`, then each answer's `next-cursor`) until the
/// reported `total-results` are retrieved. `mailto` puts the requests in Crossref's polite pool.
struct CrossrefConnector: Connector {
    /// Who this connector is.
    static let descriptor = ConnectorDescriptor(
        id: "crossref",
        name: "Crossref",
        platform: "Crossref REST API",
        access: .api,
        key: nil,
        defaultEndpoint: "https://api.crossref.org/",
        // Crossref's documented limits (2025): 5 requests/s with 1 at a time in the public pool, 10/s with 3 at
        // a time in the polite pool (`mailto`); a harvest sends one request at a time, at the lower rate.
        defaultRequestsPerSecond: 5,
        supportsDateWindow: true,
        version: "1.0", options: CrossrefOptions.all)

    var descriptor: ConnectorDescriptor { Self.descriptor }

    /// The `/works` URL under `endpoint` (an endpoint that already names it is used as it is).
    static func worksURL(_ endpoint: String) -> String {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/works") ? base : base + "/works"
    }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        guard let term = Normalize.text(query.text) else {
            throw ConnectorError(.invalidQuery, "the crossref query is empty")
        }
        var parameters = [QueryItem("query.bibliographic", term)]
        var filters: [String] = []
        let dateField = context.settings.text(CrossrefOptions.dateField) ?? "index"
        let dateFilters = CrossrefOptions.dateFilters(dateField)
        if let from = query.from { filters.append("\(dateFilters.from):\(from.description)") }
        if let until = query.until { filters.append("\(dateFilters.until):\(until.description)") }
        var diagnostics: [Diagnostic] = []
        if query.from != nil || query.until != nil {
            // The search log must say which date the limits selected on: the default is not the publication date.
            diagnostics.append(Diagnostic(
                .note, "date limits filter on Crossref's \(dateFilters.from.dropFirst(5)) (date_field: \(dateField))"))
        }
        if let extra = context.settings.text(CrossrefOptions.filter) { filters.append(extra) }
        if !filters.isEmpty { parameters.append(QueryItem("filter", filters.joined(separator: ","))) }
        let sent = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        if let mailto = context.settings.text(CrossrefOptions.mailto) ?? Normalize.text(context.settings.email) {
            parameters.append(QueryItem("mailto", mailto))
        }

        let url = Self.worksURL(context.settings.endpoint)
        let pageSize = context.settings.integer(CrossrefOptions.pageSize)
        let wanted = query.limit ?? .max
        var records: [Record] = []
        var seen: Set<String> = []
        var problems: [String] = []
        var total: Int?
        var cursor = "*"
        var page = 1
        while true {
            try context.checkCancellation()
            let rows = min(pageSize, max(1, wanted - records.count))
            let answer: CrossrefResponseParser.Page
            do {
                answer = try fetch(url, parameters + [QueryItem("rows", String(rows)), QueryItem("cursor", cursor)], context)
            } catch let error as ConnectorError where error.kind != .cancelled && page > 1 {
                // The records already read stay; the job says how far it got.
                problems.append("page \(page) failed after \(records.count) records: \(error.message)")
                break
            }
            if total == nil { total = answer.total }
            diagnostics += answer.diagnostics
            let before = records.count
            for record in answer.records where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, total)
            if records.count >= min(wanted, total ?? 0) { break }
            if answer.itemCount == 0 {
                problems.append("Crossref's cursor ended with an empty page \(page)")
                break
            }
            if records.count == before, answer.records.count == answer.itemCount {
                problems.append("page \(page) repeated records already retrieved; no progress")
                break
            }
            guard let next = answer.nextCursor else {
                problems.append("Crossref gave no next-cursor after page \(page)")
                break
            }
            cursor = next
            page += 1
        }
        return SearchResult(
            records: records, reportedCount: total, querySent: sent, diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "Crossref", problems: problems))
    }

    /// One `/works` page. A Crossref error envelope names Crossref's own message whatever the status.
    private func fetch(
        _ url: String, _ parameters: [QueryItem], _ context: SearchContext
    ) throws -> CrossrefResponseParser.Page {
        let request = HTTPRequest.get(url, query: parameters, userAgent: context.settings.userAgent)
        let response = try context.send(request)
        if !response.isSuccess, let failure = CrossrefResponseParser.failure(inBody: response.body) {
            throw ConnectorError(
                .databaseError, "Crossref answered HTTP \(response.status): \(failure)", location: request.url,
                httpStatus: response.status)
        }
        if let page = XMLAnswerCheck.htmlAnswer(response.body, mediaType: response.mediaType) {
            throw ConnectorError(
                .unexpectedResponse,
                "Crossref answered with \(page.named) (HTTP \(response.status)) instead of JSON; nothing was taken as a result",
                location: request.url, httpStatus: response.status)
        }
        try XMLAnswerCheck.require(response, url: request.url, service: descriptor.name)
        return try CrossrefResponseParser().parse(response.body, source: request.url)
    }
}

extension CrossrefConnector: RegisteredConnector {
    static let listPosition = 150
    static var factories: [ConnectorFactory] { [factory] }

    /// The connector and its parser for saved `/works` answers.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: CrossrefResponseParser()) {
        CrossrefConnector()
    }
}
