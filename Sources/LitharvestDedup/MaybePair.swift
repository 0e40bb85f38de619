/// Two records similar enough to be the same study but not certain enough to merge without a person.
public struct MaybePair: Sendable, Hashable {
    /// Index of one record in the input.
    public var first: Int
    /// Index of the other record.
    public var second: Int
    /// Which evidence agreed and which conflicted, for the reviewer.
    public var reason: String
}
