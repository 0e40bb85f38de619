import Foundation
import LitharvestConnectors
import LitharvestModel
import LitharvestFormats
import Testing

/// Our own exports of the PubMed fixture records must read back through the importers.
@Suite("Round trip of litharvest's exports")
struct RoundTripTests {
    static func pubmedRecords() throws -> [Record] {
        var records: [Record] = []
        _ = try PubMedArticleParser().parseFile(atPath: fixturePath("pubmed", "efetch_pubmed_20_articles.xml")) { records.append($0) }
        return records
    }

    static func export(_ records: [Record], as format: ImportFormat) throws -> String {
        let sink = StringSink()
        func run(_ writer: some RecordWriter) throws {
            var writer = writer
            try writer.begin()
            for record in records { try writer.write(record) }
            try writer.finish()
        }
        switch format {
        case .ris: try run(RISWriter(sink: sink))
        case .medline: try run(MEDLINEWriter(sink: sink))
        case .bibtex: try run(BibTeXWriter(sink: sink))
        case .csv: try run(CSVWriter(sink: sink))
        case .cslJSON: try run(CSLJSONWriter(sink: sink))
        default: Issue.record("no writer for \(format)")
        }
        return sink.text
    }

    static func pageText(_ record: Record) -> String? {
        Pages(record.pages)?.expanded ?? Normalize.text(record.articleNumber)
    }

    @Test("RIS, MEDLINE, BibTeX, CSV and CSL-JSON exports read back with the same fields", arguments: [
        ImportFormat.ris, .medline, .bibtex, .csv, .cslJSON,
    ])
    func roundTrip(format: ImportFormat) throws {
        let originals = try Self.pubmedRecords()
        #expect(originals.count == 20)
        let path = try temporaryFile("export.\(format.rawValue)", Self.export(originals, as: format))
        #expect(try ImportFormat.detect(atPath: path) == format)
        let (imported, report) = try ImportParser(database: "pubmed").records(atPath: path)
        #expect(imported.count == originals.count)
        #expect(report.diagnostics.isEmpty)
        for (original, copy) in zip(originals, imported) {
            let label = "\(format) PMID \(original.pmid ?? "?")"
            #expect(copy.database == "pubmed")
            #expect(copy.pmid == original.pmid, "\(label)")
            if format != .bibtex { #expect(copy.nativeID == original.nativeID, "\(label)") }
            #expect(copy.title == Normalize.text(original.title), "\(label)")
            #expect(copy.doi == original.doi, "\(label)")
            #expect(copy.year == original.year, "\(label)")
            #expect(copy.volume == original.volume, "\(label)")
            #expect(copy.issue == original.issue, "\(label)")
            #expect(Self.pageText(copy) == Self.pageText(original), "\(label)")
            #expect(copy.journal == original.journal, "\(label)")
            #expect(copy.authors.map { $0.family ?? $0.literal } == original.authors.map { $0.family ?? $0.literal }, "\(label)")
            #expect(copy.authors.map(\.displayName) == original.authors.map(\.displayName), "\(label)")
            if format != .csv {
                #expect(copy.date?.month == original.date?.month, "\(label)")
            }
        }
    }
}
