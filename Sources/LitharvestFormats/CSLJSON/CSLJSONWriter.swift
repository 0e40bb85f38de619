import Foundation
package import LitharvestModel

/// CSL-JSON, the format Zotero and citeproc read: one JSON array of items with CSL variable names.
///
/// A record in two languages (a Korean record's English title and abstract, romanised author names) keeps
/// both in two ways, so that plain CSL 1.0 processors and multilingual ones each find them:
/// - `title` is the title the source gives first, `original-title` the other-language title (the one CSL 1.0
///   variable for a title in a second language; Zotero and pandoc read it), `language` the record's language.
/// - `multi`, the multilingual convention of citeproc-js (Zotero's processor) and Juris-M: `main` names the
///   language of `title`, `_keys.title` and `_keys.abstract` hold the other-language title and abstract by
///   language tag, and a person's `multi._key` holds the romanised form of the name. Languages are told by
///   script (Hangul `ko`, Latin `en`); text in a script that names no language is tagged `und`.
package struct CSLJSONWriter: RecordWriter {
    private let sink: any ByteSink
    private var count = 0

    /// Creates a writer into `sink`.
    package init(sink: any ByteSink) {
        self.sink = sink
    }

    package mutating func begin() throws { try sink.write("[") }

    package mutating func write(_ record: Record) throws {
        try sink.write((count == 0 ? "\n" : ",\n") + Self.json(for: record))
        count += 1
    }

    package mutating func finish() throws { try sink.write(count == 0 ? "]\n" : "\n]\n") }

    /// The CSL item for `record`, as a dictionary of CSL variables (only those with a value).
    package static func item(for record: Record) -> [String: Any] {
        var item: [String: Any] = [
            "id": "\(record.database):\(record.nativeID)",
            "type": cslType(for: record),
        ]
        item["title"] = record.title
        item["original-title"] = record.otherTitle
        item["publisher"] = record.publisher
        item["container-title"] = record.journal
        item["container-title-short"] = record.journalAbbreviation
        let authors = record.authors.compactMap(cslName)
        if !authors.isEmpty { item["author"] = authors }
        let contributors = (record.contributors ?? []).compactMap(cslName)
        if !contributors.isEmpty { item["contributor"] = contributors }
        if let date = record.date { item["issued"] = ["date-parts": [date.dateParts]] }
        item["volume"] = record.volume
        item["issue"] = record.issue
        if let pages = Pages(record.pages) {
            item["page"] = pages.expanded
        } else if let number = record.articleNumber {
            item["number"] = number
        }
        item["DOI"] = record.doi
        item["PMID"] = record.pmid
        item["PMCID"] = record.pmcid
        let issns = orderedISSNs(record.issns)
        if !issns.isEmpty { item["ISSN"] = issns.joined(separator: ", ") }
        item["abstract"] = record.abstract
        item["language"] = record.languages.first.map(cslLanguage)
        if !record.keywords.isEmpty { item["keyword"] = record.keywords.joined(separator: ", ") }
        item["URL"] = record.url
        if let multi = multilingual(record) { item["multi"] = multi }
        return item
    }

    /// A CSL name: `family`/`given` or `literal`, with the romanised form in citeproc-js's `multi._key`.
    static func cslName(_ author: Author) -> [String: Any]? {
        var name: [String: Any]
        if let family = author.family {
            name = ["family": family]
            if let given = author.given ?? author.initials, !given.isEmpty { name["given"] = given }
        } else if let literal = author.literal {
            name = ["literal": literal]
        } else {
            return nil
        }
        if let romanised = author.alternateNames.first(where: { !$0.isEmpty }) {
            name["multi"] = ["_key": [ExportFields.scriptLanguage(romanised) ?? "und": personName(romanised)]]
        }
        return name
    }

    /// A language tag for CSL's `language` (processors test it for English before title-casing): the names
    /// and ISO 639-2 codes Korean databases and PubMed give for Korean and English become `ko` and `en`;
    /// anything else is kept as the source gives it.
    static func cslLanguage(_ language: String) -> String {
        switch language.lowercased() {
        case "한국어", "국어", "korean", "kor", "ko": "ko"
        case "영어", "english", "eng", "en": "en"
        default: language
        }
    }

    /// citeproc-js's `multi` for the other-language title and abstract, nil when the record has neither.
    static func multilingual(_ record: Record) -> [String: Any]? {
        var keys: [String: Any] = [:]
        if let other = record.otherTitle { keys["title"] = [ExportFields.scriptLanguage(other) ?? "und": other] }
        if let other = record.otherAbstract { keys["abstract"] = [ExportFields.scriptLanguage(other) ?? "und": other] }
        guard !keys.isEmpty else { return nil }
        var multi: [String: Any] = ["_keys": keys]
        if let language = ExportFields.scriptLanguage(record.title) { multi["main"] = ["title": language] }
        return multi
    }

    /// `Family, Given` as a CSL name, anything else as a literal.
    static func personName(_ text: String) -> [String: String] {
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { return ["family": parts[0], "given": parts[1]] }
        return ["literal": text]
    }

    /// One item as compact JSON with sorted keys (stable output for diffs and tests).
    package static func json(for record: Record) -> String {
        // Written by hand: JSONSerialization was most of the time of `parse --format csljson`.
        var out = ""
        JSONText.append(item(for: record), to: &out)
        return out
    }

    /// Print first, then electronic, then the rest, without repeats.
    static func orderedISSNs(_ issns: [ISSN]) -> [String] {
        let order: [ISSN.Kind] = [.print, .electronic, .linking, .unknown]
        var seen = Set<String>()
        return order.flatMap { kind in issns.filter { $0.kind == kind }.map(\.value) }.filter {
            seen.insert($0).inserted
        }
    }

    static func cslType(for record: Record) -> String {
        let types = record.publicationTypes.map { $0.lowercased() }
        if types.contains("book chapter") { return "chapter" }
        if types.contains("book") { return "book" }
        if record.identifiers.contains(where: { $0.scheme == "bookaccession" }) {
            return record.journal == nil || record.journal == record.title ? "book" : "chapter"
        }
        if types.contains(where: { $0.contains("thesis") || $0.contains("dissertation") || $0.contains("학위논문") }) {
            return "thesis"
        }
        if types.contains(where: { $0.contains("report") && !$0.contains("case report") }) { return "report" }
        return "article-journal"
    }
}
