import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

// Scaffolded by `swift package scaffold-connector --name EuropePMC --id europepmc`, in the layout every connector
// folder has: this file (the connector with its descriptor, its search and its registration),
// EuropePMCOptions.swift (the options it takes) and EuropePMCResponse.swift (the response reader). `scripts/generate-connector-list.sh` lists it in
// ConnectorList+Generated.swift. Every `TODO:` marks a place to adapt to the real database before a review
// relies on it.

/// EuropePMC. TODO: one sentence on the database, how it is reached and its limits.
struct EuropePMCConnector: Connector {
    /// Who this connector is.
    static let descriptor = ConnectorDescriptor(
        id: "europepmc",
        name: "EuropePMC",  // TODO: the database's name as reviews cite it.
        platform: "TODO: platform",
        access: .api,  // TODO: .web for parsed search pages, .import for export files only.
        key: nil,  // TODO: a KeyRequirement if the API takes a key (then read context.settings.apiKey).
        defaultEndpoint: "https://example.org/api",  // TODO: the real base URL.
        defaultRequestsPerSecond: 1,  // TODO: the database's documented rate limit.
        supportsDateWindow: false,  // TODO: true once query.from / query.until are sent.
        version: "0.1", options: EuropePMCOptions.all)

    var descriptor: ConnectorDescriptor { Self.descriptor }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let term = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !term.isEmpty else { throw ConnectorError(.invalidQuery, "the europepmc query is empty") }

        // TODO: the API's own parameter names, its key, the date window and paging. This sends one GET and
        // reads one page; a real connector loops until it has `min(total, query.limit)` records.
        var parameters = [QueryItem("q", term)]
        if let limit = query.limit { parameters.append(QueryItem("max", String(limit))) }
        let request = HTTPRequest.get(
            context.settings.endpoint, query: parameters, userAgent: context.settings.userAgent)
        let response = try context.send(request)
        // The shared guard: an HTML page, a non-2xx status or an empty body is an error, never zero hits.
        try XMLAnswerCheck.require(response, url: response.url, service: descriptor.name)

        let page = try EuropePMCResponseParser().parse(response.body, source: response.url)
        var records = page.records
        if let limit = query.limit, records.count > limit { records.removeLast(records.count - limit) }
        context.progress?(records.count, page.total)
        return SearchResult(
            records: records, reportedCount: page.total, querySent: term, diagnostics: page.diagnostics,
            completeness: .init(
                retrieved: records.count, reported: page.total, wanted: query.limit ?? .max,
                source: descriptor.name))
    }
}

extension EuropePMCConnector: RegisteredConnector {
    static let listPosition = 130
    static var factories: [ConnectorFactory] { [factory] }

    /// The connector and its file parser.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: EuropePMCResponseParser()) {
        EuropePMCConnector()
    }
}
