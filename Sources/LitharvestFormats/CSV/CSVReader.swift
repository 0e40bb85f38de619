import Foundation
import LitharvestModel

/// Reads CSV exports by their header: the Cochrane CENTRAL export, ASySD's columns, bib-dedupe's, litharvest's
/// own ``CSVWriter`` output, and any other CSV given a column mapping (``ImportOptions/columns``).
///
/// Header names are matched case-insensitively against known aliases for each field (see ``aliases``).
/// Authors are split on ` and ` (BibTeX style), else `;`, else on commas when every part is `Family FM`.
///
/// A file cut short shows as a quoted field that never closes (the rows before it are read) or as a last
/// row with fewer fields than the rows before it (read as far as it goes); both are reported as errors.
struct CSVReader {
    let database: String
    let columns: [String: String]

    /// Record fields and the header names that fill them, first match wins.
    static let aliases: [(field: String, names: [String])] = [
        // Our own export has both `record_id` (database:id) and `native_id`: the latter wins.
        ("nativeID", ["native_id", "id", "central id", "record_id", "accession number", "accession", "key"]),
        ("title", ["title", "article title", "document title", "ti"]),
        ("otherTitle", ["other_title", "translated title", "original title"]),
        ("author", ["author", "authors", "author(s)", "au"]),
        ("year", ["year", "publication year", "py", "pubyear"]),
        ("date", ["date", "publication date", "issued"]),
        ("journal", ["journal", "source", "source title", "journal/book", "container-title", "secondary_title", "publication"]),
        ("booktitle", ["booktitle", "book title", "conference name"]),
        ("journalAbbreviation", ["journal abbreviation", "journal_abbreviation", "abbreviation"]),
        ("volume", ["volume", "vl"]),
        ("issue", ["number", "issue", "is"]),
        ("pages", ["pages", "page", "pg"]),
        ("doi", ["doi"]),
        ("abstract", ["abstract", "ab"]),
        ("isbn", ["isbn"]),
        ("issn", ["issn"]),
        ("otherAbstract", ["other_abstract"]),
        ("authorRomanised", ["author_romanised"]),
        ("publisher", ["publisher"]),
        ("keywords", ["keywords", "author keywords", "kw"]),
        ("url", ["url", "link"]),
        ("language", ["language", "la"]),
        ("pmid", ["pmid", "pubmed id"]),
        ("pmcid", ["pmcid", "pmc id"]),
        ("embase", ["embase id"]),
        ("ctgov", ["ctgov id"]),
        ("cinahl", ["cinahl id"]),
        ("ictrp", ["ictrp id"]),
        ("type", ["publication type", "entrytype", "type", "document type"]),
    ]

    func read(_ input: ImportText, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0, diagnostics: input.diagnostics)
        let (rows, unclosedQuoteLine) = CSVTable.scan(input, delimiter: CSVTable.delimiter(of: input.text))
        guard let header = rows.first else {
            if let unclosedQuoteLine {
                throw ConnectorError(
                    .malformedFile, "a quoted CSV field opened here is never closed", location: input.location(line: unclosedQuoteLine))
            }
            throw ConnectorError(.unreadableFile, "the CSV file is empty", location: input.path)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let positions = try columnPositions(names, input: input)
        // Only when there is something to report: splitting the whole text into lines again is a second pass
        // over every file.
        func lastLineRead() -> Int { input.lines.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 1 }
        if let unclosedQuoteLine {
            report.diagnostics.append(Diagnostic(
                .error,
                "a quoted field opened at line \(unclosedQuoteLine) is never closed: the file may be cut short (last line read \(lastLineRead())); the rows before it are read",
                location: input.location(line: unclosedQuoteLine)
            ))
        } else if rows.count > 2, let last = rows.last, last.fields.count < min(names.count, rows[rows.count - 2].fields.count) {
            // Rows of one export have one length; a shorter last one stops where the file was cut.
            report.diagnostics.append(Diagnostic(
                .error,
                "the last row has \(last.fields.count) of the \(names.count) fields: the file may be cut short (last line read \(lastLineRead())); the row is read as far as it goes",
                location: input.location(line: last.line)
            ))
        } else if rows.count == 1, !input.text.hasSuffix("\n"), !input.text.hasSuffix("\r") {
            // A header without rows or even its line break: the file stops in its first line.
            report.diagnostics.append(Diagnostic(
                .error, "the file ends in its header row, with no line break and no records: it may be cut short",
                location: input.location(line: 1)
            ))
        } else if rows.count == 2, let last = rows.last, last.fields.count < names.count {
            report.diagnostics.append(Diagnostic(
                .error,
                "the only row has \(last.fields.count) of the header's \(names.count) fields: the file may be cut short (last line read \(lastLineRead()))",
                location: input.location(line: last.line)
            ))
        }

        for (rowIndex, row) in rows.dropFirst().enumerated() {
            let location = input.location(line: row.line)
            if row.fields.count > names.count, row.fields[names.count...].contains(where: { !$0.isEmpty }) {
                report.diagnostics.append(Diagnostic(
                    .warning, "row has \(row.fields.count) fields, the header \(names.count); extra fields ignored", location: location
                ))
            }
            func value(_ field: String) -> String? {
                guard let position = positions[field], position < row.fields.count else { return nil }
                return Normalize.text(row.fields[position])
            }
            let record = record(value, index: rowIndex + 1, input: input)
            try ImportFields.emitIfUseful(record, what: "row", location: location, report: &report, emit: emit)
        }
        return report
    }

    /// Where each field's column is; the mapping option wins over the aliases.
    func columnPositions(_ names: [String], input: ImportText) throws -> [String: Int] {
        let lowered = names.map { $0.lowercased() }
        var positions: [String: Int] = [:]
        for (field, header) in columns {
            guard let position = lowered.firstIndex(of: header.lowercased()) else {
                throw ConnectorError(
                    .invalidConfiguration, "column mapping \(field)=\(header): the CSV header has no column \"\(header)\" (it has: \(names.joined(separator: ", ")))",
                    location: input.location(line: 1)
                )
            }
            guard Self.aliases.contains(where: { $0.field == Self.field(named: field) }) else {
                throw ConnectorError(
                    .invalidConfiguration, "column mapping names an unknown field \"\(field)\" (known: \(Self.aliases.map(\.field).joined(separator: ", ")))",
                    location: input.location(line: 1)
                )
            }
            positions[Self.field(named: field)] = position
        }
        for (field, aliases) in Self.aliases where positions[field] == nil {
            if let position = aliases.lazy.compactMap({ lowered.firstIndex(of: $0) }).first {
                positions[field] = position
            }
        }
        guard positions["title"] != nil || positions["author"] != nil || positions["doi"] != nil else {
            throw ConnectorError(
                .malformedFile,
                "the CSV header has no title, author or DOI column (it has: \(names.joined(separator: ", "))); map columns with --columns title=…,author=…",
                location: input.location(line: 1)
            )
        }
        return positions
    }

    /// Mapping keys accept a few spellings (`id` for the native id, `number` for the issue).
    static func field(named name: String) -> String {
        switch name.lowercased() {
        case "id", "nativeid", "native_id", "record_id": "nativeID"
        case "number": "issue"
        case "authors": "author"
        case "othertitle", "other_title": "otherTitle"
        case "journalabbreviation", "journal_abbreviation": "journalAbbreviation"
        default: name
        }
    }

    func record(_ value: (String) -> String?, index: Int, input: ImportText) -> Record {
        var nativeID = value("nativeID") ?? "\(input.fileName)#\(index)"
        if columns["nativeID"] == nil, let prefix = nativeID.split(separator: ":", maxSplits: 1).first,
           prefix == database, nativeID.count > prefix.count + 1 {
            // Our own `record_id` is `database:native id`.
            nativeID = String(nativeID.dropFirst(prefix.count + 1))
        }
        var record = Record(database: database, nativeID: nativeID)
        record.title = value("title")
        record.otherTitle = value("otherTitle")
        record.authors = Self.authors(value("author"))
        record.date = value("date").flatMap(ImportFields.date)
        if let year = value("year").flatMap(Normalize.year(in:)), record.date?.year != year {
            record.date = PublicationDate(year: year)
        }
        record.journal = value("journal") ?? value("booktitle")
        record.journalAbbreviation = value("journalAbbreviation")
        record.volume = value("volume")
        record.issue = value("issue")
        record.pages = ImportFields.pages(value("pages"))
        record.doi = Normalize.doi(value("doi"))
        record.abstract = value("abstract")
        record.otherAbstract = value("otherAbstract")
        record.publisher = value("publisher")
        ImportFields.addAlternateNames(value("authorRomanised"), to: &record)
        ImportFields.addStandardNumbers(value("issn"), to: &record)
        for isbn in (value("isbn") ?? "").split(separator: ";") { ImportFields.addIdentifier("isbn", String(isbn), to: &record) }
        ImportFields.appendUnique(contentsOf: (value("keywords") ?? "").split(separator: ";"), to: &record.keywords)
        record.url = value("url")
        ImportFields.appendUnique(contentsOf: (value("language") ?? "").split(separator: ";"), to: &record.languages)
        if let type = value("type") {
            ImportFields.appendUnique(ImportFields.bibTeXTypeName(type) ?? type, to: &record.publicationTypes)
        }
        record.pmcid = Normalize.pmcid(value("pmcid"))
        // Cochrane writes `PUBMED 21314913` and `EMBASE 643589775` in its id columns.
        if let pmid = value("pmid") {
            if !ImportFields.applyCrossReferences(pmid, to: &record), let digits = ImportFields.pmid(pmid) {
                record.pmid = digits
            }
        }
        for scheme in ["embase", "ctgov", "cinahl", "ictrp"] {
            guard let id = value(scheme) else { continue }
            if !ImportFields.applyCrossReferences(id, to: &record) { ImportFields.addIdentifier(scheme, id, to: &record) }
        }
        if let cochrane = ImportFields.cochraneAccession(in: value("nativeID")) {
            ImportFields.addIdentifier("cochrane", cochrane, to: &record)
        }
        if record.pmid == nil, database == "pubmed", let digits = ImportFields.pmid(nativeID) { record.pmid = digits }
        return record
    }

    /// Authors from one cell, in whichever list style it uses.
    static func authors(_ cell: String?) -> [Author] {
        guard let cell = Normalize.text(cell) else { return [] }
        let parts: [String]
        if cell.range(of: " and ", options: .caseInsensitive) != nil, !cell.contains(";") {
            parts = cell.components(separatedBy: " and ")
        } else if cell.contains(";") {
            parts = cell.components(separatedBy: ";")
        } else if cell.contains(",") {
            let pieces = cell.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // `Smith J, Jones K` lists authors; `Smith, John` is one inverted name.
            let vancouver = pieces.count > 1 && pieces.allSatisfy { piece in
                let words = piece.split(separator: " ")
                return words.count > 1 && words.last.map { AuthorName.isInitials(String($0)) } == true
            }
            parts = vancouver ? pieces : [cell]
        } else {
            parts = [cell]
        }
        return parts.compactMap(AuthorName.parse)
    }
}
