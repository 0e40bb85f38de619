/// The outcome of clustering: a cluster per record, the clusters, and the pairs left for a person.
package struct DedupResult: Sendable {
    /// For each input record, the index of its cluster in ``clusters``.
    package var clusterOfRecord: [Int]
    /// Clusters in order of their first member.
    package var clusters: [DedupCluster]
    /// Pairs in different clusters that may be the same study.
    package var maybePairs: [MaybePair]

    /// Records removed as duplicates: every member beyond the first of each cluster.
    package var duplicatesRemoved: Int { clusterOfRecord.count - clusters.count }
}
