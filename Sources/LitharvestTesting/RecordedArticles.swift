import Foundation
import LitharvestCore
import LitharvestModel

/// Real article elements cut out of recorded EFetch responses, keyed by Entrez UID, with the day each
/// entered the database. Feeds ``EUtilitiesStandIn`` for replays: `<PubmedArticle>` elements for PubMed
/// (UID = PMID, date = `PubMedPubDate PubStatus="entrez"`), JATS `<article>` elements for PMC (UID = the
/// numeric PMC id, date = the electronic publication date).
package struct RecordedArticles: Sendable {
    /// The Entrez database the articles belong to.
    package enum Database: Sendable {
        case pubmed, pmc
    }

    /// Which database these are.
    package let database: Database
    /// UID → the article element as recorded.
    package private(set) var elements: [Int: String] = [:]
    /// The articles with their creation dates.
    package private(set) var articles: [EUtilitiesStandIn.Article] = []

    /// An empty set; fill it with ``add(fromEFetch:)``.
    package init(database: Database = .pubmed) {
        self.database = database
    }

    /// Reads every `.xml` file in `directory`.
    package init(database: Database = .pubmed, directory: String) throws {
        self.database = database
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
        for name in names {
            add(fromEFetch: try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// Adds the articles of one EFetch response.
    package mutating func add(fromEFetch text: String) {
        let (openTag, closeTag) = database == .pubmed ? ("<PubmedArticle", "</PubmedArticle>") : ("<article", "</article>")
        var rest = text[...]
        while let open = Self.openingTag(openTag, in: rest),
            let close = rest.range(of: closeTag, range: open.upperBound..<rest.endIndex)
        {
            let element = String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
            guard let uid = uid(of: element) else { continue }
            if elements[uid] == nil {
                articles.append(EUtilitiesStandIn.Article(pmid: uid, created: created(element) ?? SimpleDate(year: 2000, month: 1, day: 1)!))
            }
            elements[uid] = element
        }
    }

    private func uid(of element: String) -> Int? {
        let pattern = database == .pubmed ? #"<PMID[^>]*>(\d+)</PMID>"# : #"<article-id pub-id-type="pmc">(?:PMC)?(\d+)</article-id>"#
        return Self.firstMatch(pattern, in: element).flatMap { Int($0[0]) }
    }

    private func created(_ element: String) -> SimpleDate? {
        let pattern =
            database == .pubmed
            ? #"PubStatus="entrez">\s*<Year>(\d+)</Year>\s*<Month>(\d+)</Month>\s*<Day>(\d+)</Day>"#
            : #"<pub-date pub-type="epub">\s*<day>(\d+)</day>\s*<month>(\d+)</month>\s*<year>(\d+)</year>"#
        guard let parts = Self.firstMatch(pattern, in: element)?.compactMap({ Int($0) }), parts.count == 3 else { return nil }
        return database == .pubmed
            ? SimpleDate(year: parts[0], month: parts[1], day: parts[2])
            : SimpleDate(year: parts[2], month: parts[1], day: parts[0])
    }

    /// `<tag>` or `<tag attr…>`, not a longer name that starts the same (`<article-id>`).
    private static func openingTag(_ tag: String, in text: Substring) -> Range<Substring.Index>? {
        var searchStart = text.startIndex
        while let range = text.range(of: tag, range: searchStart..<text.endIndex) {
            let next = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if next == ">" || next == " " || next == "\n" || next == "\t" { return range }
            searchStart = range.upperBound
        }
        return nil
    }

    private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
