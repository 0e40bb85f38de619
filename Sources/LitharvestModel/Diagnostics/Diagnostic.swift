/// A recoverable problem or a note worth reporting (a record skipped, a phrase the database dropped).
/// Failures that end a search are thrown as ``ConnectorError`` instead.
package struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious it is.
    package enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    package var severity: Severity
    /// What happened, in a sentence.
    package var message: String
    /// Where: a file and line, a URL, a record id.
    package var location: String?

    /// Creates a diagnostic.
    package init(_ severity: Severity, _ message: String, location: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    package var description: String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}
