/// PRISMA flow numbers that contradict each other: a report must not show a diagram that does not add up.
public struct PrismaFlowError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The run the numbers belong to.
    public var run: Int64
    /// What does not add up.
    public var message: String

    /// Creates an error.
    public init(run: Int64, message: String) {
        self.run = run
        self.message = message
    }

    public var description: String { "PRISMA flow of run \(run): \(message)" }
}
