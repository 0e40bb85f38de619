import LitharvestModel
/// An XML failure with its location. Thrown for malformed input, refused (unsafe) documents,
/// bad XPath expressions and unreadable files.
package struct XMLError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for callers that react differently (e.g. retry vs. give up).
    package enum Kind: Sendable, Equatable {
        /// The input is not well-formed XML (or not parseable at all).
        case malformed
        /// The document uses a feature refused for safety (entity declarations, excessive depth).
        case unsafeDocument
        /// The XPath expression is invalid or returned an unexpected type.
        case xpath
        /// A file could not be opened or read.
        case io
    }

    package let kind: Kind
    /// libxml2's message (or ours), trimmed.
    package let message: String
    /// 1-based line, when known.
    package let line: Int?
    /// 1-based column, when known.
    package let column: Int?
    /// File name or URL the caller named, for messages.
    package let source: String?

    package init(kind: Kind, message: String, line: Int? = nil, column: Int? = nil, source: String? = nil) {
        self.kind = kind
        self.message = message.trimmingWhitespace()
        self.line = line
        self.column = column
        self.source = source
    }

    /// For example `efetch.xml:12:5: malformed XML: Opening and ending tag mismatch: ...`.
    package var description: String {
        var location: [String] = []
        if let source { location.append(source) }
        if let line {
            location.append(String(line))
            if let column { location.append(String(column)) }
        }
        let prefix = location.isEmpty ? "" : location.joined(separator: ":") + ": "
        return prefix + kind.label + ": " + message
    }

    func withSource(_ source: String?) -> XMLError {
        XMLError(kind: kind, message: message, line: line, column: column, source: source ?? self.source)
    }
}

extension XMLError.Kind {
    var label: String {
        switch self {
        case .malformed: "malformed XML"
        case .unsafeDocument: "unsafe document refused"
        case .xpath: "XPath error"
        case .io: "I/O error"
        }
    }
}
