import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

/// ClinicalTrials.gov (NLM's trial registry) through its API v2: `GET /studies` with the query as
/// `query.term` (Essie syntax), paged with `pageToken` until the `totalCount` of the first page is reached.
/// Date limits become `filter.advanced=AREA[LastUpdatePostDate]RANGE[from,until]` (option
/// `date_field: first_posted` uses `StudyFirstPostDate`), so an update run fetches the studies changed since.
struct ClinicalTrialsGovConnector: Connector {
    /// Who this connector is.
    static let descriptor = ConnectorDescriptor(
        id: "clinicaltrials",
        name: "ClinicalTrials.gov",
        platform: "ClinicalTrials.gov API v2 (NLM)",
        access: .api,
        key: nil,
        defaultEndpoint: "https://clinicaltrials.gov/api/v2/",
        // No limit is published with the API; about 50 requests a minute per address is the figure users are
        // given when they are throttled (HTTP 429, which the client retries honouring Retry-After).
        defaultRequestsPerSecond: 50.0 / 60.0,
        supportsDateWindow: true,
        version: "1.0", options: ClinicalTrialsGovOptions.all)

    /// The API's largest `pageSize`.
    static let maxPageSize = 1_000
    static let studiesPath = "studies"

    var descriptor: ConnectorDescriptor { Self.descriptor }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let term = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !term.isEmpty else { throw ConnectorError(.invalidQuery, "the clinicaltrials query is empty") }
        var parameters = [QueryItem("format", "json"), QueryItem("query.term", term)]
        if let filter = try Self.dateFilter(query, settings: context.settings) {
            parameters.append(QueryItem("filter.advanced", filter))
        }
        let wanted = query.limit ?? .max
        let pageSize = min(context.settings.integer(ClinicalTrialsGovOptions.pageSize), max(1, wanted))
        let url = Self.studiesURL(context.settings.endpoint)

        var records: [Record] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var total: Int?
        var token: String?
        var pageNumber = 1
        while true {
            try context.checkCancellation()
            var items = parameters + [QueryItem("pageSize", String(pageSize))]
            if let token { items.append(QueryItem("pageToken", token)) } else { items.append(QueryItem("countTotal", "true")) }
            let page: ClinicalTrialsGovResponseParser.Page
            do {
                page = try fetch(HTTPRequest.get(url, query: items, userAgent: context.settings.userAgent), context: context)
            } catch let error as ConnectorError where error.kind != .cancelled && pageNumber > 1 {
                problems.append("page \(pageNumber) failed after \(records.count) studies: \(error.message)")
                break
            }
            diagnostics += page.diagnostics
            if pageNumber == 1 { total = page.total }
            let before = records.count
            for record in page.records where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, total)
            if records.count >= wanted { break }
            guard let next = page.nextPageToken else { break }
            if page.studiesOnPage == 0 {
                problems.append("page \(pageNumber) held no studies but named a next page")
                break
            }
            if next == token {
                problems.append("page \(pageNumber) named itself as the next page again; no progress")
                break
            }
            if records.count == before {
                problems.append(
                    page.records.isEmpty
                        ? "no study on page \(pageNumber) could be read"
                        : "page \(pageNumber) repeated studies already retrieved; no progress")
                break
            }
            token = next
            pageNumber += 1
        }
        // Without the count only a search stopped by its limit is known to have what it asked for.
        if total == nil, records.count < wanted {
            problems.insert("ClinicalTrials.gov gave no totalCount, so completeness cannot be checked", at: 0)
        }
        let sent = parameters.dropFirst().map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return SearchResult(
            records: records, reportedCount: total, querySent: sent, diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: descriptor.name,
                problems: problems))
    }

    /// One page: the HTTP status and media checks, then the JSON.
    private func fetch(_ request: HTTPRequest, context: SearchContext) throws -> ClinicalTrialsGovResponseParser.Page {
        let response = try context.send(request)
        try Self.check(response, url: request.url)
        return try ClinicalTrialsGovResponseParser().parse(response.body, source: request.url)
    }

    /// Refuses what cannot be a studies page: an HTML page, an empty body, or a non-2xx status. The API
    /// answers a query or parameter it cannot use with HTTP 400 and a plain-text reason, which is kept.
    static func check(_ response: HTTPResponse, url: String) throws {
        if response.status == 400, XMLAnswerCheck.htmlAnswer(response.body, mediaType: response.mediaType) == nil {
            let reason = Normalize.text(String(decoding: response.body.prefix(500), as: UTF8.self)) ?? "no reason given"
            throw ConnectorError(
                .databaseError, "ClinicalTrials.gov refused the request (HTTP 400): \(reason)", location: url)
        }
        try XMLAnswerCheck.require(
            status: response.status, mediaType: response.mediaType, body: response.body, url: url,
            service: descriptor.name, refusalIsBlock: false)
    }

    /// `filter.advanced` for the query's date limits, or nil without limits.
    static func dateFilter(_ query: Query, settings: ConnectorSettings) throws -> String? {
        guard query.from != nil || query.until != nil else { return nil }
        let area: String
        switch settings.text(ClinicalTrialsGovOptions.dateField) ?? "last_update" {
        case "last_update": area = "LastUpdatePostDate"
        case "first_posted": area = "StudyFirstPostDate"
        case let other:
            throw ConnectorError(
                .invalidQuery, "option 'date_field' for clinicaltrials must be last_update or first_posted, not '\(other)'")
        }
        let from = query.from.map(\.description) ?? "MIN"
        let until = query.until.map(\.description) ?? "MAX"
        return "AREA[\(area)]RANGE[\(from),\(until)]"
    }

    /// The `studies` URL under `endpoint` (an endpoint that already ends in `studies` is used as it is).
    static func studiesURL(_ endpoint: String) -> String {
        let trimmed = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        if trimmed.hasSuffix("/" + studiesPath) { return trimmed }
        return trimmed + "/" + studiesPath
    }
}

extension ClinicalTrialsGovConnector: RegisteredConnector {
    static let listPosition = 160
    static var factories: [ConnectorFactory] { [factory] }

    /// The connector and its parser for saved API answers.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: ClinicalTrialsGovResponseParser()) {
        ClinicalTrialsGovConnector()
    }
}
