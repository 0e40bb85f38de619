import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

@Suite("CSV import")
struct CSVReaderTests {
    @Test("bib-dedupe cytology_screening: 1,856 records with BibTeX-style author lists")
    func bibDedupeCytology() throws {
        let (records, report) = try importFixture("dedup/bib-dedupe", "cytology_screening_records_pre_merged.csv", database: "benchmark")
        #expect(records.count == 1856)
        #expect(report.recordsRead == 1856)
        let first = try #require(records.first)
        #expect(first.nativeID == "id_0000001")
        #expect(first.title == "Comparison of human papillomavirus distribution in cytologic subgroups of low-grade squamous intraepithelial lesion")
        #expect(first.year == 2006)
        #expect(first.authors.map(\.displayName) == ["Zuna, R E", "Wang, S S", "Schiffman, M", "Solomon, D"])
        #expect(first.pages == "288-297")
        #expect(first.volume == "108")
        #expect(first.issue == nil)
        #expect(first.journal == "Cancer")
        #expect(first.publicationTypes == ["Journal Article"])
        let last = try #require(records.last)
        #expect(last.nativeID == "id_0001856")
        #expect(last.title == "HPV testing may replace Pap smears for primary screening")
        #expect(last.authors.isEmpty)
        #expect(last.journal == "Journal of Family Practice")
    }

    @Test("bib-dedupe haematology: 1,415 records, sparse ones kept")
    func bibDedupeHaematology() throws {
        let (records, report) = try importFixture("dedup/bib-dedupe", "haematology_records_pre_merged.csv", database: "benchmark")
        #expect(records.count == 1415)
        #expect(report.diagnostics.isEmpty)
        let first = try #require(records.first)
        #expect(first.authors.count == 6)
        #expect(first.authors[1].family == "Le Quintrec")
        #expect(first.issue == "1")
        #expect(records[1].title == nil)
        #expect(records[1].authors.first?.displayName == "Zuber, J.")
        #expect(records[1].authors.first?.initials == "J")
        let last = try #require(records.last)
        #expect(last.nativeID == "id_0001415")
        #expect(last.issue == "20/04/2012")
    }

    @Test("bib-dedupe special_cases: 12 records with booktitle, issue, doi and abstract columns")
    func bibDedupeSpecialCases() throws {
        let (records, _) = try importFixture("dedup/bib-dedupe", "special_cases_records_pre_merged.csv", database: "benchmark")
        #expect(records.count == 12)
        let first = try #require(records.first)
        #expect(first.journal == "Americas Conference on Information Systems")
        #expect(first.publicationTypes == ["Conference Paper"])
        #expect(first.authors.map(\.displayName) == ["Deng, Chaoqun", "Ravichandran, Thiagarajan"])
        #expect(first.abstract?.hasPrefix("There is limited systematic research") == true)
        #expect(records.last?.authors.first?.given == "Bernd-Carsten")
    }

    @Test("Cochrane CENTRAL CSV export: ids, PUBMED/EMBASE cross-references, keywords")
    func cochraneCSV() throws {
        let path = try fixturePath("cochrane", "central_export.csv")
        #expect(try ImportFormat.detect(atPath: path) == .csv)
        let (records, _) = try importFixture("cochrane", "central_export.csv", database: "cochrane")
        #expect(records.count == 3)
        let first = try #require(records.first)
        #expect(first.nativeID == "CN-00778158")
        #expect(first.pmid == "21314913")
        #expect(first.authors.map(\.displayName) == ["Bywater, T", "Hutchings, J", "Whitaker, C", "Evans, C", "Parry, L"])
        #expect(first.journal == "Trials")
        #expect(first.doi == "10.1186/1745-6215-12-39")
        #expect(first.keywords.first == "*school health service")
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "cochrane", value: "CN-00778158")))
        let second = records[1]
        #expect(second.identifiers.contains(RecordIdentifier(scheme: "embase", value: "643589775")))
        #expect(second.pages == "1279-1297")
        let last = try #require(records.last)
        #expect(last.nativeID == "CN-02575572")
        #expect(last.authors.map(\.family) == ["Arruabarrena", "Rivas", "Cañas", "Paúl"])
        #expect(last.keywords.isEmpty)
    }

    @Test("generic CSV with a column mapping: `;` delimiter, doubled quotes, embedded newline, empty row reported")
    func mappedColumns() throws {
        let options = ImportOptions(columns: try ImportOptions.columnMapping("title=Article Title,author=Authors,year=Publication Year,nativeID=UT"))
        let (records, report) = try importFixture("synthetic", "synthetic_mapped_columns.csv", options: options)
        #expect(records.count == 2)
        #expect(records[0].title == "A title with \"quotes\"; and a semicolon")
        #expect(records[0].nativeID == "WOS:1")
        #expect(records[0].authors.map(\.displayName) == ["Smith, J", "Jones, K"])
        #expect(records[0].doi == "10.1000/csv.1")
        #expect(records[1].title == "A title with an embedded newline")
        #expect(records[1].authors.first?.family == "García")
        #expect(records[1].year == 2016)
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.location?.hasSuffix("synthetic_mapped_columns.csv:5") == true)
    }

    @Test("a mapping naming a missing column fails naming the header")
    func mappingToMissingColumn() throws {
        let options = ImportOptions(columns: ["title": "Nope"])
        #expect(throws: ConnectorError.self) {
            try importFixture("synthetic", "synthetic_mapped_columns.csv", options: options)
        }
        #expect(throws: ImportOptionsError.self) { try ImportOptions.columnMapping("title") }
    }

    @Test("UTF-16 BE with a byte-order mark")
    func utf16BigEndian() throws {
        let (records, _) = try importFixture("synthetic", "synthetic_utf16be_bom.csv")
        #expect(records.count == 1)
        #expect(records[0].title == "Büchner and the UTF-16 file")
        #expect(records[0].authors.map(\.displayName) == ["Müller, Jörg", "Smith, Anna"])
        #expect(records[0].nativeID == "be-1")
        #expect(records[0].doi == "10.1000/utf16.be")
    }

    @Test("an unclosed quote keeps the rows before it and is an error with file and line (a file cut short)")
    func unclosedQuote() throws {
        let path = try fixturePath("synthetic", "synthetic_unclosed_quote.csv")
        let (records, report) = try ImportParser(database: "x").records(atPath: path)
        #expect(records.map(\.title) == ["Fine"])
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location == path + ":3")
        #expect(error.message.contains("never closed") && error.message.contains("last line read 4"))
    }

    @Test("a quote that never closes in the header row refuses the file")
    func unclosedQuoteInHeader() throws {
        let path = try temporaryFile("header.csv", "title,\"author\nOne,Two\n")
        #expect(throws: ConnectorError.self) { try ImportParser(database: "x", format: .csv).records(atPath: path) }
    }
}
