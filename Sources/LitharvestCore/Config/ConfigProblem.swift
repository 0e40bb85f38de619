/// One thing wrong with a review config, with the 1-based position of the offending YAML node.
package struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The config file, as the user named it (so messages read like compiler output).
    package var file: String
    /// 1-based line, when the problem has a position.
    package var line: Int?
    /// 1-based column (counted in Unicode scalars), when the problem has a position.
    package var column: Int?
    /// What is wrong and, where possible, how to fix it.
    package var message: String

    /// Creates a problem.
    package init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (or `file: message` without a position).
    package var description: String {
        location + message
    }

    /// `file:line:column: ` (or `file: ` without a position), what every message starts with.
    package var location: String {
        switch (line, column) {
        case (let line?, let column?): "\(file):\(line):\(column): "
        case (let line?, nil): "\(file):\(line): "
        default: "\(file): "
        }
    }
}
