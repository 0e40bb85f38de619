/// Two records similar enough to be the same study but not certain enough to merge without a person.
package struct MaybePair: Sendable, Hashable {
    /// Index of one record in the input.
    package var first: Int
    /// Index of the other record.
    package var second: Int
    /// Which evidence agreed and which conflicted, for the reviewer.
    package var reason: String
}
