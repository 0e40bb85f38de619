import ArgumentParser

/// Commands whose features have not landed yet: each exists (with --help) and says so plainly.
protocol NotYetAvailableCommand: ParsableCommand {
    /// What the command will do, for the message.
    static var plannedFeature: String { get }
}

extension NotYetAvailableCommand {
    func run() throws {
        Console.error(
            "litharvest \(Self._commandName): not available yet — \(Self.plannedFeature) has not landed in this version.")
        throw ExitStatus.unavailable
    }
}
