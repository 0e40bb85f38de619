import LitharvestCore
import LitharvestModel

/// A value with `{placeholder}` slots, such as `{query}` or `{page}`; `{{` and `}}` stand for braces.
package struct Template: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case literal(String)
        case slot(Placeholder)
    }

    /// What a template does not parse as.
    struct SyntaxError: Error, Sendable {
        var message: String
    }

    let parts: [Part]
    package let description: String

    /// Parses `text`.
    ///
    /// - Throws: ``SyntaxError`` for an unknown placeholder (with a suggestion) or an unclosed brace.
    init(_ text: String) throws(SyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let character = rest.first {
            if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
                literal.append(character)
                rest = rest.dropFirst(2)
            } else if character == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw SyntaxError(message: "'{' is never closed in '\(text)'")
                }
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                guard let placeholder = Placeholder(rawValue: name) else {
                    let known = Placeholder.allCases.map(\.rawValue)
                    throw SyntaxError(
                        message: "unknown placeholder '{\(name)}' (known: \(known.map { "{\($0)}" }.joined(separator: ", ")))"
                            + ConfigProblem.suggestion(for: name, among: known))
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.slot(placeholder))
                rest = rest[rest.index(after: close)...]
            } else if character == "}" {
                throw SyntaxError(message: "'}' without '{' in '\(text)' (write '}}' for a brace)")
            } else {
                literal.append(character)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        self.description = text
    }

    /// The placeholders used.
    var placeholders: Set<Placeholder> {
        Set(parts.compactMap { if case .slot(let placeholder) = $0 { placeholder } else { nil } })
    }

    /// The text with every slot filled, or nil when some slot has no value in `values` (the parameter is
    /// then left out of the request).
    func render(_ values: [Placeholder: String]) -> String? {
        var output = ""
        for part in parts {
            switch part {
            case .literal(let text): output += text
            case .slot(let placeholder):
                guard let value = values[placeholder] else { return nil }
                output += value
            }
        }
        return output
    }
}

/// The values a request template can use.
package enum Placeholder: String, Sendable, Hashable, CaseIterable {
    /// The configured endpoint (URL templates).
    case endpoint
    /// The query text as written for this database.
    case query
    /// Page number (`paging: page`).
    case page
    /// Record offset (`paging: offset`).
    case offset
    /// Records per request.
    case pageSize = "page_size"
    /// The cursor from the previous page (`paging: cursor`).
    case cursor
    /// The window's first and last year.
    case fromYear = "from_year"
    case untilYear = "until_year"
    /// The window's year, only when it is a single year.
    case year
    /// The window's first and last day as `YYYY-MM-DD`.
    case fromDate = "from_date"
    case untilDate = "until_date"
    /// The same as `YYYYMMDD`.
    case fromDateCompact = "from_date_compact"
    case untilDateCompact = "until_date_compact"
    /// A `split: categories:` value.
    case category
    /// The contact e-mail address.
    case email

    /// Whether the placeholder carries a date window.
    var isDate: Bool {
        switch self {
        case .fromYear, .untilYear, .year, .fromDate, .untilDate, .fromDateCompact, .untilDateCompact: true
        default: false
        }
    }
}
