import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// The Highwire `citation_*` meta tags of a landing page (Cochrane record pages, KoreaMed Synapse articles,
/// KISS detail pages), in document order.
struct CitationMetaTags {
    private let tags: [(name: String, value: String)]

    init(_ document: XMLDocument) {
        let nodes = (try? document.select("//meta[starts-with(@name,'citation_')]")) ?? []
        tags = nodes.compactMap { node in
            guard let name = node.attribute("name"), let value = SourceText.plain(node.attribute("content")) else {
                return nil
            }
            return (name, value)
        }
    }

    /// Reads the tags of a saved page.
    ///
    /// - Throws: ``ConnectorError`` `.unexpectedResponse` naming `source` when the bytes are not HTML.
    init(html: Data, source: String) throws {
        let document = try HTMLPage.document(html, source: source)
        self.init(document)
    }

    /// Every value of tag `name`.
    func all(_ name: String) -> [String] { tags.filter { $0.name == name }.map(\.value) }

    /// The first value of tag `name`.
    func first(_ name: String) -> String? { tags.first { $0.name == name }?.value }

    /// Authors with the `citation_author_institution` tags that follow each.
    var authors: [Author] {
        var authors: [Author] = []
        for tag in tags {
            if tag.name == "citation_author", let author = Self.author(tag.value) {
                authors.append(author)
            } else if tag.name == "citation_author_institution", !authors.isEmpty {
                authors[authors.count - 1].affiliations.append(tag.value)
            }
        }
        return authors
    }

    /// `citation_publication_date` (`2020/02/11`, `2020-02`, `2020`).
    var publicationDate: PublicationDate? {
        guard let text = first("citation_publication_date") ?? first("citation_date"),
            let year = Normalize.year(in: text)
        else { return nil }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        return PublicationDate(year: year, month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
    }

    /// First and last page joined (`356-364`), or the first page alone.
    var pages: String? {
        guard let first = first("citation_firstpage") else { return nil }
        return self.first("citation_lastpage").map { "\(first)-\($0)" } ?? first
    }

    /// The bibliographic fields every such page has, written into `record`.
    func apply(to record: inout Record) {
        record.title = first("citation_title") ?? record.title
        record.authors = authors
        record.journal = first("citation_journal_title")
        record.journalAbbreviation = first("citation_journal_abbrev")
        record.volume = first("citation_volume")
        record.issue = first("citation_issue")
        record.pages = pages
        record.date = publicationDate ?? record.date
        record.keywords = all("citation_keywords").flatMap { $0.split(separator: ";").compactMap { Normalize.text(String($0)) } }
        record.languages = all("citation_language")
    }

    /// `Family, Given` is split at the comma; `Given Family` (romanised names, given name first) at the
    /// last space; a single word or a Hangul name is kept as written.
    static func author(_ name: String) -> Author? {
        if name.contains(",") { return SourceText.author(name) }
        let words = name.split(separator: " ").map(String.init)
        let hangul = name.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
        guard words.count >= 2, !hangul, let family = words.last else { return SourceText.author(name) }
        return Author(family: family, given: words.dropLast().joined(separator: " "))
    }
}
