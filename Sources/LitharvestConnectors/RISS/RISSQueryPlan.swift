import LitharvestCore
import LitharvestModel

/// A query in the Boolean form reviews write (`(warfarin OR coumadin) AND "vitamin K"`), which RISS's
/// web search does not honour (such strings return 0 hits): split into simple keyword searches whose
/// result sets are combined client-side by control number (AND: intersection, OR: union, NOT: difference).
indirect enum RISSQueryPlan: Hashable {
    case term(String)
    case and(RISSQueryPlan, RISSQueryPlan)
    case or(RISSQueryPlan, RISSQueryPlan)
    case not(RISSQueryPlan, RISSQueryPlan)

    /// The simple strings to send, each once, in first-use order.
    var terms: [String] {
        var seen = Set<String>()
        var output: [String] = []
        func walk(_ plan: RISSQueryPlan) {
            switch plan {
            case .term(let text): if seen.insert(text).inserted { output.append(text) }
            case .and(let left, let right), .or(let left, let right), .not(let left, let right):
                walk(left)
                walk(right)
            }
        }
        walk(self)
        return output
    }

    /// Whether the query needed splitting (it has an operator).
    var isCompound: Bool {
        if case .term = self { return false }
        return true
    }

    var description: String {
        switch self {
        case .term(let text): "\"\(text)\""
        case .and(let left, let right): "(\(left.description) AND \(right.description))"
        case .or(let left, let right): "(\(left.description) OR \(right.description))"
        case .not(let left, let right): "(\(left.description) NOT \(right.description))"
        }
    }

    /// Combines per-term results: records keep the order of their first appearance.
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

    /// Parses `text`: `AND`, `OR`, `NOT` (upper case, as words), `&`, `|`, brackets and double-quoted
    /// phrases; adjacent words without an operator stay one simple search (RISS ranks them as keywords).
    ///
    /// - Throws: ``ConnectorError`` (`.invalidQuery`) for unbalanced brackets or quotes, or a dangling operator.
    static func parse(_ text: String) throws -> RISSQueryPlan {
        var parser = Parser(tokens: try tokenize(text), text: text)
        let plan = try parser.expression()
        guard parser.index == parser.tokens.count else {
            throw ConnectorError(.invalidQuery, "unexpected '\(parser.tokens[parser.index])' in the RISS query \(text)")
        }
        return plan
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

    private static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            switch current {
            case "AND", "&": tokens.append(.and)
            case "OR", "|": tokens.append(.or)
            case "NOT": tokens.append(.not)
            default: tokens.append(.word(current))
            }
            current = ""
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "(", ")":
                flush()
                tokens.append(character == "(" ? .open : .close)
            case "\"", "\u{201C}", "\u{201D}":
                flush()
                guard let close = text[text.index(after: index)...].firstIndex(where: { $0 == "\"" || $0 == "\u{201D}" }) else {
                    throw ConnectorError(.invalidQuery, "unbalanced quote in the RISS query \(text)")
                }
                if let phrase = Normalize.text(String(text[text.index(after: index)..<close])) { tokens.append(.word(phrase)) }
                index = close
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
        let text: String
        var index = 0

        mutating func expression() throws -> RISSQueryPlan {
            var left = try conjunction()
            while index < tokens.count, tokens[index] == .or {
                index += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws -> RISSQueryPlan {
            var left = try primary()
            while index < tokens.count, tokens[index] == .and || tokens[index] == .not {
                let isNot = tokens[index] == .not
                index += 1
                let right = try primary()
                left = isNot ? .not(left, right) : .and(left, right)
            }
            return left
        }

        mutating func primary() throws -> RISSQueryPlan {
            guard index < tokens.count else {
                throw ConnectorError(.invalidQuery, "the RISS query ends with an operator: \(text)")
            }
            if tokens[index] == .open {
                index += 1
                let inner = try expression()
                guard index < tokens.count, tokens[index] == .close else {
                    throw ConnectorError(.invalidQuery, "unbalanced brackets in the RISS query \(text)")
                }
                index += 1
                return inner
            }
            var words: [String] = []
            while index < tokens.count, case .word(let word) = tokens[index] {
                words.append(word)
                index += 1
            }
            guard !words.isEmpty else {
                throw ConnectorError(.invalidQuery, "expected a search term at '\(tokens[index])' in the RISS query \(text)")
            }
            return .term(words.joined(separator: " "))
        }
    }
}
