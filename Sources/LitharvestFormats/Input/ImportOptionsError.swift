/// A malformed import option.
public struct ImportOptionsError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var message: String

    public var description: String { message }
}
