/// A malformed import option.
package struct ImportOptionsError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    package var message: String

    package var description: String { message }
}
