import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// KMbase (MedRIC) through its web search: the search form's POST to `search_log_main.php` answers with
/// the counts and a search id (`ad_cd`), and the result list `?pg_idx=260&ad_cd=…` is paged until KMbase's
/// own hit count (`kcnt`). KMbase answers long Boolean strings with HTTP 500; the connector then searches
/// each simple term on its own and combines the sets by KMbase id (AND = intersection, OR = union), and
/// the result's diagnostics say so.
package struct KMbaseConnector: Connector {
    static let id = "kmbase"
    static let searchLogPath = "ahebf/global/search_log/search_log_main.php"
    static let defaultMaxPages = 500

    package static let descriptor = ConnectorDescriptor(
        id: id, name: "KMbase", platform: "MedRIC KMbase (web search)", access: .web,
        defaultEndpoint: "https://kmbase.medric.or.kr/", defaultRequestsPerSecond: 1.0, supportsDateWindow: false,
        version: "1.0", options: KMbaseOptions.all)

    package var descriptor: ConnectorDescriptor { Self.descriptor }

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the kmbase query is empty") }
        var diagnostics: [Diagnostic] = []
        if query.from != nil || query.until != nil {
            diagnostics.append(Diagnostic(.warning, "KMbase's web search has no date filter; date limits were not applied"))
        }
        let site = KMbaseSite(context: context)
        let wanted = query.limit ?? Int.max

        let whole: KMbaseSite.Retrieval
        do {
            whole = try site.retrieve(text, limit: wanted)
        } catch let failure as KMbaseSite.ServerError {
            guard let boolean = BooleanQuery.parse(text), !boolean.isSingleTerm else {
                throw ConnectorError(
                    .databaseError, "KMbase answered HTTP \(failure.status) to the query, which has no Boolean "
                        + "operators to split it by", location: failure.url)
            }
            return try searchSplit(boolean, text: text, site: site, failure: failure, wanted: wanted, diagnostics: diagnostics)
        }
        if whole.log.externalHits > 0 {
            diagnostics.append(Diagnostic(
                .note, "KMbase also reported \(whole.log.externalHits) hits in external databases (not retrieved)"))
        }
        return SearchResult(
            records: whole.records, reportedCount: whole.log.kmbaseHits, querySent: text, diagnostics: diagnostics,
            completeness: .init(
                retrieved: whole.records.count, reported: whole.log.kmbaseHits, wanted: wanted, source: "KMbase",
                detail: whole.stopReason))
    }

    /// Searches every simple term of `boolean` separately and combines the id sets client-side.
    private func searchSplit(
        _ boolean: BooleanQuery, text: String, site: KMbaseSite, failure: KMbaseSite.ServerError, wanted: Int,
        diagnostics: [Diagnostic]
    ) throws -> SearchResult {
        var diagnostics = diagnostics
        var matches: [String: Set<String>] = [:]
        var byID: [String: Record] = [:]
        var order: [String] = []
        var counts: [String] = []
        var problems: [String] = []
        for term in boolean.terms {
            try site.context.checkCancellation()
            let part: KMbaseSite.Retrieval
            do {
                part = try site.retrieve(term, limit: Int.max)
            } catch let termFailure as KMbaseSite.ServerError {
                throw ConnectorError(
                    .databaseError, "KMbase answered HTTP \(termFailure.status) to the whole query and to its "
                        + "simple term \(term.debugDescription) too", location: termFailure.url)
            }
            matches[term] = Set(part.records.map(\.nativeID))
            for record in part.records where byID[record.nativeID] == nil {
                byID[record.nativeID] = record
                order.append(record.nativeID)
            }
            counts.append("\(term.debugDescription): \(part.log.kmbaseHits)")
            if let shortfall = SearchResult.Shortfall(retrieved: part.records.count, reported: part.log.kmbaseHits) {
                problems.append(
                    "term \(term.debugDescription): \(shortfall.brief)" + (part.stopReason.map { " (\($0))" } ?? ""))
            }
        }
        let selected = boolean.evaluate(matches)
        let records = Array(order.filter { selected.contains($0) }.compactMap { byID[$0] }.prefix(wanted))
        diagnostics.append(Diagnostic(
            .warning,
            "KMbase answered HTTP \(failure.status) to the full Boolean query, so its \(matches.count) simple terms "
                + "were searched separately and combined client-side by KMbase id (AND = intersection, OR = union, "
                + "NOT = difference) as \(boolean): \(selected.count) records; per-term counts: "
                + counts.joined(separator: "; "),
            location: failure.url))
        return SearchResult(
            records: records, reportedCount: selected.count, querySent: text,
            queryTranslation: "split into simple terms: " + boolean.description, diagnostics: diagnostics,
            completeness: .init(problems: problems))
    }
}

extension KMbaseConnector: RegisteredConnector {
    static let listPosition = 50
    static var factories: [ConnectorFactory] { [factory] }

    /// KMbase: its web connector; saved result pages and RIS/CSV exports are read by content.
    static let factory = ConnectorFactory(
        descriptor: descriptor,
        fileParser: SavedPageFileParser(database: id, site: "KMbase") { data, source in
            let head = String(decoding: data.prefix(4096), as: UTF8.self)
            if let log = try? KMbaseSearchLog.parse(data, source: source) {
                return .notRecords("a KMbase search log (\(log.kmbaseHits) hits, search id \(log.searchID))")
            }
            guard head.range(of: "<html", options: .caseInsensitive) != nil else { return .unknown }
            return .records(try KMbaseResultPage.parse(data, source: source, expectRecords: true))
        }
    ) { KMbaseConnector() }
}

extension BooleanQuery {
    /// Reads a KMbase query (`&&`, `||`, quotes kept in the term); nil when it is not well formed
    /// (unbalanced parentheses, an operator without operand), so the connector reports the site's own error.
    static func parse(_ text: String) -> BooleanQuery? {
        try? read(text, syntax: .kmbase)
    }
}
