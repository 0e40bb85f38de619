/// How an export names the database a record came from and the platform it was searched on
/// (PRISMA-S item 1): RIS `DB`/`DP`, the CSV `database` column.
public struct DatabaseLabel: Sendable, Hashable {
    /// Human name, e.g. "MEDLINE/PubMed".
    public var name: String
    /// Platform or interface, e.g. "NCBI E-utilities"; nil when unknown.
    public var platform: String?

    /// Creates a label.
    public init(name: String, platform: String? = nil) {
        self.name = name
        self.platform = platform
    }
}

/// Looks up the label of a connector id (`pubmed`); nil for an unknown id, which exports then name by the id
/// itself with no platform.
public typealias DatabaseLabels = @Sendable (String) -> DatabaseLabel?
