import Foundation
import LitharvestCore
package import LitharvestModel

/// How an OAI-PMH harvest uses ``Query/text``. OAI-PMH has no search, so the text is a filter applied to
/// the harvested records: blank or `*` keeps everything (harvest the whole set); otherwise alternatives
/// separated by ` OR ` each list words or `"quoted phrases"` that must all occur (case-insensitively) in
/// the title, other title, keywords, subjects or abstract. `dry needling OR "intramuscular stimulation"`
/// keeps records mentioning both "dry" and "needling", or the phrase.
package struct OAIQueryFilter: Sendable, Hashable {
    /// The alternatives; each is a list of lower-cased terms that must all occur.
    package let alternatives: [[String]]

    /// Parses `text`.
    package init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed != "*" else {
            alternatives = []
            return
        }
        alternatives = trimmed.components(separatedBy: " OR ").map(Self.terms).filter { !$0.isEmpty }
    }

    /// True when the filter keeps every record.
    package var keepsEverything: Bool { alternatives.isEmpty }

    /// Whether `record` passes.
    package func matches(_ record: Record) -> Bool {
        guard !keepsEverything else { return true }
        let haystack = (
            [record.title, record.otherTitle, record.abstract].compactMap { $0 } + record.keywords
                + record.subjects.map(\.term)
        ).joined(separator: "\n").lowercased()
        return alternatives.contains { terms in terms.allSatisfy { haystack.contains($0) } }
    }

    private static func terms(_ alternative: String) -> [String] {
        var terms: [String] = []
        for (index, part) in alternative.components(separatedBy: "\"").enumerated() {
            if index % 2 == 1 {
                if let phrase = Normalize.text(part) { terms.append(phrase.lowercased()) }
            } else {
                terms += part.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            }
        }
        return terms
    }
}

extension OAIQueryFilter: CustomStringConvertible {
    /// How the filter reads, for the search log.
    package var description: String {
        guard !keepsEverything else { return "no filter: every harvested record is kept" }
        let readable = alternatives.map { terms in
            "(" + terms.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " AND ") + ")"
        }
        return "kept when title, keywords or abstract contain " + readable.joined(separator: " OR ")
    }
}
