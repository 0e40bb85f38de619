/// A review config that could not be read or did not validate; carries every problem found, not just the
/// first, in file order.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    /// All problems, sorted by position (problems without a position first).
    public var problems: [ConfigProblem]

    /// Creates an error from `problems`.
    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// Creates an error with a single problem.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.init(problems: [ConfigProblem(file: file, line: line, column: column, message: message)])
    }

    /// One line per problem: `config/harvest.yaml:12:7: unknown database 'embase' (known: pmc, pubmed)`.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
