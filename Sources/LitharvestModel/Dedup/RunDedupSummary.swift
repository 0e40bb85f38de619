/// The deduplication counts of one run, as the PRISMA 2020 flow diagram and PRISMA-S item 16 need them.
package struct RunDedupSummary: Sendable, Hashable, Codable {
    /// Records the run's jobs returned, per database (each record once per database).
    package var identifiedPerDatabase: [String: Int]
    /// Sum of ``identifiedPerDatabase``.
    package var identified: Int
    /// Records of this run removed as duplicates of another record (of this run or an earlier one).
    package var duplicatesRemoved: Int
    /// Distinct studies (clusters) among the run's records: `identified − duplicatesRemoved`.
    package var unique: Int
    /// Clusters with no record seen by an earlier complete or incomplete run: the studies to screen.
    package var newClusters: Int
    /// Distinct studies among all earlier runs' records; nil for a review's first run.
    package var previousUnique: Int?
    /// How duplicates were found (method, version, rules), for PRISMA-S item 16.
    package var method: String

    /// Creates a summary.
    package init(
        identifiedPerDatabase: [String: Int], identified: Int, duplicatesRemoved: Int, unique: Int, newClusters: Int,
        previousUnique: Int?, method: String
    ) {
        self.identifiedPerDatabase = identifiedPerDatabase
        self.identified = identified
        self.duplicatesRemoved = duplicatesRemoved
        self.unique = unique
        self.newClusters = newClusters
        self.previousUnique = previousUnique
        self.method = method
    }
}
