import Foundation
import LitharvestModel

/// Reads CSL-JSON (Zotero, citeproc, litharvest's ``CSLJSONWriter``): an array of items (a single item or
/// `{"items": […]}` also), `id` as native id (without our writer's `database:` prefix when it names the
/// importing database).
struct CSLJSONReader {
    let database: String

    func read(_ input: ImportText, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0, diagnostics: input.diagnostics)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(input.text.utf8))
        } catch {
            throw ConnectorError(.malformedFile, "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)", location: input.path)
        }
        let items: [Any]
        if let array = json as? [Any] {
            items = array
        } else if let object = json as? [String: Any] {
            items = (object["items"] as? [Any]) ?? [object]
        } else {
            throw ConnectorError(.malformedFile, "CSL-JSON must be an array of items", location: input.path)
        }
        for (offset, element) in items.enumerated() {
            let location = "\(input.path): item \(offset + 1)"
            guard let item = element as? [String: Any] else {
                report.diagnostics.append(Diagnostic(.warning, "item skipped: it is not a JSON object", location: location))
                continue
            }
            let record = record(item, index: offset + 1, input: input)
            try ImportFields.emitIfUseful(record, what: "item", location: location, report: &report, emit: emit)
        }
        return report
    }

    /// A string for a CSL variable given as a string or a number.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: Normalize.text(text)
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    func record(_ item: [String: Any], index: Int, input: ImportText) -> Record {
        func text(_ key: String) -> String? { Self.string(item[key]) }
        var nativeID = text("id") ?? "\(input.fileName)#\(index)"
        if nativeID.hasPrefix(database + ":"), nativeID.count > database.count + 1 {
            nativeID = String(nativeID.dropFirst(database.count + 1))
        }
        var record = Record(database: database, nativeID: nativeID)
        record.title = text("title")
        record.otherTitle = text("original-title") ?? text("title-translated")
        record.authors = (item["author"] as? [[String: Any]] ?? []).compactMap { name in
            var author: Author?
            if let family = Self.string(name["family"]) {
                author = AuthorName.person(family: family, given: Self.string(name["given"]))
            } else {
                author = Self.string(name["literal"]).map { Author(literal: $0) }
            }
            // citeproc-js's `multi._key`: the name in another script or romanisation.
            if let forms = (name["multi"] as? [String: Any])?["_key"] as? [String: Any] {
                for language in forms.keys.sorted() {
                    guard let form = forms[language] as? [String: Any] else { continue }
                    let written = Self.string(form["family"]).map { family in
                        Self.string(form["given"]).map { "\(family), \($0)" } ?? family
                    } ?? Self.string(form["literal"])
                    if let written { author?.alternateNames.append(written) }
                }
            }
            return author
        }
        record.journal = text("container-title")
        record.journalAbbreviation = text("container-title-short") ?? text("journalAbbreviation")
        record.date = Self.date(item["issued"])
        record.volume = text("volume")
        record.issue = text("issue")
        record.pages = ImportFields.pages(text("page"))
        if record.pages == nil { record.articleNumber = text("number") }
        record.doi = Normalize.doi(text("DOI"))
        record.pmid = ImportFields.pmid(text("PMID"))
        record.pmcid = Normalize.pmcid(text("PMCID"))
        ImportFields.addStandardNumbers(text("ISSN"), to: &record)
        ImportFields.addStandardNumbers(text("ISBN"), to: &record)
        record.abstract = text("abstract")
        record.publisher = text("publisher")
        // citeproc-js's multilingual convention: the other-language title and abstract by language tag.
        let multiKeys = (item["multi"] as? [String: Any])?["_keys"] as? [String: Any]
        func multilingual(_ key: String) -> String? {
            guard let byLanguage = multiKeys?[key] as? [String: Any] else { return nil }
            return byLanguage.keys.sorted().lazy.compactMap { Self.string(byLanguage[$0]) }.first
        }
        record.otherTitle = record.otherTitle ?? multilingual("title")
        record.otherAbstract = multilingual("abstract")
        if let language = text("language") { record.languages = [language] }
        ImportFields.appendUnique(contentsOf: (text("keyword") ?? "").split(separator: ","), to: &record.keywords)
        record.url = text("URL")
        if let type = text("type") {
            let name = switch type {
            case "article-journal", "article": "Journal Article"
            case "book": "Book"
            case "chapter": "Book Chapter"
            case "thesis": "Thesis"
            case "report": "Report"
            case "paper-conference": "Conference Paper"
            default: type
            }
            record.publicationTypes = [name]
        }
        return record
    }

    /// `{"date-parts": [[2020, 5, 1]]}`, `{"raw": "2020-05"}`, `{"literal": "Spring 2020"}` or a plain string.
    static func date(_ value: Any?) -> PublicationDate? {
        if let text = value as? String { return ImportFields.date(text) }
        guard let object = value as? [String: Any] else { return nil }
        if let parts = (object["date-parts"] as? [Any])?.first as? [Any] {
            let numbers = parts.map { string($0).flatMap { Int($0) } }
            if let year = numbers.first ?? nil {
                return PublicationDate(year: year, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
            }
        }
        return ImportFields.date(string(object["raw"]) ?? string(object["literal"]))
    }
}
