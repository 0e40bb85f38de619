import Foundation
package import LitharvestModel

/// BibTeX for JabRef, LaTeX users, Zotero and Rayyan; also read by biblatex/biber and bibtexparser.
///
/// Conventions:
/// - UTF-8 without a byte-order mark, LF line ends; non-ASCII text stays UTF-8 (biber, bibtexparser, JabRef
///   and Zotero read it; classic 8-bit BibTeX needs `inputenc`). Entries are separated by a blank line, one
///   field per line, indented two spaces.
/// - Entry types: `@article`, `@book`, `@incollection` (a chapter; the book is `booktitle`), `@phdthesis`,
///   `@techreport`, decided like the CSL-JSON type.
/// - Keys: first author's surname (a collective's first word; a romanised ``Author/alternateNames`` form for a
///   name in another script, else the database id), ASCII-folded and lower-cased, then the year (`nd` without
///   one), then the first title word that is not a short function word (from the other-language title when the
///   title has no ASCII word): `lee2006ims`. A key already used in this output gets `a`, `b`, … `z`, `aa`, …
///   (first free one), so keys are unique and depend only on the records and their order.
/// - `author = {Lee, Young Jae and Ahn, K and {IMS Study Group}}`: persons `Family, Given`, collectives in
///   braces so BibTeX keeps them whole.
/// - Text fields escape LaTeX specials: `& % $ # _` as `\&` etc., `~ ^ \` as `\textasciitilde{}`,
///   `\textasciicircum{}`, `\textbackslash{}`, and braces as `\textbraceleft{}`/`\textbraceright{}` (a bare
///   `\{` would unbalance BibTeX's brace counting).
/// - Titles keep their case by protecting words, not the whole title: every word with a capital letter is
///   wrapped in braces (`{IMS}`, `{Gunn}`, `{COVID-19}`), except a first word capitalised only at its start,
///   which styles keep anyway. Styles may still lower-case the remaining lower-case words (no change), and
///   readers see a plain title once the braces are dropped.
/// - Also: `journal` (or `booktitle`/`series`), `shortjournal` (biblatex), `year`, `month` as the standard
///   macros `jan`…`dec` (unbraced), `volume`, `number` (issue), `pages = {221--228}` (expanded; an article
///   number alone when there are no pages), `doi` and `url` verbatim (biblatex reads them verbatim; braces
///   would be percent-encoded), `issn`/`isbn` joined with `, `, `abstract` on one line, `keywords` joined with
///   `, ` (author keywords, then MeSH descriptors), `language`, `publisher`, and the non-standard but common
///   `pmid` and `pmcid`.
/// - A second language (a Korean record's English title and abstract): the other-language title is
///   biblatex's `titleaddon`, which styles print after the title (`1930년대 기생-가정극 연구. A Study on
///   Kisaeng…`); the other abstract `otherabstract` and the authors' romanised names `authorromanised`
///   (in author order, `; `-separated, empty for an author without one) have no standard field, so they are
///   non-standard fields that biber and bibtexparser keep and styles ignore.
package struct BibTeXWriter: RecordWriter {
    private let sink: any ByteSink
    private var usedKeys: Set<String> = []

    /// Creates a writer into `sink`.
    package init(sink: any ByteSink) {
        self.sink = sink
    }

    package mutating func begin() throws {}

    package mutating func write(_ record: Record) throws {
        let key = uniqueKey(Self.baseKey(for: record))
        try sink.write(Self.entry(for: record, key: key) + "\n")
    }

    package mutating func finish() throws {}

    /// The base key with the first free suffix (none, `a`…`z`, `aa`…), remembered as used.
    private mutating func uniqueKey(_ base: String) -> String {
        var index = 0
        var key = base
        while usedKeys.contains(key) {
            index += 1
            key = base + Self.suffix(index)
        }
        usedKeys.insert(key)
        return key
    }

    /// 1 → `a`, 26 → `z`, 27 → `aa`, …
    static func suffix(_ index: Int) -> String {
        var number = index
        var letters = ""
        while number > 0 {
            number -= 1
            letters = String(UnicodeScalar(UInt8(97 + number % 26))) + letters
            number /= 26
        }
        return letters
    }

    /// The entry type for `record`.
    package static func entryType(for record: Record) -> String {
        switch ReferenceKind(record) {
        case .journalArticle: "article"
        case .book: "book"
        case .chapter: "incollection"
        case .thesis: "phdthesis"
        case .report: "techreport"
        }
    }

    /// The key before de-duplication: surname, year, first significant title word.
    package static func baseKey(for record: Record) -> String {
        let author = record.authors.first.flatMap { author -> String? in
            let candidates = [author.family ?? author.literal.flatMap { $0.split(separator: " ").first.map(String.init) }]
                + author.alternateNames.map { $0.split(separator: ",").first.map(String.init) }
            return candidates.lazy.compactMap { $0.map(asciiKeyPart) }.first { !$0.isEmpty }
        }
        let year = record.year.map(String.init) ?? "nd"
        let word = [record.title, record.otherTitle].lazy.compactMap { $0.flatMap(firstSignificantWord) }.first
        return (author ?? asciiKeyPart(record.database)) + year + (word ?? "")
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "by", "with", "from", "is", "are", "as",
        "its", "into",
    ]

    static func firstSignificantWord(_ title: String) -> String? {
        let words = title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { asciiKeyPart(String($0)) }
            .filter { !$0.isEmpty }
        return words.first { !stopWords.contains($0) } ?? words.first
    }

    /// Lower-case ASCII letters and digits of `text`, accents removed (`Müller` → `muller`); other scripts
    /// drop out.
    static func asciiKeyPart(_ text: String) -> String {
        let special: [Character: String] = [
            "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d",
            "Đ": "d", "þ": "th", "Þ": "th", "ı": "i",
        ]
        let replaced = text.map { special[$0] ?? String($0) }.joined()
        let folded = replaced.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            .map(Character.init)).lowercased()
    }

    /// One entry, ending with `}` and a newline.
    package static func entry(for record: Record, key: String) -> String {
        var fields: [(String, String)] = []
        func add(_ name: String, _ value: String?) {
            if let value = ExportFields.line(value) { fields.append((name, "{" + escape(value) + "}")) }
        }
        func addVerbatim(_ name: String, _ value: String?) {
            if let value = ExportFields.line(value) {
                let safe = value.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
                fields.append((name, "{" + safe + "}"))
            }
        }
        let kind = ReferenceKind(record)
        let names = record.authors.compactMap(authorName)
        if !names.isEmpty { fields.append(("author", "{" + names.joined(separator: " and ") + "}")) }
        if let title = ExportFields.line(record.title) { fields.append(("title", "{" + protectedTitle(title) + "}")) }
        switch kind {
        case .chapter: add("booktitle", record.journal)
        case .book: add("series", record.journal)
        case .journalArticle, .thesis, .report: add("journal", record.journal)
        }
        add("shortjournal", record.journalAbbreviation)
        if let date = record.date {
            add("year", String(date.year))
            if let month = date.month { fields.append(("month", ExportFields.monthAbbreviations[month - 1].lowercased())) }
        }
        add("volume", record.volume)
        add("number", record.issue)
        if let pages = ExportFields.pageRange(record) { add("pages", pages.last.map { "\(pages.first)--\($0)" } ?? pages.first) }
        addVerbatim("doi", record.doi)
        add("pmid", record.pmid)
        add("pmcid", record.pmcid)
        let issns = ExportFields.issns(record)
        if !issns.isEmpty { add("issn", issns.joined(separator: ", ")) }
        let isbns = ExportFields.isbns(record)
        if !isbns.isEmpty { add("isbn", isbns.joined(separator: ", ")) }
        add("abstract", record.abstract)
        let keywords = ExportFields.keywords(record)
        if !keywords.isEmpty { add("keywords", keywords.joined(separator: ", ")) }
        add("language", record.languages.first)
        add("titleaddon", record.otherTitle)
        add("otherabstract", record.otherAbstract)
        add("publisher", record.publisher)
        add("authorromanised", ExportFields.alternateNames(record))
        addVerbatim("url", record.url)
        let body = fields.map { "  \($0.0) = \($0.1)" }.joined(separator: ",\n")
        return "@\(entryType(for: record)){\(key),\n\(body)\n}\n"
    }

    /// `Family, Given` escaped; a collective braced; a name part containing a stand-alone `and` braced so it is
    /// not taken for a separator.
    static func authorName(_ author: Author) -> String? {
        if let family = ExportFields.line(author.family) {
            let given = ExportFields.line(author.given) ?? ExportFields.line(author.initials)
            return ([family] + (given.map { [$0] } ?? [])).map { part in
                let escaped = escape(part)
                return part.split(separator: " ").contains { $0.lowercased() == "and" } ? "{\(escaped)}" : escaped
            }.joined(separator: ", ")
        }
        return ExportFields.line(author.literal).map { "{" + escape($0) + "}" }
    }

    /// `text` with LaTeX's special characters escaped.
    package static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "\\textbraceleft{}"
            case "}": out += "\\textbraceright{}"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "&", "%", "$", "#", "_": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// The escaped title with case-carrying words braced (see the type's documentation).
    package static func protectedTitle(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: true).enumerated().map { index, word in
            let escaped = escape(String(word))
            let capitals = word.filter(\.isUppercase).count
            guard capitals > 0 else { return escaped }
            let onlyInitial = capitals == 1 && word.first(where: \.isLetter)?.isUppercase == true
            if index == 0, onlyInitial { return escaped }
            return "{" + escaped + "}"
        }.joined(separator: " ")
    }
}
