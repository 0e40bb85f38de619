/// A person's decision on a "maybe" pair, kept so later runs respect it.
public struct PairDecision: Sendable, Hashable, Codable {
    /// The records, in ascending order.
    public var first: RecordKey
    /// The other record.
    public var second: RecordKey
    /// True: the same study (merge); false: different (never merge these two automatically).
    public var same: Bool

    /// Creates a decision; the order of `a` and `b` does not matter.
    public init(_ a: RecordKey, _ b: RecordKey, same: Bool) {
        (first, second) = a < b ? (a, b) : (b, a)
        self.same = same
    }
}
