import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

@Suite("CSL-JSON output")
struct CSLJSONWriterTests {
    static let record = Record(
        database: "pubmed", nativeID: "16683455", title: "Effect of <i>x</i> in IMS", otherTitle: "근육내 자극",
        authors: [
            Author(family: "Lee", given: "Young Jae", initials: "YJ"), Author(family: "Ahn", given: nil, initials: "K"),
            Author(literal: "IMS Study Group"),
        ],
        journal: "The Korean journal of pain", journalAbbreviation: "Korean J Pain",
        issns: [ISSN("2093-0569", kind: .electronic), ISSN("2005-9159", kind: .print)],
        date: PublicationDate(year: 2006, month: 6), volume: "19", issue: "1", pages: "1-7", doi: "10.3344/kjp.2006.19.1.1",
        pmid: "16683455", pmcid: "PMC123", abstract: "BACKGROUND: text", keywords: ["IMS", "dry needling"],
        languages: ["eng"], url: "https://pubmed.ncbi.nlm.nih.gov/16683455/")

    private func decode(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func everyFieldUsesCSLNames() throws {
        let sink = StringSink()
        var writer = CSLJSONWriter(sink: sink)
        try writer.begin()
        try writer.write(Self.record)
        try writer.finish()
        let item = try #require(try decode(sink.text).first)
        #expect(item["id"] as? String == "pubmed:16683455")
        #expect(item["type"] as? String == "article-journal")
        #expect(item["title"] as? String == "Effect of <i>x</i> in IMS")
        #expect(item["container-title"] as? String == "The Korean journal of pain")
        #expect(item["container-title-short"] as? String == "Korean J Pain")
        let authors = try #require(item["author"] as? [[String: String]])
        #expect(authors == [["family": "Lee", "given": "Young Jae"], ["family": "Ahn", "given": "K"], ["literal": "IMS Study Group"]])
        #expect((item["issued"] as? [String: Any])?["date-parts"] as? [[Int]] == [[2006, 6]])
        #expect(item["volume"] as? String == "19")
        #expect(item["issue"] as? String == "1")
        #expect(item["page"] as? String == "1-7")
        #expect(item["DOI"] as? String == "10.3344/kjp.2006.19.1.1")
        #expect(item["PMID"] as? String == "16683455")
        #expect(item["PMCID"] as? String == "PMC123")
        #expect(item["ISSN"] as? String == "2005-9159, 2093-0569")
        #expect(item["abstract"] as? String == "BACKGROUND: text")
        #expect(item["language"] as? String == "en")
        #expect(item["keyword"] as? String == "IMS, dry needling")
        #expect(item["URL"] as? String == "https://pubmed.ncbi.nlm.nih.gov/16683455/")
        let allowed: Set<String> = [
            "id", "type", "title", "container-title", "container-title-short", "author", "issued", "volume", "issue",
            "page", "number", "DOI", "PMID", "PMCID", "ISSN", "abstract", "language", "keyword", "URL",
            "original-title", "publisher", "contributor",
            // citeproc-js's multilingual extension (not a CSL variable; processors without it ignore it).
            "multi",
        ]
        #expect(Set(item.keys).isSubset(of: allowed))
    }

    @Test func specialCharactersSurviveTheHandWrittenJSON() throws {
        let title = "Quotes \"q\", back\\slash, tab\t, newline\n, bell\u{07}, slash a/b, 근육내 자극 ©"
        let record = Record(database: "kci", nativeID: "ART1", title: title, date: PublicationDate(year: 2011, month: 10, day: 1))
        let text = CSLJSONWriter.json(for: record)
        #expect(text.contains("a/b"))
        #expect(text.contains("\\u0007"))
        let item = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(item["title"] as? String == title)
        #expect((item["issued"] as? [String: Any])?["date-parts"] as? [[Int]] == [[2011, 10, 1]])
        #expect(text.hasPrefix("{\"id\":\"kci:ART1\""))
    }

    @Test func emptyOutputIsAnEmptyArray() throws {
        let sink = StringSink()
        var writer = CSLJSONWriter(sink: sink)
        try writer.begin()
        try writer.finish()
        #expect(try decode(sink.text).isEmpty)
    }

    @Test func abbreviatedPagesAreExpandedAndAbsentFieldsOmitted() throws {
        var record = Record(database: "kci", nativeID: "ART001", title: "t", pages: "221-8")
        record.articleNumber = "e5"
        let item = CSLJSONWriter.item(for: record)
        #expect(item["page"] as? String == "221-228")
        #expect(item["number"] == nil)
        #expect(item["DOI"] == nil)
        #expect(item["author"] == nil)
    }

    @Test func aWholeBookInASeriesIsABookNotAChapter() {
        var book = Record(database: "pubmed", nativeID: "1", title: "A Handbook", journal: "Methods Series")
        book.identifiers = [RecordIdentifier(scheme: "bookaccession", value: "NBK1")]
        book.publicationTypes = ["Review", "Book"]
        #expect(CSLJSONWriter.item(for: book)["type"] as? String == "book")
        book.publicationTypes = ["Book Chapter"]
        #expect(CSLJSONWriter.item(for: book)["type"] as? String == "chapter")
    }

    @Test func jsonLinesRoundTripLosslessly() throws {
        let sink = StringSink()
        var writer = JSONLinesWriter(sink: sink)
        try writer.write(Self.record)
        let line = try #require(sink.text.split(separator: "\n").first)
        let decoded = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
        #expect(decoded == Self.record)
    }

    /// A KCI record in two languages: the English title, abstract and romanised names survive in CSL's own
    /// `original-title` and in citeproc-js's `multi`, and our reader takes them back.
    @Test func aKoreanRecordKeepsItsEnglishTitleAbstractAndRomanisedNames() throws {
        var record = Record(
            database: "kci", nativeID: "ART001985846", title: "1930년대 기생-가정극 연구",
            otherTitle: "A Study on Kisaeng Domestic Dramas in 1930s",
            authors: [Author(literal: "백현미", affiliations: ["전남대학교"], alternateNames: ["Baek, Hyun-mi"])],
            journal: "대중서사연구", date: PublicationDate(year: 2015, month: 4), volume: "21", issue: "1",
            pages: "227-260", abstract: "연애와 여성을 키워드로 한 대중 서사 연구.", languages: ["ko"],
            otherAbstract: "A study on popular narratives.", publisher: "대중서사학회")
        record.contributors = [{ var researcher = Author(literal: "김준원"); researcher.role = "participating researcher"; return researcher }()]
        let item = CSLJSONWriter.item(for: record)
        #expect(item["title"] as? String == "1930년대 기생-가정극 연구")
        #expect(item["original-title"] as? String == "A Study on Kisaeng Domestic Dramas in 1930s")
        #expect(item["publisher"] as? String == "대중서사학회")
        let multi = try #require(item["multi"] as? [String: Any])
        #expect((multi["main"] as? [String: String]) == ["title": "ko"])
        let keys = try #require(multi["_keys"] as? [String: Any])
        #expect((keys["title"] as? [String: String]) == ["en": "A Study on Kisaeng Domestic Dramas in 1930s"])
        #expect((keys["abstract"] as? [String: String]) == ["en": "A study on popular narratives."])
        let author = try #require((item["author"] as? [[String: Any]])?.first)
        #expect(author["literal"] as? String == "백현미")
        let romanised = (author["multi"] as? [String: Any])?["_key"] as? [String: Any]
        #expect((romanised?["en"] as? [String: String]) == ["family": "Baek", "given": "Hyun-mi"])
        #expect(((item["contributor"] as? [[String: Any]])?.first?["literal"] as? String) == "김준원")

        // Read back by our own importer.
        let sink = StringSink()
        var writer = CSLJSONWriter(sink: sink)
        try writer.begin()
        try writer.write(record)
        try writer.finish()
        let path = NSTemporaryDirectory() + "litharvest-csl-\(UUID().uuidString).json"
        try sink.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try #require(try ImportParser(database: "kci").records(atPath: path).records.first)
        #expect(back.title == record.title)
        #expect(back.otherTitle == record.otherTitle)
        #expect(back.otherAbstract == record.otherAbstract)
        #expect(back.publisher == record.publisher)
        #expect(back.authors.first?.alternateNames == ["Baek, Hyun-mi"])
    }
}
