package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Foundation

/// RISS (KERIS) through its public web search, `Search.do`, one material type (`colName`) at a time,
/// paged with `iStartCount`/`pageScale` and limited by publication year. Boolean queries are split into
/// simple searches and combined here (see ``RISSQueryPlan``).
package struct RISSWebConnector: Connector {
    package var descriptor: ConnectorDescriptor { Self.standardDescriptor }

    static let standardDescriptor = ConnectorDescriptor(
        id: "riss", name: "RISS", platform: "KERIS RISS web search (riss.kr)", access: .web,
        defaultEndpoint: "https://www.riss.kr/search/Search.do", defaultRequestsPerSecond: 1.0,
        // Year limits filter on publication year, so `--since last` must not narrow by them.
        supportsDateWindow: false, version: "1.0", options: RISSWebOptions.all)

    /// `colName` values: what each searches.
    static let materialTypes: [String: String] = [
        "re_a_kor": "domestic journal articles (국내학술논문)",
        "re_a_over": "foreign journal articles (해외학술논문)",
        "bib_t": "theses (학위논문)",
        "bib_m": "books (단행본)",
        "re_t": "research reports (연구보고서)",
        "re_s": "journals (학술지)",
    ]
    static let defaultMaterial = "re_a_kor"
    static let defaultPageSize = 100

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the RISS query is empty") }
        let material = context.settings.text(RISSWebOptions.material) ?? Self.defaultMaterial
        guard Self.materialTypes[material] != nil else {
            throw ConnectorError(
                .invalidQuery,
                "unknown RISS material type '\(material)' (option `material`); use one of "
                    + Self.materialTypes.keys.sorted().joined(separator: ", "),
                location: "options.material")
        }
        let plan = try RISSQueryPlan.parse(text)
        let terms = plan.terms
        var diagnostics: [Diagnostic] = [
            Diagnostic(.note, "RISS material type \(material): \(Self.materialTypes[material] ?? material)")
        ]
        if query.from != nil || query.until != nil {
            diagnostics.append(Diagnostic(.note, "RISS limits by publication year only (p_year1/p_year2)"))
        }

        var perTerm: [String: [Record]] = [:]
        var totals: [String: Int] = [:]
        var problems: [String] = []
        // A combined query needs every term's full result set; only a single search can stop at the limit.
        let limit = plan.isCompound ? nil : query.limit
        for term in terms {
            let outcome = try searchTerm(term, material: material, query: query, limit: limit, context: context)
            perTerm[term] = outcome.records
            totals[term] = outcome.total
            diagnostics += outcome.diagnostics
            problems += outcome.problems
        }

        var records = plan.combine(perTerm)
        if let wanted = query.limit, records.count > wanted { records = Array(records.prefix(wanted)) }
        let reported: Int?
        if plan.isCompound {
            diagnostics.append(Diagnostic(
                .note,
                "RISS does not honour Boolean operators; searched \(terms.count) simple terms separately ("
                    + terms.map { "\"\($0)\": \(totals[$0] ?? 0)" }.joined(separator: ", ")
                    + ") and combined them here as \(plan.description) by control number, giving \(records.count) records"))
            reported = nil
        } else {
            reported = totals[text] ?? totals.values.first
        }
        return SearchResult(
            records: records, reportedCount: reported,
            querySent: plan.isCompound ? terms.joined(separator: " | ") : (terms.first ?? text),
            queryTranslation: plan.isCompound ? plan.description : nil,
            diagnostics: diagnostics,
            completeness: .init(problems: problems))
    }

    private struct TermOutcome {
        var records: [Record] = []
        var total = 0
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
    }

    /// Pages through one simple search until RISS's total is reached (or `limit`).
    private func searchTerm(
        _ term: String, material: String, query: Query, limit: Int?, context: SearchContext
    ) throws -> TermOutcome {
        let pageSize = context.settings.integer(RISSWebOptions.pageSize)
        var outcome = TermOutcome()
        var seen = Set<String>()
        var offset = 0
        var firstTotal: Int?
        let wanted = limit ?? Int.max
        while true {
            try context.checkCancellation()
            let request = Self.request(
                term: term, material: material, offset: offset, pageSize: pageSize, query: query, settings: context.settings)
            let response = try context.send(request)
            guard response.isSuccess else {
                throw ConnectorError(.databaseError, "RISS answered HTTP \(response.status)", location: response.url)
            }
            let page = try RISSSearchPage(html: response.body, location: response.url)
            outcome.diagnostics += page.diagnostics
            if firstTotal == nil {
                firstTotal = page.total
                outcome.total = page.total
                if !page.categories.isEmpty {
                    outcome.diagnostics.append(Diagnostic(
                        .note,
                        "RISS counts for \"\(term)\" by material type: "
                            + page.categories.map { "\($0.name) \($0.count)" }.joined(separator: ", ")))
                }
            } else if page.total != firstTotal {
                outcome.diagnostics.append(Diagnostic(
                    .warning, "RISS's count for \"\(term)\" changed from \(firstTotal ?? 0) to \(page.total) while paging",
                    location: response.url))
            }
            var added = 0
            for record in page.records where seen.insert(record.nativeID).inserted {
                outcome.records.append(record)
                added += 1
                if outcome.records.count >= wanted { break }
            }
            context.progress?(outcome.records.count, outcome.total)
            if outcome.records.count >= min(wanted, outcome.total) { break }
            if added == 0 {
                // An empty or repeated page: RISS stopped paging (deep pages are throttled) or ignored iStartCount.
                let shortfall = SearchResult.Shortfall(
                    retrieved: outcome.records.count, reported: outcome.total, wanted: wanted, source: "RISS",
                    scope: "\"\(term)\"", detail: "the page at offset \(offset) brought no new records")
                outcome.problems += shortfall.map { [$0.description] } ?? []
                break
            }
            offset += page.records.count
        }
        return outcome
    }

    /// `Search.do?query=…&colName=…&strSort=RANK&order=/DESC&iStartCount=…&pageScale=…&p_year1=…&p_year2=…`.
    static func request(
        term: String, material: String, offset: Int, pageSize: Int, query: Query, settings: ConnectorSettings
    ) -> HTTPRequest {
        var items = [
            QueryItem("query", term), QueryItem("colName", material), QueryItem("strSort", "RANK"),
            QueryItem("order", "/DESC"), QueryItem("iStartCount", String(offset)), QueryItem("pageScale", String(pageSize)),
        ]
        if let from = query.from { items.append(QueryItem("p_year1", String(from.year))) }
        if let until = query.until { items.append(QueryItem("p_year2", String(until.year))) }
        return HTTPRequest.get(settings.endpoint, query: items, userAgent: settings.userAgent)
    }
}

extension RISSWebConnector: RegisteredConnector {
    static let listPosition = 60
    static var factories: [ConnectorFactory] { [factory] }

    /// RISS web search, with the parser for saved result pages and Excel exports.
    static let factory = ConnectorFactory(descriptor: RISSWebConnector.standardDescriptor, fileParser: RISSFileParser()) {
        RISSWebConnector()
    }
}
