package import LitharvestModel

/// RIS, the tagged format every reference manager and screening tool imports (Zotero, EndNote, Rayyan,
/// Covidence, ASReview).
///
/// Conventions, chosen for the importers' known failure modes:
/// - UTF-8 without a byte-order mark, no header line; every line ends in CRLF, as the RIS specification
///   says (every reader we know also accepts it; many reject stray `\r` only when it is inconsistent).
/// - A line is a tag (`[A-Z][A-Z0-9]`), two spaces, `-`, a space and the value. Each record starts with `TY`
///   and ends with `ER  - ` followed by a blank line, also for a single record. Values are one line: newlines
///   and tabs become spaces, so a structured abstract reads `OBJECTIVES: … METHODS: …`, and no line can ever
///   start with a tag such as `ER` by accident.
/// - `TY`: `JOUR`, `BOOK`, `CHAP`, `THES` or `RPRT`, decided like the CSL-JSON type.
/// - `AU`: one per author in order, `Family, Given` (initials when there is no given name); collectives as
///   written.
/// - `TI` title, `TT` the other-language title, `T2` journal (or book for a chapter, series for a book) in
///   full, `J2` its abbreviation.
/// - `PY` year; `DA` `YYYY/MM/DD/other` with the parts known (`2006/06//`, `1990///Spring`).
/// - `PB` publisher; `VL`, `IS`; `SP`/`EP` with the range expanded (`221-8` → 221, 228). An article number (electronic
///   location id) goes in `SP` when there are no pages, as publishers' own RIS files do.
/// - `SN` one line with the ISSNs (print first) or ISBNs, separated by `; ` (the tag is not repeatable).
/// - `DO` bare DOI; `AB` abstract; `KW` one line per author keyword, then one per MeSH descriptor (without
///   qualifiers), without repeats; `LA` main language.
/// - `AN` the database's own id; `DB` database name and `DP` platform from ``DatabaseLabels`` (the connector
///   id and no `DP` when unknown); `C2` PMCID (EndNote's custom field for it); `N1` `PMID: …` when the
///   record is not from PubMed but has a PMID; `UR` the record's landing page.
package struct RISWriter: RecordWriter {
    /// The line terminator written after every line.
    package static let lineEnding = "\r\n"

    private let sink: any ByteSink
    private let labels: DatabaseLabels

    /// Creates a writer into `sink`, naming databases with `labels`.
    package init(sink: any ByteSink, databaseLabels labels: @escaping DatabaseLabels = { _ in nil }) {
        self.sink = sink
        self.labels = labels
    }

    package mutating func begin() throws {}

    package mutating func write(_ record: Record) throws {
        var text = ""
        for (tag, value) in Self.fields(for: record, labels: labels) {
            text += "\(tag)  - \(value)" + Self.lineEnding
        }
        text += "ER  - " + Self.lineEnding + Self.lineEnding
        try sink.write(text)
    }

    package mutating func finish() throws {}

    /// The RIS type tag value for `record`.
    package static func type(for record: Record) -> String {
        switch ReferenceKind(record) {
        case .journalArticle: "JOUR"
        case .book: "BOOK"
        case .chapter: "CHAP"
        case .thesis: "THES"
        case .report: "RPRT"
        }
    }

    /// The tag–value pairs of one record, in output order, `ER` excluded; values are single-line and non-empty.
    package static func fields(for record: Record, labels: DatabaseLabels = { _ in nil }) -> [(tag: String, value: String)] {
        var fields: [(tag: String, value: String)] = []
        func add(_ tag: String, _ value: String?) {
            if let value = ExportFields.line(value) { fields.append((tag, value)) }
        }
        add("TY", type(for: record))
        for author in record.authors { add("AU", ExportFields.invertedName(author)) }
        add("TI", record.title)
        add("TT", record.otherTitle)
        add("T2", record.journal)
        add("J2", record.journalAbbreviation)
        if let date = record.date {
            add("PY", String(date.year))
            let month = date.month.map(ExportFields.twoDigits) ?? ""
            let day = date.day.map(ExportFields.twoDigits) ?? ""
            let other = date.text.map { Normalize.year(in: $0) == nil ? String($0.map { $0 == "/" ? "-" : $0 }) : "" } ?? ""
            add("DA", "\(date.year)/\(month)/\(day)/\(other)")
        }
        add("PB", record.publisher)
        add("VL", record.volume)
        add("IS", record.issue)
        if let pages = ExportFields.pageRange(record) {
            add("SP", pages.first)
            add("EP", pages.last)
        }
        let standardNumbers = ExportFields.issns(record) + ExportFields.isbns(record)
        if !standardNumbers.isEmpty { add("SN", standardNumbers.joined(separator: "; ")) }
        add("DO", record.doi)
        add("AB", record.abstract)
        for keyword in ExportFields.keywords(record) { add("KW", keyword) }
        add("LA", record.languages.first)
        add("AN", record.nativeID)
        let label = ExportFields.label(record.database, in: labels)
        add("DB", label.name)
        add("DP", label.platform)
        add("C2", record.pmcid)
        if record.database != "pubmed", let pmid = record.pmid { add("N1", "PMID: \(pmid)") }
        add("UR", record.url)
        return fields
    }
}
