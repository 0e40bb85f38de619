import LitharvestModel

/// A Boolean search string read into simple terms joined by AND, OR and NOT, for sites that cannot run the
/// whole string (KMbase answers long ones with HTTP 500, RISS's web search returns 0 hits): each term is
/// searched on its own and the result sets are combined client-side. Words between operators form one term
/// (`kidney stone`), parentheses group, AND and NOT bind tighter than OR. How quotes and operator symbols
/// read differs by site and is given by a ``Syntax``.
indirect enum BooleanQuery: Hashable {
    case term(String)
    case and(BooleanQuery, BooleanQuery)
    case or(BooleanQuery, BooleanQuery)
    /// Records of the first operand that are not in the second.
    case not(BooleanQuery, BooleanQuery)

    /// How a site's query strings are written.
    struct Syntax: Sendable {
        /// How double quotes are read.
        enum Quotes: Sendable {
            /// A quote belongs to the word it stands in (`"c d"` is the term `"c d"`, quotes included); an
            /// unclosed quote runs to the end.
            case keptInTerm
            /// A quoted phrase (straight or curly quotes) is one word without its quotes, whitespace
            /// normalised; an unclosed quote is an error.
            case phrase
        }

        /// Symbols read as operators besides the words `AND`, `OR` and `NOT`.
        var andSymbol: String
        var orSymbol: String
        var quotes: Quotes

        /// KMbase: `&&`, `||`, quotes kept in the term.
        static let kmbase = Syntax(andSymbol: "&&", orSymbol: "||", quotes: .keptInTerm)
        /// RISS: `&`, `|`, quoted phrases.
        static let riss = Syntax(andSymbol: "&", orSymbol: "|", quotes: .phrase)
    }

    /// Why a string could not be read.
    enum SyntaxError: Error, Equatable {
        /// A token after a complete query.
        case unexpected(String)
        /// A quote without its closing quote.
        case unbalancedQuote
        /// An operator with nothing after it.
        case endsWithOperator
        /// An opening bracket without its closing one.
        case unbalancedBrackets
        /// An operator or bracket where a term was expected.
        case expectedTerm(at: String)
    }

    /// Reads `text` written in `syntax`.
    static func read(_ text: String, syntax: Syntax) throws(SyntaxError) -> BooleanQuery {
        var parser = Parser(tokens: try tokenize(text, syntax: syntax))
        let query = try parser.expression()
        guard parser.index == parser.tokens.count else { throw .unexpected(parser.tokens[parser.index].description) }
        return query
    }

    /// The distinct terms, in first-use order.
    var terms: [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        func visit(_ node: BooleanQuery) {
            switch node {
            case .term(let term): if seen.insert(term).inserted { ordered.append(term) }
            case .and(let left, let right), .or(let left, let right), .not(let left, let right):
                visit(left)
                visit(right)
            }
        }
        visit(self)
        return ordered
    }

    /// Whether the query is one term (nothing to split).
    var isSingleTerm: Bool {
        if case .term = self { return true }
        return false
    }

    /// The ids matching the query, given the ids each term matched: AND = intersection, OR = union,
    /// NOT = difference.
    func evaluate(_ matches: [String: Set<String>]) -> Set<String> {
        switch self {
        case .term(let term): matches[term] ?? []
        case .and(let left, let right): left.evaluate(matches).intersection(right.evaluate(matches))
        case .or(let left, let right): left.evaluate(matches).union(right.evaluate(matches))
        case .not(let left, let right): left.evaluate(matches).subtracting(right.evaluate(matches))
        }
    }

    /// Combines per-term record lists by native id with the same set operations; records keep the order
    /// of their first appearance.
    func combine(_ results: [String: [Record]]) -> [Record] {
        switch self {
        case .term(let text):
            return results[text] ?? []
        case .and(let left, let right):
            let keep = Set(right.combine(results).map(\.nativeID))
            return left.combine(results).filter { keep.contains($0.nativeID) }
        case .or(let left, let right):
            var seen = Set<String>()
            return (left.combine(results) + right.combine(results)).filter { seen.insert($0.nativeID).inserted }
        case .not(let left, let right):
            let drop = Set(right.combine(results).map(\.nativeID))
            return left.combine(results).filter { !drop.contains($0.nativeID) }
        }
    }

    /// The fully bracketed form, each term passed through `term` (to quote it, for instance).
    func rendered(term: (String) -> String) -> String {
        switch self {
        case .term(let text): term(text)
        case .and(let left, let right): "(\(left.rendered(term: term)) AND \(right.rendered(term: term)))"
        case .or(let left, let right): "(\(left.rendered(term: term)) OR \(right.rendered(term: term)))"
        case .not(let left, let right): "(\(left.rendered(term: term)) NOT \(right.rendered(term: term)))"
        }
    }

    private enum Token: Hashable, CustomStringConvertible {
        case word(String), open, close, and, or, not

        var description: String {
            switch self {
            case .word(let word): word
            case .open: "("
            case .close: ")"
            case .and: "AND"
            case .or: "OR"
            case .not: "NOT"
            }
        }
    }

    private static func tokenize(_ text: String, syntax: Syntax) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            switch current {
            case "AND", syntax.andSymbol: tokens.append(.and)
            case "OR", syntax.orSymbol: tokens.append(.or)
            case "NOT": tokens.append(.not)
            default: tokens.append(.word(current))
            }
            current = ""
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch (character, syntax.quotes) {
            case ("\"", .keptInTerm):
                // The quoted part, quotes included, joins the current word; unclosed, it runs to the end.
                let rest = text[text.index(after: index)...]
                let close = rest.firstIndex(of: "\"").map { text.index(after: $0) } ?? text.endIndex
                current += text[index..<close]
                index = close
                continue
            case ("\"", .phrase), ("\u{201C}", .phrase), ("\u{201D}", .phrase):
                flush()
                guard let close = text[text.index(after: index)...].firstIndex(where: { $0 == "\"" || $0 == "\u{201D}" })
                else { throw .unbalancedQuote }
                if let phrase = Normalize.text(String(text[text.index(after: index)..<close])) { tokens.append(.word(phrase)) }
                index = close
            case ("(", _), (")", _):
                flush()
                tokens.append(character == "(" ? .open : .close)
            case _ where character.isWhitespace:
                flush()
            default:
                current.append(character)
            }
            index = text.index(after: index)
        }
        flush()
        return tokens
    }

    private struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func expression() throws(SyntaxError) -> BooleanQuery {
            var left = try conjunction()
            while index < tokens.count, tokens[index] == .or {
                index += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws(SyntaxError) -> BooleanQuery {
            var left = try primary()
            while index < tokens.count, tokens[index] == .and || tokens[index] == .not {
                let isNot = tokens[index] == .not
                index += 1
                let right = try primary()
                left = isNot ? .not(left, right) : .and(left, right)
            }
            return left
        }

        mutating func primary() throws(SyntaxError) -> BooleanQuery {
            guard index < tokens.count else { throw .endsWithOperator }
            if tokens[index] == .open {
                index += 1
                let inner = try expression()
                guard index < tokens.count, tokens[index] == .close else { throw .unbalancedBrackets }
                index += 1
                return inner
            }
            var words: [String] = []
            while index < tokens.count, case .word(let word) = tokens[index] {
                words.append(word)
                index += 1
            }
            guard !words.isEmpty else { throw .expectedTerm(at: tokens[index].description) }
            return .term(words.joined(separator: " "))
        }
    }
}

extension BooleanQuery: CustomStringConvertible {
    /// The fully bracketed form with the terms as written, e.g. `(a AND (b OR c))`.
    var description: String { rendered { $0 } }
}
