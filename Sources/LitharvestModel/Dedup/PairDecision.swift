/// A person's decision on a "maybe" pair, kept so later runs respect it.
package struct PairDecision: Sendable, Hashable, Codable {
    /// The records, in ascending order.
    package var first: RecordKey
    /// The other record.
    package var second: RecordKey
    /// True: the same study (merge); false: different (never merge these two automatically).
    package var same: Bool

    /// Creates a decision; the order of `a` and `b` does not matter.
    package init(_ a: RecordKey, _ b: RecordKey, same: Bool) {
        (first, second) = a < b ? (a, b) : (b, a)
        self.same = same
    }
}
