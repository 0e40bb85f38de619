import LitharvestCore
import LitharvestModel
import LitharvestXML

/// One result in a web database's list page, read the same way wherever the list follows the documented
/// pattern: the title link inside the nearest list item, table row or `…item` block, whose fields carry
/// class names (`author`, `source`, `doi` and a class for the other-language title).
enum ResultListItem {
    /// The record around `link`: its text is the title, the surrounding item gives the other fields.
    static func record(
        database: String, nativeID: String, url: String, link: XMLNode, otherTitleClass: String
    ) -> Record {
        var record = Record(database: database, nativeID: nativeID, title: SourceText.plain(link.text), url: url)
        let container = (try? link.first("ancestor::*[self::li or self::tr][1]"))
            ?? (try? link.first("ancestor::div[contains(@class,'item')][1]"))
        guard let item = container else { return record }
        func field(_ name: String) -> String? {
            SourceText.plain(try? item.text(".//*[contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')]"))
        }
        record.otherTitle = field(otherTitleClass)
        if let authors = field("author") {
            record.authors = authors.split(whereSeparator: { $0 == "," || $0 == ";" }).compactMap {
                WebText.person(String($0))
            }
        }
        let citation = WebText.citation(field("source"))
        record.journal = citation.journal
        record.date = citation.year.map { PublicationDate(year: $0) }
        record.volume = citation.volume
        record.issue = citation.issue
        record.pages = citation.pages
        let doiLink = try? item.first(".//a[contains(@href,'doi.org/')]/@href")
        record.doi = Normalize.doi(doiLink?.rawText ?? field("doi"))
        return record
    }
}
