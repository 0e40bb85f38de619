import ArgumentParser
import LitharvestApp

/// Turns the app layer's errors into what the command line prints and its exit status.
enum Failure {
    /// Runs `body`, printing an app error as `litharvest COMMAND: message` (or the problem list of a broken
    /// config) and ending with its exit status; usage problems become argument-parser validation errors.
    static func mapped<T>(command: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw exit(for: error, command: command)
        }
    }

    /// The error to end the command with for `error`, after printing it.
    static func exit(for error: any Error, command: String?) -> any Error {
        let prefix = "litharvest" + (command.map { " \($0)" } ?? "") + ": "
        switch error {
        case let problems as ConfigurationProblems:
            Console.error(problems.description)
            Console.error("litharvest: " + problems.summary)
            return ExitStatus.configError
        case let missing as MissingReviewConfig:
            Console.error(missing.description)
            return ExitStatus.configError
        case let usage as UsageProblem:
            return ValidationError(usage.message)
        case let failure as CommandFailure:
            Console.error(prefix + failure.message)
            return ExitStatus.failure
        case let busy as StoreBusy:
            Console.error(prefix + busy.message)
            return ExitStatus.locked
        default:
            return error
        }
    }
}
