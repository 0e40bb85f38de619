import Foundation
import LitharvestModel

/// Reads RIS as real tools write it: the standard form, EndNote's and KISS's, Cochrane's (a `Record #n of N`
/// / `Provider:` / `Content:` block before each record, `TY  -  JOUR` with extra spaces, `C3` cross-database
/// ids), RefMan's legacy `A1`/`T1`/`Y1`/`N2`, and Ovid's query lines between records.
///
/// A tag line is `[A-Z][A-Z0-9]`, two spaces and `-`; anything else inside a record continues the previous
/// value (so an abstract line starting `ER` does not end the record), and anything outside a record is
/// ignored. A record without its `ER` still yields a record; when it is the file's last record the file may
/// have been cut short, which is reported as an error (the import becomes partial).
struct RISReader {
    let database: String

    /// One tag line or its continuation, with where it started.
    struct Field {
        var tag: String
        var value: String
        var line: Int
    }

    func read(_ input: ImportText, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0, diagnostics: input.diagnostics)
        var fields: [Field] = []
        var recordLine = 0
        var recordIndex = 0
        var sawTag = false
        var lastLine = 0

        func finish(endedProperly: Bool, atEndOfFile: Bool = false) throws {
            defer { fields = [] }
            guard !fields.isEmpty else { return }
            recordIndex += 1
            if !endedProperly, atEndOfFile {
                // Every RIS writer ends each record with ER: its absence at the very end means the file stops
                // inside the record (a download or copy cut short), and whatever followed is lost.
                report.diagnostics.append(Diagnostic(
                    .error,
                    "the last record has no closing ER line: the file may be cut short (last line read \(lastLine)); the record is read as far as it goes",
                    location: input.location(line: recordLine)
                ))
            } else if !endedProperly {
                report.diagnostics.append(Diagnostic(
                    .note, "record has no closing ER line; read up to the next record or the end of the file",
                    location: input.location(line: recordLine)
                ))
            }
            let mapped = record(from: fields, index: recordIndex, input: input)
            try ImportFields.emitIfUseful(mapped, what: "record", location: input.location(line: recordLine), report: &report, emit: emit)
        }

        for (offset, line) in input.lines.enumerated() {
            let number = offset + 1
            if !line.isEmpty { lastLine = number }
            if let (tag, value) = Self.tagLine(line) {
                sawTag = true
                switch tag {
                case "ER":
                    try finish(endedProperly: true)
                case "TY":
                    if !fields.isEmpty { try finish(endedProperly: false) }
                    recordLine = number
                    fields.append(Field(tag: tag, value: value, line: number))
                default:
                    if fields.isEmpty {
                        recordLine = number
                        report.diagnostics.append(Diagnostic(
                            .note, "record does not start with TY; read from its first tag", location: input.location(line: number)
                        ))
                    }
                    fields.append(Field(tag: tag, value: value, line: number))
                }
            } else if Self.isCochraneRecordHeader(line) {
                // `Record #4 of 18` starts the next Cochrane record even when the previous one lacks its ER.
                try finish(endedProperly: fields.isEmpty)
            } else if !fields.isEmpty {
                let text = line.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { fields[fields.count - 1].value += "\n" + text }
            }
        }
        try finish(endedProperly: false, atEndOfFile: true)
        guard sawTag else {
            throw ConnectorError(.malformedFile, "not a RIS file: no line has a RIS tag such as `TY  - `", location: input.path)
        }
        return report
    }

    /// Whether `line` is Cochrane's per-record header `Record #n of N`.
    static func isCochraneRecordHeader(_ line: Substring) -> Bool {
        guard line.hasPrefix("Record #") else { return false }
        let words = line.split(separator: " ")
        return words.count == 4 && words[1].dropFirst().allSatisfy(\.isASCIIDigit) && words[2] == "of"
            && words[3].allSatisfy(\.isASCIIDigit)
    }

    /// The tag and value of a RIS tag line (`TY  - JOUR`, `TY  -  JOUR`, `ER  -`), nil for other lines.
    static func tagLine(_ line: Substring) -> (String, String)? {
        let characters = Array(line.prefix(5))
        guard characters.count >= 5, characters[0].isASCII, characters[0].isUppercase,
              characters[1].isASCII, characters[1].isUppercase || characters[1].isASCIIDigit,
              characters[2] == " ", characters[3] == " ", characters[4] == "-"
        else { return nil }
        let rest = line.dropFirst(5)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (String(characters[0...1]), rest.trimmingCharacters(in: .whitespaces))
    }

    func record(from fields: [Field], index: Int, input: ImportText) -> Record {
        func values(_ tags: String...) -> [String] {
            // In the order of `tags`, so the preferred tag wins whatever order the file uses.
            tags.flatMap { tag in fields.filter { $0.tag == tag }.compactMap { Normalize.text($0.value) } }
        }
        func first(_ tags: String...) -> String? {
            for tag in tags {
                if let value = fields.first(where: { $0.tag == tag }).flatMap({ Normalize.text($0.value) }) { return value }
            }
            return nil
        }

        let accession = first("AN")
        let cochrane = ImportFields.cochraneAccession(in: accession) ?? ImportFields.cochraneAccession(in: first("UR"))
        let nativeID = first("ID") ?? accession ?? cochrane ?? "\(input.fileName)#\(index)"
        var record = Record(database: database, nativeID: nativeID)

        let titles = values("TI", "T1", "CT")
        record.title = titles.first
        record.otherTitle = first("TT") ?? titles.dropFirst().first { $0 != record.title }
        record.authors = values("AU", "A1").compactMap(AuthorName.parse)

        let secondary = first("T2", "JF", "JO", "BT", "T3")
        let abbreviation = first("J2", "JA", "J1")
        record.journal = secondary ?? abbreviation
        if let abbreviation, abbreviation != record.journal { record.journalAbbreviation = abbreviation }

        let year = first("PY").flatMap(Self.date)
        let full = first("DA", "Y1", "Y2").flatMap(Self.date)
        if let full, year == nil || year?.year == full.year {
            record.date = full
        } else {
            record.date = year ?? full
        }
        record.volume = first("VL")
        record.issue = first("IS", "CP", "M1")
        record.pages = ImportFields.pages(first("SP"), end: first("EP"))
        for value in values("SN") { ImportFields.addStandardNumbers(value, to: &record) }

        record.doi = values("DO", "DI", "L3", "M3", "UR", "N1").lazy.compactMap(Normalize.doi).first
        // Continuation lines were joined with newlines; RIS has no paragraphs, so they become spaces.
        record.abstract = first("AB", "N2")
        record.publisher = first("PB")
        record.keywords = []
        ImportFields.appendUnique(contentsOf: values("KW"), to: &record.keywords)
        record.languages = values("LA")
        if let type = first("TY").flatMap(ImportFields.risTypeName) { record.publicationTypes.append(type) }
        ImportFields.appendUnique(contentsOf: values("M3").filter { Normalize.doi($0) == nil }, to: &record.publicationTypes)
        record.url = first("UR", "L2", "LK")

        for value in values("C3") { ImportFields.applyCrossReferences(value, to: &record) }
        if let cochrane { ImportFields.addIdentifier("cochrane", cochrane, to: &record) }
        if let pmcid = values("C2").lazy.compactMap(Normalize.pmcid).first { record.pmcid = pmcid }
        for note in values("N1") where note.lowercased().hasPrefix("pmid") {
            record.pmid = record.pmid ?? ImportFields.pmid(note)
        }
        // An accession number from PubMed (our own export, a PubMed RIS) is the PMID.
        let source = (first("DB") ?? "") + " " + database
        if record.pmid == nil, let accession, source.lowercased().contains("pubmed") || source.lowercased().contains("medline") {
            record.pmid = ImportFields.pmid(accession)
        }
        if let accession, accession != nativeID, cochrane == nil {
            ImportFields.addIdentifier("accession", accession, to: &record)
        }
        return record
    }

    /// A RIS date: `YYYY/MM/DD/other` by position (`2006/06//`, `1990///Spring`), else any form
    /// ``ImportFields/date(_:)`` reads.
    static func date(_ text: String) -> PublicationDate? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2, parts[0].count == 4, let year = Int(parts[0]) else { return ImportFields.date(text) }
        let other = parts.count > 3 ? parts[3...].joined(separator: "/") : ""
        return PublicationDate(
            year: year, month: Int(parts[1]), day: parts.count > 2 ? Int(parts[2]) : nil, text: other.isEmpty ? nil : other
        )
    }
}
