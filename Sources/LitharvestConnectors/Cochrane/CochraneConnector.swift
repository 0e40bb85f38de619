import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// The Cochrane Library's search page (CENTRAL by default), paged until the reported total. The site sits
/// behind Cloudflare: a challenge page stops the search as `blocked` with the export-and-import advice.
package struct CochraneConnector: Connector {
    static let id = "cochrane"
    static let blockedAdvice = "use the Cochrane export (RIS or CSV) and `litharvest import`"
    static let portlet = "scolarissearchresultsportlet_WAR_scolarissearchresults"
    static let defaultPageSize = 25
    static let defaultMaxPages = 2_000

    package static let descriptor = ConnectorDescriptor(
        id: id, name: "Cochrane Library (CENTRAL)", platform: "Wiley Cochrane Library (web search page)",
        access: .web, defaultEndpoint: "https://www.cochranelibrary.com/en/search", defaultRequestsPerSecond: 1.0,
        supportsDateWindow: false, version: "1.0", options: CochraneOptions.all)

    package var descriptor: ConnectorDescriptor { Self.descriptor }

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the cochrane query is empty") }
        let settings = context.settings
        let pageSize = settings.integer(CochraneOptions.pageSize)
        let maxPages = settings.integer(CochraneOptions.maxPages)
        let session = WebSession(context: context, site: "The Cochrane Library", blockedAdvice: Self.blockedAdvice)
        var diagnostics: [Diagnostic] = []
        if query.from != nil || query.until != nil {
            diagnostics.append(Diagnostic(
                .warning, "date limits are not applied to the Cochrane search page; every record carries its "
                    + "`central-added` date to filter on"))
        }

        func fetch(page: Int) throws -> CochraneSearchPage {
            let parameters = [
                QueryItem("searchText", text), QueryItem("searchBy", settings.text(CochraneOptions.searchBy) ?? "1"),
                QueryItem("selectedType", settings.text(CochraneOptions.type) ?? "central"),
                QueryItem("forceTypeSelection", "true"), QueryItem("resultPerPage", String(pageSize)),
                QueryItem("searchType", "basic"), QueryItem("orderBy", "relevancy"), QueryItem("cur", String(page)),
                QueryItem("p_p_id", Self.portlet), QueryItem("p_p_lifecycle", "0"), QueryItem("p_p_state", "normal"),
                QueryItem("p_p_mode", "view"),
            ]
            let response = try session.get(settings.endpoint, query: parameters)
            return try CochraneSearchPage.parse(response.html(), source: response.url)
        }

        let first = try fetch(page: 1)
        let wanted = min(first.total, query.limit ?? Int.max)
        var records: [Record] = []
        var seen = Set<String>()
        var page = first
        var pageNumber = 1
        var stopReason: String?
        while true {
            let before = records.count
            for record in page.records where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, first.total)
            if records.count >= wanted { break }
            if records.count == before {
                stopReason = "page \(pageNumber) added no new records"
                break
            }
            if pageNumber >= maxPages {
                stopReason = "stopped at the page cap (max_pages: \(maxPages))"
                break
            }
            try context.checkCancellation()
            pageNumber += 1
            page = try fetch(page: pageNumber)
            if page.total != first.total {
                diagnostics.append(Diagnostic(
                    .warning, "the total changed from \(first.total) to \(page.total) while paging (page \(pageNumber))"))
            }
        }

        return SearchResult(
            records: records, reportedCount: first.total, querySent: text, queryTranslation: first.interpretation,
            diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: first.total, wanted: wanted, source: "the Cochrane Library",
                detail: stopReason))
    }

    /// Saved search and record pages, and Cochrane RIS/CSV exports; the portlet JSON files (PICO,
    /// related articles, suggestions) are recognised and refused, since they hold no records.
    package static let fileParser = SavedPageFileParser(database: id, site: "Cochrane Library") { data, source in
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        if let json = WebPage(status: 200, mediaType: nil, body: data, url: source).json() {
            return .notRecords(portletKind(json))
        }
        guard head.range(of: "<html", options: .caseInsensitive) != nil
            || head.range(of: "<!DOCTYPE html", options: .caseInsensitive) != nil
        else { return .unknown }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("search-results-item") || text.contains("results-number") {
            return .records(try CochraneSearchPage.parse(data, source: source).records)
        }
        if text.contains("citation_doi") {
            return .records([try CochraneRecordPage.parse(data, source: source)])
        }
        if WebPage(status: 200, mediaType: nil, body: data, url: source).isBotChallenge {
            return .notRecords("a Cloudflare challenge page saved instead of the results")
        }
        throw ConnectorError(
            .unexpectedResponse, "an HTML page that is neither a Cochrane search-results nor a record page",
            location: source)
    }

    /// What a Cochrane portlet JSON file is, for the refusal message.
    static func portletKind(_ json: Any) -> String {
        if let terms = json as? [Any], terms.allSatisfy({ $0 is String }) {
            return "a Cochrane search-suggestion list (\(terms.count) autocomplete terms)"
        }
        if let object = json as? [String: Any] {
            if object["relatedPodcasts"] != nil || object["linkedEditorials"] != nil {
                return "a Cochrane related-articles list for a review"
            }
            let pico: Set<String> = ["Population", "Intervention", "Comparison", "Outcome"]
            if !pico.isDisjoint(with: object.keys) {
                return "a Cochrane PICO annotation of a review"
            }
        }
        return "a JSON document"
    }
}

extension CochraneConnector: RegisteredConnector {
    static let listPosition = 30
    static var factories: [ConnectorFactory] { [factory] }

    /// The Cochrane Library: its search-page connector and its page-and-export file parser.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: fileParser) { CochraneConnector() }
}
