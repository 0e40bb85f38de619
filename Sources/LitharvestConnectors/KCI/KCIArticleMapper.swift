import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Maps KCI's `journalInfo` + `articleInfo` pair, which the REST answers (`articleSearch`,
/// `articleDetail`) and the `oai_kci` format share, to a ``Record``.
enum KCIArticleMapper {
    /// ORCID placeholder KCI prints for authors without one.
    static let orcidPlaceholder = "0000-0000-0000-0000"

    /// Maps one article.
    ///
    /// - Throws: ``ConnectorError`` when the article has no `ART…` id.
    static func record(journal: XMLNode?, article: XMLNode, database: String) throws -> Record {
        guard let id = Normalize.text(article.attribute("article-id")), !id.isEmpty else {
            throw ConnectorError(.unexpectedResponse, "<articleInfo> has no article-id")
        }
        var record = Record(database: database, nativeID: id)

        let titles = article.child("title-group")?.children("article-title") ?? []
        func title(_ language: String) -> String? {
            titles.first { $0.attribute("lang") == language }.flatMap { SourceText.plain($0.rawText) }
        }
        let translated = title("english") ?? title("foreign")
        record.title = title("original") ?? translated ?? titles.lazy.compactMap { SourceText.plain($0.rawText) }.first
        if let translated, translated != record.title { record.otherTitle = translated }

        record.authors = authors(in: article)
        if let journal {
            record.journal = text(journal, "journal-name")
            record.issns =
                (text(journal, "issn").map { [ISSN($0)] } ?? [])
                + (text(journal, "pissn").map { [ISSN($0, kind: .print)] } ?? [])
                + (text(journal, "eissn").map { [ISSN($0, kind: .electronic)] } ?? [])
            if let year = text(journal, "pub-year").flatMap({ Normalize.year(in: $0) }) {
                record.date = PublicationDate(year: year, month: text(journal, "pub-mon").flatMap { Int($0) })
            }
            record.publisher = text(journal, "publisher-name")
            record.volume = text(journal, "volume")
            record.issue = text(journal, "issue")
        }
        let first = text(article, "fpage")
        let last = text(article, "lpage")
        record.pages = first.map { first in last.map { $0 == first ? first : "\(first)-\($0)" } ?? first }
        record.doi = Normalize.doi(text(article, "doi"))
        if let uci = text(article, "uci") { record.identifiers.append(RecordIdentifier(scheme: "uci", value: uci)) }

        let abstracts = (article.child("abstract-group")?.children("abstract") ?? []) + article.children("abstract")
        let original = abstracts.first { $0.attribute("lang") == "original" } ?? abstracts.first { $0.attribute("lang") == nil }
        let main = original ?? abstracts.first
        record.abstract = main.flatMap { SourceText.plain($0.rawText) }
        let otherAbstract = abstracts.first { $0.attribute("lang") == "english" } ?? abstracts.first { $0.attribute("lang") == "foreign" }
        if let other = otherAbstract.flatMap({ SourceText.plain($0.rawText) }), other != record.abstract {
            record.otherAbstract = other
        }
        record.keywords = article.child("keyword-group")?.children("keyword").compactMap { SourceText.plain($0.rawText) } ?? []
        record.languages = [text(article, "language") ?? text(article, "article-language")].compactMap { $0 }
        if let category = text(article, "article-categories") {
            record.subjects = [SubjectTerm(term: category, scheme: "KCI")]
        }
        record.url = text(article, "url")
        return record
    }

    /// Authors from `author-group` (`이름(소속)` text with an `english` attribute, or `name`/`name-eng`/
    /// `institution` children), else from `oai_kci`'s `author-name`.
    static func authors(in article: XMLNode) -> [Author] {
        let grouped = article.child("author-group")?.children("author") ?? []
        if grouped.isEmpty, let named = article.child("author-name")?.children("author") {
            return named.compactMap { node in
                text(node, "name").map { Author(literal: $0, affiliations: [text(node, "affiliation")].compactMap { $0 }) }
            }
        }
        return grouped.compactMap { node in
            var author: Author
            if let name = text(node, "name") {
                author = Author(
                    literal: name, affiliations: [text(node, "institution") ?? text(node, "affiliation")].compactMap { $0 })
                if let english = text(node, "name-eng") { author.alternateNames.append(english) }
            } else {
                guard let split = SourceText.author(node.rawText) else { return nil }
                author = split
            }
            if let english = SourceText.plain(node.attribute("english")), !author.alternateNames.contains(english) {
                author.alternateNames.append(english)
            }
            if let orcid = Normalize.text(node.attribute("orc-id")), orcid != orcidPlaceholder {
                author.orcid = orcid
            }
            return author
        }
    }

    /// The plain text of `node`'s child `name`, nil when absent or empty.
    private static func text(_ node: XMLNode, _ name: String) -> String? {
        SourceText.plain(node.child(name)?.rawText)
    }
}
