package import LitharvestModel

/// MEDLINE (PubMed text, `.nbib`), the format PubMed exports and Zotero, EndNote (PubMed filter), Rayyan and
/// Covidence ("PubMed text format") import. Meant for PubMed-origin records (ASReview does not read it; use
/// RIS or CSV for mixed sets).
///
/// Conventions:
/// - UTF-8 without a byte-order mark, LF line ends, as PubMed serves it. A line is the tag left-justified in
///   four columns, `- ` and the value (`PMID- 1`, `TI  - …`, `FAU - …`); every record ends with a blank line.
/// - Free-text values (`TI`, `AB`, `TT`, `JT`, `AD`, `MH`, `SO`) are wrapped at word boundaries so that lines
///   stay within 80 columns where the words allow (a longer word is never broken; Hangul and other East Asian
///   wide characters count as two columns), continuation lines indented by six spaces. Repeatable tags that
///   hold a name or an id (`FAU`, `AU`, `CN`, `OT`, `PT`, `AID`, `IS`, …) are never wrapped: common readers
///   (Biopython's `Medline.parse`) take a continuation of those as a new value.
/// - Tags in PubMed's order: `PMID` (only when the record has one), `IS` (`1234-5678 (Print)`,
///   `(Electronic)`, `(Linking)`), `VI`, `IP`, `DP` (`2006 Jun 15`, `1990 Spring`, or a MEDLINE date range as
///   given), `TI`, `BTI` (a chapter's book), `PG` (expanded: `221-228`, not MEDLINE's `221-8`), `LID` (`… [pii]`
///   for an article number without pages, `… [doi]`), `AB`, then per author `FAU` (`Lee, Young Jae`), `AU`
///   (`Lee YJ`; initials derived from the given names when the source has none), `AUID` (`ORCID: …`) and one
///   `AD` per affiliation; collectives as `CN`. Then `LA`, `PT`, `TT` (other-language title), `OAB`
///   and `OABL` (the other-language abstract and its language, `kor` or `eng`, as PubMed gives publishers'
///   other abstracts), `PB` (publisher), `TA`, `JT`
///   (journal; `CTI` for a book's series), `ISBN`, `MH` (`*` marks major topics: `*Pain/therapy`,
///   `Pain/*therapy`), `PMC`, `OT` (author keywords and non-MeSH subject terms), `AID` and `SO`.
/// - `AID` lists the DOI (`[doi]`) and the source's other identifiers with their scheme (`[pii]`, `[mid]`,
///   `[bookaccession]`); a record not from PubMed also carries its own id as `AID - <id> [<database id>]`, so
///   it stays traceable although it has no `PMID` line (tools that detect MEDLINE by `PMID-` may not see it).
package struct MEDLINEWriter: RecordWriter {
    /// The widest line the wrapping aims for.
    package static let lineWidth = 80
    /// Continuation lines start with this.
    static let continuation = "      "

    private let sink: any ByteSink

    /// Creates a writer into `sink`.
    package init(sink: any ByteSink) {
        self.sink = sink
    }

    package mutating func begin() throws {}

    package mutating func write(_ record: Record) throws {
        var text = ""
        for field in Self.fields(for: record) {
            text += Self.line(tag: field.tag, value: field.value, wrapped: field.wrapped)
        }
        try sink.write(text + "\n")
    }

    package mutating func finish() throws {}

    /// One field as text: `TAG - value` plus continuation lines when `wrapped`, each line ending in LF.
    package static func line(tag: String, value: String, wrapped: Bool) -> String {
        let head = tag.padding(toLength: 4) + "- "
        guard wrapped else { return head + value + "\n" }
        let room = lineWidth - continuation.count
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            let width = columns(word)
            if current.isEmpty {
                current = String(word)
                currentWidth = width
            } else if currentWidth + 1 + width <= room {
                current += " " + word
                currentWidth += 1 + width
            } else {
                lines.append(current)
                current = String(word)
                currentWidth = width
            }
        }
        lines.append(current)
        return head + lines.joined(separator: "\n" + continuation) + "\n"
    }

    /// Terminal columns `text` takes: two for East Asian wide characters (Hangul, CJK ideographs, kana,
    /// full-width forms), one for the rest.
    static func columns(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let wide: Bool = switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                true
            default:
                false
            }
            return total + (wide ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1))
        }
    }

    /// The fields of one record in output order; values are single-line and non-empty.
    package static func fields(for record: Record) -> [(tag: String, value: String, wrapped: Bool)] {
        var fields: [(tag: String, value: String, wrapped: Bool)] = []
        func add(_ tag: String, _ value: String?, wrapped: Bool = false) {
            if let value = ExportFields.line(value) { fields.append((tag, value, wrapped)) }
        }
        let kind = ReferenceKind(record)
        add("PMID", record.pmid)
        for issn in record.issns {
            let medium = switch issn.kind {
            case .print: " (Print)"
            case .electronic: " (Electronic)"
            case .linking: " (Linking)"
            case .unknown: ""
            }
            add("IS", issn.value + medium)
        }
        add("VI", record.volume)
        add("IP", record.issue)
        add("DP", record.date.map(publicationDate))
        add("TI", record.title, wrapped: true)
        if kind == .chapter { add("BTI", record.journal) }
        if let pages = Pages(record.pages) { add("PG", pages.expanded) }
        if Pages(record.pages) == nil, let number = ExportFields.line(record.articleNumber) { add("LID", "\(number) [pii]") }
        if let doi = record.doi { add("LID", "\(doi) [doi]") }
        add("AB", record.abstract, wrapped: true)
        for author in record.authors {
            if let family = author.family {
                add("FAU", author.displayName)
                add("AU", [family, initials(of: author)].compactMap { $0 }.joined(separator: " "))
                if let orcid = author.orcid { add("AUID", "ORCID: \(orcid)") }
                for affiliation in author.affiliations { add("AD", affiliation, wrapped: true) }
            } else {
                add("CN", author.literal)
            }
        }
        for language in record.languages { add("LA", language) }
        for type in record.publicationTypes { add("PT", type) }
        add("TT", record.otherTitle, wrapped: true)
        if let other = ExportFields.line(record.otherAbstract) {
            add("OAB", other, wrapped: true)
            add("OABL", ExportFields.scriptLanguage(other).map { $0 == "ko" ? "kor" : "eng" })
        }
        add("PB", record.publisher)
        switch kind {
        case .chapter:
            break
        case .book:
            add("CTI", record.journal)
        case .journalArticle, .thesis, .report:
            add("TA", record.journalAbbreviation)
            add("JT", record.journal, wrapped: true)
        }
        for isbn in ExportFields.isbns(record) { add("ISBN", isbn) }
        for subject in record.subjects where subject.scheme == nil || subject.scheme?.lowercased() == "mesh" {
            add("MH", meshHeading(subject), wrapped: true)
        }
        add("PMC", record.pmcid)
        var seen: Set<String> = []
        let otherTerms = record.subjects.filter { $0.scheme != nil && $0.scheme?.lowercased() != "mesh" }.map(\.term)
        for keyword in (record.keywords + otherTerms).compactMap(ExportFields.line) where seen.insert(keyword.lowercased()).inserted {
            add("OT", keyword)
        }
        if let doi = record.doi { add("AID", "\(doi) [doi]") }
        for identifier in record.identifiers where identifier.scheme != "isbn" {
            add("AID", "\(identifier.value) [\(identifier.scheme)]")
        }
        if record.database != "pubmed", record.nativeID != record.pmid, record.nativeID != record.pmcid {
            add("AID", "\(record.nativeID) [\(record.database)]")
        }
        add("SO", source(record), wrapped: true)
        return fields
    }

    /// `2006 Jun 15`, `2006 Jun`, `2006`, `1990 Spring`; a free-text date that names its year is kept as is
    /// (`1998 Dec-1999 Jan`).
    static func publicationDate(_ date: PublicationDate) -> String {
        if let text = ExportFields.line(date.text) {
            return Normalize.year(in: text) != nil ? text : "\(date.year) \(text)"
        }
        var parts = [String(date.year)]
        if let month = date.month {
            parts.append(ExportFields.monthAbbreviations[month - 1])
            if let day = date.day { parts.append(String(day)) }
        }
        return parts.joined(separator: " ")
    }

    /// The source's initials, else the first letter of each given name (`Young-Jae` → `YJ`).
    static func initials(of author: Author) -> String? {
        if let initials = ExportFields.line(author.initials) { return initials }
        guard let given = ExportFields.line(author.given) else { return nil }
        let letters = given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." })
            .compactMap { $0.first.map { String($0).uppercased() } }
        return letters.isEmpty ? nil : letters.joined()
    }

    /// `*Descriptor/qualifier/*qualifier`.
    static func meshHeading(_ subject: SubjectTerm) -> String {
        ([(subject.isMajor ? "*" : "") + subject.term] + subject.qualifiers.map { ($0.isMajor ? "*" : "") + $0.name })
            .joined(separator: "/")
    }

    /// `Korean J Pain. 2006 Jun;19(1):1-7. doi: 10.3344/kjp.2006.19.1.1.` with whatever the record has; nil
    /// without a journal (or book) to cite.
    static func source(_ record: Record) -> String? {
        guard let journal = ExportFields.line(record.journalAbbreviation ?? record.journal) else { return nil }
        var text = journal.hasSuffix(".") ? journal : journal + "."
        var citation = record.date.map(publicationDate) ?? ""
        var locator = ExportFields.line(record.volume) ?? ""
        if let issue = ExportFields.line(record.issue) { locator += "(\(issue))" }
        if let pages = ExportFields.pageRange(record) {
            locator += ":" + (pages.last.map { "\(pages.first)-\($0)" } ?? pages.first)
        }
        if !locator.isEmpty { citation += (citation.isEmpty ? "" : ";") + locator }
        if !citation.isEmpty { text += " " + citation + "." }
        if let doi = record.doi { text += " doi: \(doi)." }
        return text
    }
}

extension String {
    /// The string padded with spaces to `length` characters (never cut).
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
