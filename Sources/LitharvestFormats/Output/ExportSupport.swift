import LitharvestModel

/// The kinds of reference the bibliographic exporters distinguish, decided as for CSL-JSON.
enum ReferenceKind {
    case journalArticle, book, chapter, thesis, report

    init(_ record: Record) {
        switch CSLJSONWriter.cslType(for: record) {
        case "book": self = .book
        case "chapter": self = .chapter
        case "thesis": self = .thesis
        case "report": self = .report
        default: self = .journalArticle
        }
    }
}

/// Field derivations the exporters share, so every format says the same thing about a record.
enum ExportFields {
    /// A value on one line: runs of whitespace, newlines included, become one space; nil when empty. Structured
    /// abstracts thus read `OBJECTIVES: … METHODS: …`.
    static func line(_ value: String?) -> String? {
        Normalize.text(value)
    }

    /// First and last page (expanded: `221-8` → 221, 228); the article number as first page when the record has
    /// no pages.
    static func pageRange(_ record: Record) -> (first: String, last: String?)? {
        if let pages = Pages(record.pages) { return (pages.first, pages.last) }
        return line(record.articleNumber).map { ($0, nil) }
    }

    /// Author keywords, then the controlled terms' descriptors (MeSH without qualifiers), without repeats
    /// (compared case-insensitively).
    static func keywords(_ record: Record) -> [String] {
        var seen: Set<String> = []
        return (record.keywords + record.subjects.map(\.term)).compactMap(line).filter {
            seen.insert($0.lowercased()).inserted
        }
    }

    /// ISSNs print first, then electronic, linking and unknown, without repeats.
    static func issns(_ record: Record) -> [String] {
        CSLJSONWriter.orderedISSNs(record.issns)
    }

    /// ISBNs from the record's identifiers.
    static func isbns(_ record: Record) -> [String] {
        record.identifiers.filter { $0.scheme == "isbn" }.compactMap { line($0.value) }
    }

    /// An author as `Family, Given` (initials when there is no given name), a collective as written.
    static func invertedName(_ author: Author) -> String? {
        line(author.displayName)
    }

    /// The label for `database`, or the id itself with no platform.
    static func label(_ database: String, in labels: DatabaseLabels) -> DatabaseLabel {
        labels(database) ?? DatabaseLabel(name: database)
    }

    /// Two-digit month or day.
    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    /// English three-letter month abbreviations, as MEDLINE and BibTeX's month macros use them.
    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

extension ExportFields {
    /// The language of a title or abstract told by its script, for formats that tag the other-language
    /// text: `ko` for text with Hangul, `en` for text whose letters are all Latin, nil otherwise (Chinese
    /// characters alone, Japanese kana and other scripts name no language reliably).
    static func scriptLanguage(_ text: String?) -> String? {
        guard let text else { return nil }
        var latin = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: return "ko"
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin = true
            default: return nil
            }
        }
        return latin ? "en" : nil
    }

    /// Each author's first romanised (or other-script) form joined with `; `, empty where an author has
    /// none; nil when no author has one.
    static func alternateNames(_ record: Record) -> String? {
        let names = record.authors.map { author in author.alternateNames.lazy.compactMap { line($0) }.first ?? "" }
        return names.contains { !$0.isEmpty } ? names.joined(separator: "; ") : nil
    }
}
