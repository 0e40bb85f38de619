import LitharvestModel

/// Records judged to be the same study. Every member is kept; one is the representative.
package struct DedupCluster: Sendable, Hashable {
    /// Input indexes of the members, ascending.
    package var members: [Int]
    /// Input index of the most complete member (see ``Representative``).
    package var representative: Int
}
