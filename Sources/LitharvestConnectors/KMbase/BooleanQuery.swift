/// A Boolean search string read into simple terms joined by AND, OR and NOT, so a site that cannot run the
/// whole string (KMbase answers long ones with HTTP 500) can be searched term by term and the sets combined
/// client-side. Words between operators form one term (`kidney stone`), quoted phrases stay quoted, and
/// parentheses group.
indirect enum BooleanQuery: Equatable, CustomStringConvertible {
    case term(String)
    case and(BooleanQuery, BooleanQuery)
    case or(BooleanQuery, BooleanQuery)
    /// Records of the first operand that are not in the second.
    case not(BooleanQuery, BooleanQuery)

    /// Reads `text`; nil when it is not well formed (unbalanced parentheses, an operator without operand).
    static func parse(_ text: String) -> BooleanQuery? {
        var parser = Parser(tokens: tokenize(text))
        guard let query = parser.parseOr(), parser.position == parser.tokens.count else { return nil }
        return query
    }

    /// The distinct terms, in reading order.
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

    var description: String {
        switch self {
        case .term(let term): term
        case .and(let left, let right): "(\(left) AND \(right))"
        case .or(let left, let right): "(\(left) OR \(right))"
        case .not(let left, let right): "(\(left) NOT \(right))"
        }
    }

    private enum Token: Equatable {
        case open, close, and, or, not
        case word(String)
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var inQuotes = false
        func flush() {
            guard !word.isEmpty else { return }
            switch word {
            case "AND", "&&": tokens.append(.and)
            case "OR", "||": tokens.append(.or)
            case "NOT": tokens.append(.not)
            default: tokens.append(.word(word))
            }
            word = ""
        }
        for character in text {
            if inQuotes {
                word.append(character)
                if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "\"":
                word.append(character)
                inQuotes = true
            case "(":
                flush()
                tokens.append(.open)
            case ")":
                flush()
                tokens.append(.close)
            case _ where character.isWhitespace:
                flush()
            default:
                word.append(character)
            }
        }
        flush()
        return tokens
    }

    private struct Parser {
        let tokens: [Token]
        var position = 0

        mutating func parseOr() -> BooleanQuery? {
            guard var left = parseAnd() else { return nil }
            while position < tokens.count, tokens[position] == .or {
                position += 1
                guard let right = parseAnd() else { return nil }
                left = .or(left, right)
            }
            return left
        }

        mutating func parseAnd() -> BooleanQuery? {
            guard var left = parseOperand() else { return nil }
            while position < tokens.count, tokens[position] == .and || tokens[position] == .not {
                let isNot = tokens[position] == .not
                position += 1
                guard let right = parseOperand() else { return nil }
                left = isNot ? .not(left, right) : .and(left, right)
            }
            return left
        }

        mutating func parseOperand() -> BooleanQuery? {
            guard position < tokens.count else { return nil }
            if tokens[position] == .open {
                position += 1
                guard let inner = parseOr(), position < tokens.count, tokens[position] == .close else { return nil }
                position += 1
                return inner
            }
            var words: [String] = []
            while position < tokens.count, case .word(let word) = tokens[position] {
                words.append(word)
                position += 1
            }
            return words.isEmpty ? nil : .term(words.joined(separator: " "))
        }
    }
}
