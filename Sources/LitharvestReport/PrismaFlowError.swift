/// PRISMA flow numbers that contradict each other: a report must not show a diagram that does not add up.
package struct PrismaFlowError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The run the numbers belong to.
    package var run: Int64
    /// What does not add up.
    package var message: String

    /// Creates an error.
    package init(run: Int64, message: String) {
        self.run = run
        self.message = message
    }

    package var description: String { "PRISMA flow of run \(run): \(message)" }
}
