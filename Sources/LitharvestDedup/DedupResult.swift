/// The outcome of clustering: a cluster per record, the clusters, and the pairs left for a person.
public struct DedupResult: Sendable {
    /// For each input record, the index of its cluster in ``clusters``.
    public var clusterOfRecord: [Int]
    /// Clusters in order of their first member.
    public var clusters: [DedupCluster]
    /// Pairs in different clusters that may be the same study.
    public var maybePairs: [MaybePair]

    /// Records removed as duplicates: every member beyond the first of each cluster.
    public var duplicatesRemoved: Int { clusterOfRecord.count - clusters.count }
}
