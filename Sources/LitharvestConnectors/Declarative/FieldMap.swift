import Foundation
import LitharvestCore
import LitharvestModel

/// `fields:`: for each ``Record`` field, where its value is in a record and how to clean it.
package struct FieldMap: Sendable {
    /// The Record fields a spec can fill, by their YAML names.
    package enum Field: String, Sendable, CaseIterable {
        /// The database's own id (required).
        case nativeID = "native_id"
        case title
        case otherTitle = "other_title"
        case authors
        case journal
        case journalAbbreviation = "journal_abbreviation"
        case issn
        case date
        case volume
        case issue
        case pages
        case articleNumber = "article_number"
        case doi
        case pmid
        case pmcid
        case abstract
        case keywords
        case languages
        case publicationTypes = "publication_types"
        case url

        /// Fields that may hold several values (a `split:` separates them further).
        var isList: Bool {
            switch self {
            case .authors, .issn, .keywords, .languages, .publicationTypes: true
            default: false
            }
        }
    }

    /// One field's rule.
    package struct Rule: Sendable {
        /// Paths tried in order; the first that gives a non-empty value wins.
        package var paths: [FieldPath]
        /// Whether to strip markup and decode entities (`SourceText.plain`); on unless `clean: none`.
        package var stripsMarkup: Bool
        /// A separator that splits one value into several (list fields).
        package var split: String?
        /// A regular expression whose matches are removed from each value (role labels such as `저자:`).
        package var remove: String?
        /// Keep only the text before the first occurrence of this (the title before ` = `).
        package var before: String?
        /// Keep only the text after the first occurrence of this (a value without it is dropped).
        package var after: String?
        /// Prepended to a value that does not start with `http` (relative links).
        package var prefix: String?

        /// The cleaned values of this rule for `node`.
        func values(in node: SourceNode, removing pattern: NSRegularExpression?) throws -> [String] {
            var raw: [String] = []
            for path in paths {
                raw = try node.strings(path).filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                if !raw.isEmpty { break }
            }
            var pieces: [String] = []
            for value in raw {
                let cleaned = stripsMarkup ? SourceText.plain(value) : Normalize.text(value)
                guard let cleaned else { continue }
                if let split {
                    pieces += cleaned.components(separatedBy: split)
                } else {
                    pieces.append(cleaned)
                }
            }
            return pieces.compactMap { piece in
                var text = piece
                if let pattern {
                    text = pattern.stringByReplacingMatches(
                        in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
                }
                if let before {
                    guard let range = text.range(of: before) else { return Normalize.text(text) }
                    text = String(text[..<range.lowerBound])
                }
                if let after {
                    guard let range = text.range(of: after) else { return nil }
                    text = String(text[range.upperBound...])
                }
                guard var result = Normalize.text(text) else { return nil }
                if let prefix, !result.lowercased().hasPrefix("http") { result = prefix + result }
                return result
            }
        }
    }

    /// Rules by field; `native_id` is always present.
    package var rules: [Field: Rule]
    /// `identifiers:`, other ids by scheme (`isbn`, `nlk_id`, …), in spec order.
    package var identifiers: [(scheme: String, rule: Rule)]
}
