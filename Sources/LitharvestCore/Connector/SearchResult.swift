package import LitharvestModel

/// What one search of one database produced, and what the database said about it.
package struct SearchResult: Sendable {
    /// Whether every record the database reported was retrieved.
    package enum Completeness: Sendable, Hashable, Codable {
        /// Everything reported was retrieved (or the limit was reached on purpose).
        case complete
        /// Some records are missing; the reason says which and why.
        case partial(reason: String)
    }

    /// Records in the order the database returned them.
    package var records: [Record]
    /// The hit count the database reported (nil if it reports none).
    package var reportedCount: Int?
    /// The query exactly as sent.
    package var querySent: String
    /// The database's own translation of the query (PubMed `QueryTranslation`), when it gives one.
    package var queryTranslation: String?
    /// Warnings and notes about the search (dropped phrases, split windows, skipped records).
    package var diagnostics: [Diagnostic]
    /// Whether the retrieval is complete.
    package var completeness: Completeness
    /// Date windows actually searched, for the search log (empty when not split).
    package var windows: [DateWindow]

    /// Creates a result.
    package init(
        records: [Record], reportedCount: Int?, querySent: String, queryTranslation: String? = nil,
        diagnostics: [Diagnostic] = [], completeness: Completeness = .complete, windows: [DateWindow] = []
    ) {
        self.records = records
        self.reportedCount = reportedCount
        self.querySent = querySent
        self.queryTranslation = queryTranslation
        self.diagnostics = diagnostics
        self.completeness = completeness
        self.windows = windows
    }
}

extension SearchResult {
    /// Fewer records retrieved than a database reported, worded the one way every connector says it.
    package struct Shortfall: Sendable, Hashable, CustomStringConvertible {
        /// Records retrieved.
        package var retrieved: Int
        /// Records the database reported.
        package var reported: Int
        /// Who reported them ("KCI", "the Cochrane Library"); nil when the sentence needs no name.
        package var source: String?
        /// What the count was for (a term, a date window), if not the whole search.
        package var scope: String?
        /// Why paging stopped short, when known.
        package var detail: String?

        /// The shortfall when fewer than `min(wanted, reported)` records were retrieved; nil otherwise (a
        /// limit reached on purpose, or no count reported, is no shortfall).
        package init?(
            retrieved: Int, reported: Int?, wanted: Int = .max, source: String? = nil, scope: String? = nil,
            detail: String? = nil
        ) {
            guard let reported, retrieved < min(wanted, reported) else { return nil }
            self.retrieved = retrieved
            self.reported = reported
            self.source = source
            self.scope = scope
            self.detail = detail
        }

        /// "retrieved 40 of the 57 records KCI reported (detail)".
        package var description: String {
            "retrieved \(retrieved) of the \(reported) records " + (source.map { "\($0) " } ?? "") + "reported"
                + (scope.map { " for \($0)" } ?? "") + (detail.map { " (\($0))" } ?? "")
        }

        /// "retrieved 40 of 57", for a part of a search named by the caller.
        package var brief: String { "retrieved \(retrieved) of \(reported)" }
    }
}

extension SearchResult.Completeness {
    /// The one completeness rule: partial when a problem was met while searching or fewer records were
    /// retrieved than `min(wanted, reported)`; the reason lists the problems, then the shortfall, joined by
    /// "; ".
    ///
    /// - Parameters:
    ///   - retrieved: records retrieved.
    ///   - reported: the database's hit count (nil: none reported, so no shortfall can be judged).
    ///   - wanted: the query's limit (`.max` for none).
    ///   - source: who reported the count, for the reason.
    ///   - detail: why paging stopped short, when it did.
    ///   - problems: what else made the retrieval incomplete.
    package init(
        retrieved: Int, reported: Int?, wanted: Int = .max, source: String? = nil, detail: String? = nil,
        problems: [String] = []
    ) {
        let shortfall = SearchResult.Shortfall(
            retrieved: retrieved, reported: reported, wanted: wanted, source: source, detail: detail)
        self.init(problems: problems + (shortfall.map { [$0.description] } ?? []))
    }

    /// Complete when nothing went missing, otherwise partial with the problems joined by "; ".
    package init(problems: [String]) {
        self = problems.isEmpty ? .complete : .partial(reason: problems.joined(separator: "; "))
    }
}
