package import LitharvestCore

/// A review config or connector spec with problems: nothing was run or written (exit status 2).
package struct ConfigurationProblems: Error, CustomStringConvertible, Sendable {
    /// Every problem, with file, line and column.
    package var error: ConfigError
    /// Where the problems are, for the closing line: "the connector specs" or the config path.
    package var place: String
    /// What was therefore not done, for the closing line.
    package var consequence: String

    /// Creates the error.
    package init(_ error: ConfigError, in place: String, consequence: String = "nothing was run or written") {
        self.error = error
        self.place = place
        self.consequence = consequence
    }

    /// "N problem(s) in PLACE; CONSEQUENCE", the line printed after the problems.
    package var summary: String { "\(error.problems.count) problem(s) in \(place); \(consequence)" }

    package var description: String { error.description }
}

/// A request the command line should have refused: an unknown search, run or database (exit status 64).
package struct UsageProblem: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in a sentence.
    package var message: String

    /// Creates the error.
    package init(_ message: String) { self.message = message }

    package var description: String { message }
}

/// Something the command could not do: a store that cannot be opened, an unreadable file, no finished run
/// (exit status 1).
package struct CommandFailure: Error, CustomStringConvertible, Sendable {
    /// What failed, in a sentence.
    package var message: String

    /// Creates the error.
    package init(_ message: String) { self.message = message }

    package var description: String { message }
}

/// Another run holds the store's lock (exit status 75).
package struct StoreBusy: Error, CustomStringConvertible, Sendable {
    /// The lock's own message (who holds it).
    package var message: String

    /// Creates the error.
    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
