import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// Turns ``Query/text`` into `articleSearch` parameters. Plain text searches titles (`title`, the
/// parameter KCI's guide requires). `field: value; field: value` sets several fields, from `title`,
/// `keyword`, `author`, `journal`, `institution`, `affiliation` and `doi`. Any other field is refused,
/// because KCI silently ignores unknown parameters and would return its whole catalogue.
enum KCIRestQuery {
    static let fields = ["title", "keyword", "author", "journal", "institution", "affiliation", "doi"]

    /// The parameters for `text`.
    ///
    /// - Throws: ``ConnectorError/Kind/invalidQuery`` for an empty query, an unknown field or an empty value.
    static func parameters(from text: String) throws -> [QueryItem] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConnectorError(.invalidQuery, "the KCI query is empty") }
        guard isFielded(trimmed) else { return [QueryItem("title", trimmed)] }
        var items: [QueryItem] = []
        for part in trimmed.split(separator: ";") {
            guard let colon = part.firstIndex(of: ":") else {
                throw ConnectorError(.invalidQuery, "KCI query part '\(part)' is not `field: value`")
            }
            let field = part[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard fields.contains(field) else {
                let hint = field == "abstract" ? " (KCI accepts it but does not search abstracts)" : ""
                throw ConnectorError(
                    .invalidQuery,
                    "KCI cannot search field '\(field)'\(hint); use \(fields.joined(separator: ", "))")
            }
            guard !value.isEmpty else { throw ConnectorError(.invalidQuery, "KCI query field '\(field)' has no value") }
            items.append(QueryItem(field, value))
        }
        return items
    }

    /// Whether `text` starts with `word:` (a field name, letters only).
    private static func isFielded(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let head = text[..<colon].trimmingCharacters(in: .whitespaces)
        return !head.isEmpty && head.allSatisfy { $0.isASCII && $0.isLetter }
    }
}
