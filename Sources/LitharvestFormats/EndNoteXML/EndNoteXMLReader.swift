import Foundation
import LitharvestModel
import LitharvestXML

/// Reads EndNote XML (`<xml><records><record>…`), streaming one `<record>` at a time so files of any size
/// need the memory of one record. Every text field is wrapped in `<style>` elements, sometimes several (a
/// title with an italic word); their text is joined.
///
/// Mapping: `rec-number` → native id; `ref-type` name → publication type; `contributors/authors` → authors;
/// `titles/title` → title, `translated-title` → other title; `periodical/full-title` (else
/// `titles/secondary-title`) → journal, `abbr-1`/`alt-title` → abbreviation; `pages` (expanded), `volume`,
/// `number` → issue; `dates/year` with `pub-dates/date` → date; `electronic-resource-num` → DOI; `isbn` →
/// ISSNs/ISBNs; `urls` → URL; `accession-num` → PMID when the record came from MEDLINE/NLM, else an
/// `embase` or `accession` identifier; `abstract`, `keywords`, `language`; `caption` (EndNote's label field,
/// used by the dedupe-sweep benchmark to flag duplicates) → identifier `caption`.
///
/// A document that breaks off after some records (a file cut short, never closed) keeps the records read
/// before the break and reports the break as an error, so the import is partial rather than lost or complete.
struct EndNoteXMLReader {
    let database: String

    func read(path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0)
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(fileAtPath: path)
        } catch {
            throw ConnectorError(.unreadableFile, "cannot read EndNote XML: \(error.message)", location: path)
        }
        var index = 0
        do {
            try reader.forEachElement(named: ["record"]) { node in
                index += 1
                let location = "\(path): record \(index) (line \(node.line))"
                let record = self.record(from: node, index: index, path: path)
                try ImportFields.emitIfUseful(record, what: "record", location: location, report: &report, emit: emit)
            }
        } catch let error as XMLError where error.kind == .malformed && index > 0 {
            report.diagnostics.append(Diagnostic(
                .error,
                "the EndNote XML breaks off after \(index) records (cut short or malformed; last line read \(error.line.map(String.init) ?? "?")): \(error.message)",
                location: error.line.map { "\(path):\($0)" } ?? path
            ))
        } catch let error as XMLError {
            throw ConnectorError(
                .malformedFile, "malformed EndNote XML after \(index) records: \(error.message)",
                location: error.line.map { "\(path):\($0)" } ?? path
            )
        }
        let root = reader.rootElementName ?? ""
        guard index > 0 || root == "xml" || root == "records" else {
            throw ConnectorError(
                .malformedFile, "not an EndNote XML file: the root element is <\(root)>, not <xml> or <records>", location: path
            )
        }
        return report
    }

    func record(from node: XMLNode, index: Int, path: String) -> Record {
        func text(_ element: XMLNode?) -> String? {
            Normalize.text(element?.rawText)
        }
        func lines(_ element: XMLNode?) -> [String] {
            (element?.rawText ?? "").split(whereSeparator: \.isNewline).compactMap { Normalize.text(String($0)) }
        }
        let number = text(node.child("rec-number"))
        var record = Record(database: database, nativeID: number ?? "\((path as NSString).lastPathComponent)#\(index)")

        if let type = node.child("ref-type")?.attribute("name").flatMap(Normalize.text) {
            record.publicationTypes.append(type)
        }
        let contributors = node.child("contributors")
        record.authors = (contributors?.child("authors")?.children("author") ?? []).compactMap { text($0).flatMap(AuthorName.parse) }

        let titles = node.child("titles")
        record.title = text(titles?.child("title"))
        record.otherTitle = text(titles?.child("translated-title"))
        let periodical = node.child("periodical") ?? node.child("alt-periodical")
        record.journal = text(periodical?.child("full-title")) ?? text(titles?.child("secondary-title"))
        let abbreviation = text(periodical?.child("abbr-1")) ?? text(titles?.child("alt-title"))
        if abbreviation != record.journal { record.journalAbbreviation = abbreviation }

        record.pages = ImportFields.pages(text(node.child("pages")))
        record.volume = text(node.child("volume"))
        record.issue = text(node.child("number"))
        let dates = node.child("dates")
        if let year = text(dates?.child("year")).flatMap(Normalize.year(in:)) {
            let published = text(dates?.child("pub-dates")?.child("date"))
            let detailed = published.flatMap { ImportFields.date("\(year) \($0)") }
            record.date = detailed.map { PublicationDate(year: year, month: $0.month, day: $0.day) } ?? PublicationDate(year: year)
        }
        record.doi = lines(node.child("electronic-resource-num")).lazy.compactMap(Normalize.doi).first
        for line in lines(node.child("isbn")) { ImportFields.addStandardNumbers(line, to: &record) }
        let urls = node.child("urls")
        record.url = text(urls?.child("related-urls")?.child("url")) ?? text(urls?.child("web-urls")?.child("url"))

        let accession = text(node.child("accession-num"))
        let source = [text(node.child("remote-database-name")), text(node.child("remote-database-provider"))]
            .compactMap { $0?.lowercased() }.joined(separator: " ")
        if let accession {
            if (source.contains("medline") && !source.contains("embase")) || source.contains("nlm") || source.contains("pubmed"),
               let pmid = ImportFields.pmid(accession) {
                record.pmid = pmid
            } else if source.contains("embase") {
                ImportFields.addIdentifier("embase", accession, to: &record)
            } else {
                ImportFields.addIdentifier("accession", accession, to: &record)
            }
        }
        record.abstract = text(node.child("abstract"))
        ImportFields.appendUnique(contentsOf: (node.child("keywords")?.children("keyword") ?? []).compactMap(text), to: &record.keywords)
        ImportFields.appendUnique(contentsOf: lines(node.child("language")), to: &record.languages)
        if let caption = text(node.child("caption")) { ImportFields.addIdentifier("caption", caption, to: &record) }
        return record
    }
}
