import LitharvestDedup
package import LitharvestModel
package import LitharvestStore

/// Cross-database, cross-run deduplication of a review's records: the store keeps records, clusters and
/// decisions; the deduplicator decides.
extension HarvestStore {
    /// Clusters the records of `runID` together with every record of the earlier complete or incomplete runs,
    /// respecting stored review decisions; stores the clusters, the open maybe pairs and the run's PRISMA
    /// counts (see ``HarvestStore/dedupSummary(runID:)``), and returns the counts.
    @discardableResult
    package func deduplicate(runID: Int64) throws -> RunDedupSummary {
        let input = try dedupInput(runID: runID)
        let result = Deduplicator(decisions: try pairDecisions()).cluster(input.records)

        var perDatabase: [String: Int] = [:]
        var runClusters = Set<Int>()
        var earlierClusters = Set<Int>()
        for index in input.records.indices {
            let cluster = result.clusterOfRecord[index]
            if input.inRun[index] {
                perDatabase[input.records[index].database, default: 0] += 1
                runClusters.insert(cluster)
            }
            if input.earlier[index] { earlierClusters.insert(cluster) }
        }
        let identified = perDatabase.values.reduce(0, +)
        let summary = RunDedupSummary(
            identifiedPerDatabase: perDatabase, identified: identified,
            duplicatesRemoved: identified - runClusters.count, unique: runClusters.count,
            newClusters: runClusters.subtracting(earlierClusters).count,
            previousUnique: input.hadHistory ? earlierClusters.count : nil, method: Deduplicator.methodDescription)
        try saveDeduplication(
            runID: runID, input: input,
            representativeOf: result.clusterOfRecord.map { result.clusters[$0].representative },
            maybePairs: result.maybePairs.map { ($0.first, $0.second, $0.reason) }, summary: summary)
        return summary
    }

    /// One record per cluster first seen in `runID` (no member seen by an earlier complete or incomplete run):
    /// the representative, completed from the other members, with every member's id among its identifiers.
    /// Nil when the run was not deduplicated.
    package func newClusterRecords(runID: Int64) throws -> [Record]? {
        guard try dedupSummary(runID: runID) != nil else { return nil }
        return try clusters(runID: runID).filter { !$0.seenEarlier }.map(Self.merged)
    }

    /// One record per cluster among `runID`'s records, merged as in ``newClusterRecords(runID:)``.
    package func clusterRepresentatives(runID: Int64) throws -> [Record] {
        try clusters(runID: runID).map(Self.merged)
    }

    private static func merged(_ cluster: StoredCluster) -> Record {
        Representative.merged(cluster.representative, with: cluster.others)
    }
}
