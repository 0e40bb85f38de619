public import LitharvestModel

/// What one search of one database produced, and what the database said about it.
public struct SearchResult: Sendable {
    /// Whether every record the database reported was retrieved.
    public enum Completeness: Sendable, Hashable, Codable {
        /// Everything reported was retrieved (or the limit was reached on purpose).
        case complete
        /// Some records are missing; the reason says which and why.
        case partial(reason: String)
    }

    /// Records in the order the database returned them.
    public var records: [Record]
    /// The hit count the database reported (nil if it reports none).
    public var reportedCount: Int?
    /// The query exactly as sent.
    public var querySent: String
    /// The database's own translation of the query (PubMed `QueryTranslation`), when it gives one.
    public var queryTranslation: String?
    /// Warnings and notes about the search (dropped phrases, split windows, skipped records).
    public var diagnostics: [Diagnostic]
    /// Whether the retrieval is complete.
    public var completeness: Completeness
    /// Date windows actually searched, for the search log (empty when not split).
    public var windows: [DateWindow]

    /// Creates a result.
    public init(
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
