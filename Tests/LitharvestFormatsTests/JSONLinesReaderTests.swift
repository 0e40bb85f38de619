import Foundation
import LitharvestModel
import Testing

@testable import LitharvestFormats

/// The JSON-lines reader decodes exactly what `JSONDecoder` decodes and names the line of the first record it
/// cannot read.
@Suite("JSON-lines reader")
struct JSONLinesReaderTests {
    /// Every field a record can have, every ISSN kind, a subject with qualifiers, and text needing escapes.
    static let everything = Record(
        database: "pubmed", nativeID: "12345678", title: "Tab\tnewline\nquote \" backslash \\ slash / bell \u{07} nul \u{00}",
        otherTitle: "근막통증증후군 😀 (emoji outside the BMP)",
        authors: [
            Author(
                family: "Kim", given: "Young-Jae", initials: "YJ", orcid: "0000-0002-1825-0097",
                affiliations: ["Seoul National University, Seoul, Korea", "Dept. \"Pain\""],
                alternateNames: ["김영재", "Gim, Yeong-Jae"]),
            Author(literal: "The IMS Study Group", affiliations: [], alternateNames: []),
        ],
        journal: "The Korean journal of pain", journalAbbreviation: "Korean J Pain",
        issns: [
            ISSN("2093-0569", kind: .electronic), ISSN("2005-9159", kind: .print), ISSN("2005-9159", kind: .linking),
            ISSN("1234-5678"),
        ],
        date: PublicationDate(year: 2006, month: 6, day: 30, text: "2006 Jun 30"), volume: "19", issue: "1 Suppl",
        pages: "221-8", articleNumber: "e0123", doi: "10.3344/kjp.2006.19.1.1", pmid: "16683455", pmcid: "PMC123",
        abstract: "BACKGROUND: text.\n\nRESULTS: more text.",
        keywords: ["IMS", "dry needling"],
        subjects: [
            SubjectTerm(
                term: "Myofascial Pain Syndromes", identifier: "D009209", isMajor: true,
                qualifiers: [SubjectTerm.Qualifier(name: "therapy", identifier: "Q000628", isMajor: false)], scheme: "MeSH"),
            SubjectTerm(term: "Humans"),
        ],
        languages: ["kor", "eng"], publicationTypes: ["Journal Article", "Randomized Controlled Trial"],
        url: "https://pubmed.ncbi.nlm.nih.gov/16683455/",
        identifiers: [RecordIdentifier(scheme: "pii", value: "S0000-0000(06)00001-1")])

    static let records = ExportRoundTripTests.records + [everything]

    /// One record as `JSONLinesWriter` writes it (sorted keys, slashes as they are).
    private static func writerLine(_ record: Record) throws -> String {
        let sink = StringSink()
        var writer = JSONLinesWriter(sink: sink)
        try writer.write(record)
        return String(sink.text.dropLast())
    }

    /// Lines in every style the reader meets: `JSONLinesWriter`'s, a plain `JSONEncoder`'s (escaped slashes,
    /// unsorted keys), and the spaced style of Python's `json.dumps` (the benchmark data).
    static func understoodLines() throws -> [String] {
        var lines = try records.map(writerLine)
        lines += try records.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        lines += [
            #"{"database": "synthetic", "nativeID": "s0000001", "title": "COMPARISON OF HPV", "authors": [{"family": "Zuna", "given": null, "affiliations": [], "alternateNames": []}, {"literal": "R E Zuna", "affiliations": [], "alternateNames": []}], "issns": [], "keywords": [], "subjects": [], "languages": [], "publicationTypes": [], "identifiers": [], "journal": "Cancer", "date": {"year": 1984}, "volume": "275", "issue": "2", "pages": "749-761", "otherTitle": "\uadfc\ub9c9 \ud83d\ude00 caf\u00e9"}"#,
            // Every optional value written as null, and escapes spelled in upper and lower case.
            #"{"database":"x","nativeID":"1","title":null,"otherTitle":null,"authors":[],"journal":null,"journalAbbreviation":null,"issns":[],"date":null,"volume":null,"issue":null,"pages":null,"articleNumber":null,"doi":null,"pmid":null,"pmcid":null,"abstract":"\u00E9\u00e9 \/ \b\f\r\t","keywords":[],"subjects":[{"term":"T","identifier":null,"isMajor":false,"qualifiers":[],"scheme":null}],"languages":[],"publicationTypes":[],"url":null,"identifiers":[]}"#,
            // A date the initializer would have cleaned (month 13): decoding keeps it as written.
            " \t{ \"database\" : \"x\" , \"nativeID\" : \"2\" , \"authors\" : [ ] , \"issns\" : [ ] , \"keywords\" : [ ] , \"subjects\" : [ ] , \"languages\" : [ ] , \"publicationTypes\" : [ ] , \"identifiers\" : [ ] , \"date\" : { \"year\" : -1 , \"month\" : 13 , \"day\" : null } } \r",
        ]
        return lines
    }

    private func decoded(_ line: String) throws -> Record {
        try JSONDecoder().decode(Record.self, from: Data(line.utf8))
    }

    @Test func linesOfEveryStyleReadAsJSONDecoderDecodesThem() throws {
        let lines = try Self.understoodLines()
        for line in lines {
            #expect(try JSONLinesReader.records(in: Array(line.utf8), source: "t") == [try decoded(line)], "\(line)")
        }
        let all = try JSONLinesReader.records(in: Array(lines.joined(separator: "\n").utf8), source: "t")
        #expect(all == (try lines.map(decoded)))
    }

    @Test func writtenRecordsReadBackWhole() throws {
        let lines = try Self.records.map(Self.writerLine)
        let read = try JSONLinesReader.records(in: Array((lines.joined(separator: "\n") + "\n").utf8), source: "t")
        #expect(read == Self.records)
    }

    /// Unusual lines `JSONDecoder` accepts (an unknown key, a number with an exponent, a repeated key, a trailing
    /// comma, an escaped key): the result is `JSONDecoder`'s.
    @Test(arguments: [
        #"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[],"somethingNew":{"a":[1,2]}}"#,
        #"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[],"date":{"year":1.984e3}}"#,
        #"{"database":"x","nativeID":"1","nativeID":"2","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[]}"#,
        #"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[],}"#,
        #"{"datab\u0061se":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[]}"#,
    ])
    func unusualLinesReadAsJSONDecoderDecodesThem(line: String) throws {
        let read = try JSONLinesReader.records(in: Array(line.utf8), source: "t")
        #expect(read == [try decoded(line)])
    }

    /// Lines that are not records: the error names the line, counting blank lines, in the words of
    /// `JSONDecoder`.
    @Test(arguments: [
        #"{"database":"x"}"#,
        #"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[],"title":"\ud800"}"#,
        #"{"database":"x","nativeID":"1","authors":[],"issns":[{"value":"1","kind":"other"}],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[]}"#,
        #"{"database":"x","nativeID":"1","authors":null,"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[]}"#,
        #"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[]"#,
        "not json",
        "[]",
    ])
    func malformedLineIsNamed(line: String) throws {
        let good = try Self.writerLine(Self.everything)
        let text = [good, "", "  \r", good, line, good].joined(separator: "\n")
        let error = #expect(throws: JSONLinesReadError.self) {
            try JSONLinesReader.records(in: Array(text.utf8), source: "in.jsonl")
        }
        #expect(error?.line == 5)
        #expect(error?.description.hasPrefix("in.jsonl:5: not a litharvest record (") == true, "\(String(describing: error))")
        #expect(throws: (any Error).self) { try decoded(line) }
    }

    @Test func invalidUTF8IsDecidedByJSONDecoder() throws {
        let good = Array(try Self.writerLine(Self.everything).utf8)
        var bad = Array(#"{"database":"x","nativeID":"1","authors":[],"issns":[],"keywords":[],"subjects":[],"languages":[],"publicationTypes":[],"identifiers":[],"title":"caf"#.utf8)
        bad += [0xC3, 0x28] + Array(#""}"#.utf8)
        let expected = Result { try JSONDecoder().decode(Record.self, from: Data(bad)) }
        let read = Result { () throws(JSONLinesReadError) in try JSONLinesReader.records(in: good + [0x0A] + bad, source: "t") }
        switch (expected, read) {
        case (.success(let record), .success(let records)): #expect(records.last == record)
        case (.failure, .failure(let error)): #expect(error.line == 2)
        default: Issue.record("JSONDecoder: \(expected), reader: \(read)")
        }
    }

    /// Many lines, so that they span pieces decoded on different cores and blocks of the file: order is kept
    /// and an error deep in the file names its line.
    @Test func largeFileKeepsOrderAndLineNumbers() throws {
        let count = 5_000
        var lines: [String] = []
        var expected: [Record] = []
        for index in 0..<count {
            var record = Self.records[index % Self.records.count]
            record.nativeID = "n\(index)"
            expected.append(record)
            lines.append(try Self.writerLine(record))
        }
        let path = NSTemporaryDirectory() + "jsonl-reader-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try JSONLinesReader.records(atPath: path) == expected)
        // Blocks far smaller than a line, and of a prime size, cut lines everywhere.
        #expect(try JSONLinesReader.records(atPath: path, blockSize: 997) == expected)

        lines[4_321] = "{\"database\": 1}"
        // No line break at the end: the last line still counts.
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: JSONLinesReadError.self) { try JSONLinesReader.records(atPath: path, blockSize: 4_096) }
        #expect(error?.line == 4_322)
        #expect(error?.source == path)
    }

    @Test func unreadableFile() {
        let error = #expect(throws: JSONLinesReadError.self) {
            try JSONLinesReader.records(atPath: "/nonexistent/records.jsonl")
        }
        #expect(error?.description == "/nonexistent/records.jsonl: no such readable file")
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try JSONLinesReader.records(in: Array("\n \n\r\n".utf8), source: "t").isEmpty)
        #expect(try JSONLinesReader.records(in: [], source: "t").isEmpty)
    }
}
