/// How an export names the database a record came from and the platform it was searched on
/// (PRISMA-S item 1): RIS `DB`/`DP`, the CSV `database` column.
package struct DatabaseLabel: Sendable, Hashable {
    /// Human name, e.g. "MEDLINE/PubMed".
    package var name: String
    /// Platform or interface, e.g. "NCBI E-utilities"; nil when unknown.
    package var platform: String?

    /// Creates a label.
    package init(name: String, platform: String? = nil) {
        self.name = name
        self.platform = platform
    }
}

/// Looks up the label of a connector id (`pubmed`); nil for an unknown id, which exports then name by the id
/// itself with no platform.
package typealias DatabaseLabels = @Sendable (String) -> DatabaseLabel?
