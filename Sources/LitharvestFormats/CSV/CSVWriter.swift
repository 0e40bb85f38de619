package import LitharvestModel

/// CSV with a fixed, documented header, for ASReview, ASySD, Rayyan and spreadsheets.
///
/// Conventions (RFC 4180):
/// - The header is ``columns``: ASySD's names (`author`, `year`, `journal`, `doi`, `title`, `pages`, `volume`,
///   `number` = issue, `abstract`, `record_id`, `isbn`) and ASReview's (`title`, `abstract`, `doi`,
///   `keywords`; ASReview also reads `author`), plus litharvest's provenance columns.
/// - Every field is quoted, `"` doubled; rows end in CRLF. Values are one line: newlines and tabs inside a
///   field become spaces (a structured abstract reads `OBJECTIVES: … METHODS: …`), so every record is one
///   physical line even for line-based tools.
/// - UTF-8 without a byte-order mark by default (pandas, R, ASReview and ASySD read it as is). Excel needs the
///   mark to show Korean and other non-Latin text when a file is opened by double-click:
///   `CSVWriter(sink:byteOrderMark: true)` writes it (pandas then wants `encoding="utf-8-sig"`).
/// - `record_id` is `database:nativeID`; `author` is `Family, Given` per author joined with `; `; `year` the
///   publication year; `pages` expanded (`221-228`), the article number when there are no pages; `isbn`,
///   `issn` (print first), `keywords` (author keywords, then MeSH descriptors) and `language` joined with `; `;
///   `database` the database name from ``DatabaseLabels`` (the id when unknown); `cluster_id` is empty
///   (filled once duplicates are clustered).
/// - A Korean record's second language: `other_title` and `other_abstract` (the English title and abstract
///   of a Korean record, or the other way round), `author_romanised` the authors' romanised names in author
///   order joined with `; ` (empty between `; ` for an author without one), `publisher`.
/// - Fields are written as they are: a value starting with `=`, `+`, `-` or `@` is not defused for
///   spreadsheets, because screening tools need the text unchanged.
package struct CSVWriter: RecordWriter {
    /// The header, in order.
    package static let columns = [
        "record_id", "title", "author", "year", "journal", "volume", "number", "pages", "doi", "abstract", "isbn",
        "keywords", "url", "language", "database", "native_id", "pmid", "pmcid", "issn", "other_title",
        "other_abstract", "author_romanised", "publisher", "cluster_id",
    ]

    private let sink: any ByteSink
    private let labels: DatabaseLabels
    private let byteOrderMark: Bool

    /// Creates a writer into `sink`, naming databases with `labels`; `byteOrderMark` starts the output with
    /// U+FEFF for Excel.
    package init(sink: any ByteSink, databaseLabels labels: @escaping DatabaseLabels = { _ in nil }, byteOrderMark: Bool = false) {
        self.sink = sink
        self.labels = labels
        self.byteOrderMark = byteOrderMark
    }

    package mutating func begin() throws {
        try sink.write((byteOrderMark ? "\u{FEFF}" : "") + Self.row(Self.columns))
    }

    package mutating func write(_ record: Record) throws {
        try sink.write(Self.row(Self.values(for: record, labels: labels)))
    }

    package mutating func finish() throws {}

    /// One row: every value quoted, quotes doubled, CRLF at the end.
    package static func row(_ values: [String]) -> String {
        var bytes: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            CSVFileWriter.appendQuoted(value, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The values of one record in ``columns`` order (empty strings for what it lacks).
    package static func values(for record: Record, labels: DatabaseLabels = { _ in nil }) -> [String] {
        let pages = ExportFields.pageRange(record).map { range in range.last.map { "\(range.first)-\($0)" } ?? range.first }
        let fields: [String?] = [
            "\(record.database):\(record.nativeID)",
            record.title,
            record.authors.compactMap(ExportFields.invertedName).joined(separator: "; "),
            record.year.map(String.init),
            record.journal,
            record.volume,
            record.issue,
            pages,
            record.doi,
            record.abstract,
            ExportFields.isbns(record).joined(separator: "; "),
            ExportFields.keywords(record).joined(separator: "; "),
            record.url,
            record.languages.compactMap(ExportFields.line).joined(separator: "; "),
            ExportFields.label(record.database, in: labels).name,
            record.nativeID,
            record.pmid,
            record.pmcid,
            ExportFields.issns(record).joined(separator: "; "),
            record.otherTitle,
            record.otherAbstract,
            ExportFields.alternateNames(record),
            record.publisher,
            nil,
        ]
        return fields.map { ExportFields.line($0) ?? "" }
    }
}
