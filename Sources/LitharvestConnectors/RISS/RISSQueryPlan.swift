import LitharvestCore
import LitharvestModel

/// A query in the Boolean form reviews write (`(warfarin OR coumadin) AND "vitamin K"`), which RISS's
/// web search does not honour (such strings return 0 hits): split by the shared ``BooleanQuery`` reader into
/// simple keyword searches whose result sets are combined client-side by control number.
struct RISSQueryPlan: Hashable, CustomStringConvertible {
    /// The query read in RISS's syntax.
    let query: BooleanQuery

    /// A plan of one simple search.
    static func term(_ text: String) -> RISSQueryPlan { RISSQueryPlan(query: .term(text)) }

    /// Parses `text`: `AND`, `OR`, `NOT` (upper case, as words), `&`, `|`, brackets and double-quoted
    /// phrases; adjacent words without an operator stay one simple search (RISS ranks them as keywords).
    ///
    /// - Throws: ``ConnectorError`` (`.invalidQuery`) for unbalanced brackets or quotes, or a dangling operator.
    static func parse(_ text: String) throws -> RISSQueryPlan {
        do {
            return RISSQueryPlan(query: try BooleanQuery.read(text, syntax: .riss))
        } catch {
            let message = switch error {
            case .unexpected(let token): "unexpected '\(token)' in the RISS query \(text)"
            case .unbalancedQuote: "unbalanced quote in the RISS query \(text)"
            case .endsWithOperator: "the RISS query ends with an operator: \(text)"
            case .unbalancedBrackets: "unbalanced brackets in the RISS query \(text)"
            case .expectedTerm(let token): "expected a search term at '\(token)' in the RISS query \(text)"
            }
            throw ConnectorError(.invalidQuery, message)
        }
    }

    /// The simple strings to send, each once, in first-use order.
    var terms: [String] { query.terms }

    /// Whether the query needed splitting (it has an operator).
    var isCompound: Bool { !query.isSingleTerm }

    /// The bracketed plan with each simple search quoted, as the search log shows it.
    var description: String { query.rendered { "\"\($0)\"" } }

    /// Combines per-term results: records keep the order of their first appearance.
    func combine(_ results: [String: [Record]]) -> [Record] { query.combine(results) }
}
