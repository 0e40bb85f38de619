import Foundation
import LitharvestModel

/// One Crossref work (an item of `/works`, or the message of `/works/{doi}`) as a record. The DOI is the
/// native id and the record's DOI, so dedup links the record to every other database's copy of the study.
enum CrossrefWork {
    /// The record of `item`, or why it was skipped.
    static func record(_ item: [String: Any], database: String) -> Result<Record, Skipped> {
        guard let doi = Normalize.doi(string(item["DOI"])) else {
            return .failure(Skipped(reason: "work without a DOI skipped"))
        }
        var record = Record(database: database, nativeID: doi, doi: doi)
        let title = strings(item["title"]).lazy.compactMap { CrossrefMarkup.inline($0) }.first
        let subtitle = strings(item["subtitle"]).lazy.compactMap { CrossrefMarkup.inline($0) }.first
        if let title, let subtitle, !title.localizedCaseInsensitiveContains(subtitle) {
            record.title = "\(title): \(subtitle)"
        } else {
            record.title = title
        }
        let original = strings(item["original-title"]).lazy.compactMap { CrossrefMarkup.inline($0) }.first
        if let original, original.caseInsensitiveCompare(title ?? "") != .orderedSame { record.otherTitle = original }
        record.authors = people(item["author"])
        let editors = people(item["editor"]).map { editor -> Author in
            var editor = editor
            editor.role = "editor"
            return editor
        }
        if !editors.isEmpty { record.contributors = editors }
        record.journal = strings(item["container-title"]).lazy.compactMap { CrossrefMarkup.inline($0) }.first
        record.journalAbbreviation = strings(item["short-container-title"]).lazy.compactMap { CrossrefMarkup.inline($0) }.first
        record.issns = issns(item)
        record.date = date(item)
        record.volume = Normalize.text(string(item["volume"]))
        record.issue = Normalize.text(string(item["issue"]))
        record.pages = Normalize.text(string(item["page"]))
        if record.pages == nil { record.articleNumber = Normalize.text(string(item["article-number"])) }
        record.abstract = CrossrefMarkup.abstract(string(item["abstract"]))
        record.subjects = strings(item["subject"]).compactMap { Normalize.text($0) }.map {
            SubjectTerm(term: $0, scheme: "Crossref subject")
        }
        record.languages = [string(item["language"])].compactMap(Normalize.text)
        record.publicationTypes = [string(item["type"])].compactMap { $0.flatMap(typeName) }
        record.publisher = Normalize.text(string(item["publisher"]))
        let resource = (item["resource"] as? [String: Any])?["primary"] as? [String: Any]
        record.url = Normalize.text(string(resource?["URL"])) ?? "https://doi.org/" + doi
        record.identifiers = identifiers(item)
        return .success(record)
    }

    /// Why a work gave no record.
    struct Skipped: Error {
        var reason: String
    }

    /// Crossref's type ids as the names the exporters read (`Journal Article` → RIS `JOUR`, CSL
    /// `article-journal`); ids without a common name are spelled out (`peer-review` → `Peer Review`).
    static func typeName(_ id: String) -> String? {
        switch id.lowercased() {
        case "journal-article": "Journal Article"
        case "book", "monograph", "edited-book", "reference-book": "Book"
        case "book-chapter", "book-section", "book-part": "Book Chapter"
        case "proceedings-article": "Conference Paper"
        case "dissertation": "Thesis"
        case "report", "report-component": "Report"
        case "posted-content": "Preprint"
        case "other", "": nil
        default:
            id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        }
    }

    // MARK: Fields

    private static func people(_ value: Any?) -> [Author] {
        (value as? [[String: Any]] ?? []).compactMap { person in
            let affiliations = (person["affiliation"] as? [[String: Any]] ?? []).compactMap {
                Normalize.text(string($0["name"]))
            }
            var author: Author
            if let family = Normalize.text(string(person["family"])) {
                author = Author(family: family, given: Normalize.text(string(person["given"])), affiliations: affiliations)
            } else if let name = Normalize.text(string(person["name"])) ?? Normalize.text(string(person["given"])) {
                // An organisation (`name`), or a person Crossref has only one name for.
                author = Author(literal: name, affiliations: affiliations)
            } else {
                return nil
            }
            author.orcid = orcid(string(person["ORCID"]))
            return author
        }
    }

    /// `0000-0002-4149-0494` from `http://orcid.org/0000-0002-4149-0494`.
    static func orcid(_ value: String?) -> String? {
        guard let value = Normalize.text(value) else { return nil }
        let bare = value.split(separator: "/").last.map(String.init) ?? value
        return bare.count == 19 ? bare.uppercased() : nil
    }

    private static func issns(_ item: [String: Any]) -> [ISSN] {
        var result: [ISSN] = []
        for typed in item["issn-type"] as? [[String: Any]] ?? [] {
            guard let value = Normalize.text(string(typed["value"])) else { continue }
            let kind: ISSN.Kind = switch string(typed["type"])?.lowercased() ?? "" {
            case "print": .print
            case "electronic": .electronic
            default: .unknown
            }
            if !result.contains(where: { $0.value == value }) { result.append(ISSN(value, kind: kind)) }
        }
        for value in strings(item["ISSN"]).compactMap({ Normalize.text($0) }) where !result.contains(where: { $0.value == value }) {
            result.append(ISSN(value))
        }
        return result
    }

    /// `issued` (the earliest of print and online publication), else the print, online or general
    /// publication date; Crossref writes an unknown date as `[[null]]`.
    private static func date(_ item: [String: Any]) -> PublicationDate? {
        for field in ["issued", "published-print", "published-online", "published"] {
            guard let parts = ((item[field] as? [String: Any])?["date-parts"] as? [[Any]])?.first,
                let year = parts.first as? Int, (1000...9999).contains(year)
            else { continue }
            let month = parts.count > 1 ? parts[1] as? Int : nil
            let day = parts.count > 2 ? parts[2] as? Int : nil
            return PublicationDate(year: year, month: month, day: day)
        }
        return nil
    }

    private static func identifiers(_ item: [String: Any]) -> [RecordIdentifier] {
        var result: [RecordIdentifier] = []
        func add(_ scheme: String, _ value: String?) {
            guard let value = Normalize.text(value) else { return }
            let identifier = RecordIdentifier(scheme: scheme, value: value)
            if !result.contains(identifier) { result.append(identifier) }
        }
        for isbn in strings(item["ISBN"]) { add("isbn", isbn) }
        // Trial registrations the publisher deposited: strong evidence for linking a trial's reports.
        for trial in item["clinical-trial-number"] as? [[String: Any]] ?? [] {
            guard let number = Normalize.text(string(trial["clinical-trial-number"])) else { continue }
            let isNCT = number.uppercased().hasPrefix("NCT") && number.count == 11
            add(isNCT ? CrossReference.clinicalTrials : CrossReference.trialRegistration, isNCT ? number.uppercased() : number)
        }
        return result
    }

    // MARK: JSON values

    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    static func strings(_ value: Any?) -> [String] {
        switch value {
        case let list as [Any]: list.compactMap { string($0) }
        case let text as String: [text]
        default: []
        }
    }
}
