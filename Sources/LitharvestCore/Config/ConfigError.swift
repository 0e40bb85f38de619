/// A review config that could not be read or did not validate; carries every problem found, not just the
/// first, in file order.
package struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    /// All problems, sorted by position (problems without a position first).
    package var problems: [ConfigProblem]

    /// Creates an error from `problems`.
    package init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// Creates an error with a single problem.
    package init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.init(problems: [ConfigProblem(file: file, line: line, column: column, message: message)])
    }

    /// One line per problem: `config/harvest.yaml:12:7: unknown database 'embase' (known: pmc, pubmed)`.
    package var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
