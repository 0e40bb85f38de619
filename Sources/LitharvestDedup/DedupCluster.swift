import LitharvestModel

/// Records judged to be the same study. Every member is kept; one is the representative.
public struct DedupCluster: Sendable, Hashable {
    /// Input indexes of the members, ascending.
    public var members: [Int]
    /// Input index of the most complete member (see ``Representative``).
    public var representative: Int
}
