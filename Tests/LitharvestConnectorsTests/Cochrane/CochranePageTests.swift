import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// Every file in Fixtures/cochrane: the search page and record page are read, the portlet JSON files and a
/// challenge page are refused with what they are.
@Suite("Cochrane Library pages and files")
struct CochranePageTests {
    @Test func searchPageGivesTheTotalAndTwentyFiveTrials() throws {
        let page = try CochraneSearchPage.parse(try fixture("cochrane", "search-central.html"), source: "search-central.html")
        #expect(page.total == 17_202)
        #expect(page.interpretation == "aspirin in Title Abstract Keyword")
        #expect(page.records.count == 25)
        #expect(Set(page.records.map(\.nativeID)).count == 25)

        let first = try #require(page.records.first)
        #expect(first.database == "cochrane")
        #expect(first.nativeID == "CN-01510974")
        #expect(first.title == "Effect of Aspirin on Mammogram Density in Healthy Postmenopausal Women With a Moderate or High Level of Breast Density")
        #expect(first.url == "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-01510974/full")
        #expect(first.year == 2007)
        #expect(first.journal == "https://clinicaltrials.gov/show/NCT00470561")
        #expect(first.authors.map(\.displayName) == ["NCT00470561"])
        #expect(first.doi == nil)
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "central-added", value: "2018-05-31")))
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "central-issue", value: "2018 Issue 5")))
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "cochrane-doi", value: "10.1002/central/CN-01510974")))

        let eighth = page.records[7]
        #expect(eighth.nativeID == "CN-02354158")
        #expect(eighth.identifiers.contains(RecordIdentifier(scheme: "central-added", value: "2022-01-31")))
        #expect(eighth.year == 2021)
        let last = try #require(page.records.last)
        #expect(last.nativeID == "CN-01558948")
        #expect(last.title == "Perioperative Antiplatelet Therapy in Patients With Drug-eluting Stent Undergoing Noncardiac Surgery")
        #expect(last.identifiers.contains(RecordIdentifier(scheme: "central-issue", value: "2018 Issue 5")))
    }

    @Test func recordPageGivesTheCitationMetadata() throws {
        let record = try CochraneRecordPage.parse(try fixture("cochrane", "detail-trial.html"), source: "detail-trial.html")
        #expect(record.nativeID == "CN-01510974")
        #expect(record.title == "Effect of Aspirin on Mammogram Density in Healthy Postmenopausal Women With a Moderate or High Level of Breast Density")
        #expect(record.journal == "https://clinicaltrials.gov/show/NCT00470561")
        #expect(record.authors.map(\.displayName) == ["NCT00470561"])
        #expect(record.year == 2007)
        #expect(record.keywords == ["Aspirin"])
        #expect(record.languages == ["en"])
        #expect(record.url == "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-01510974/full")
        #expect(record.doi == nil)
        #expect(record.identifiers.contains(RecordIdentifier(scheme: "cochrane-doi", value: "10.1002/central/CN-01510974")))
        #expect(record.identifiers.contains(RecordIdentifier(scheme: "central-added", value: "2018-05-31")))
        #expect(record.identifiers.filter { $0.scheme == "cochrane-doi" }.count == 1)
    }

    @Test func fileParserReadsSavedPagesByContent() throws {
        var records: [Record] = []
        let report = try CochraneConnector.fileParser.parseFile(atPath: try fixturePath("cochrane", "search-central.html")) {
            records.append($0)
        }
        #expect(report.recordsRead == 25)
        #expect(records.first?.nativeID == "CN-01510974")
        var detail: [Record] = []
        _ = try CochraneConnector.fileParser.parseFile(atPath: try fixturePath("cochrane", "detail-trial.html")) {
            detail.append($0)
        }
        #expect(detail.map(\.nativeID) == ["CN-01510974"])
    }

    @Test(arguments: [
        ("pico.json", "PICO annotation"), ("related-articles.json", "related-articles list"),
        ("suggest.json", "search-suggestion list (10 autocomplete terms)"),
        ("synthetic_cloudflare_challenge.html", "Cloudflare challenge page"),
    ])
    func fileParserRefusesFilesWithoutRecords(file: String, kind: String) throws {
        let path = try fixturePath("cochrane", file)
        var emitted = 0
        let error = try #require(throws: ConnectorError.self) {
            _ = try CochraneConnector.fileParser.parseFile(atPath: path) { _ in emitted += 1 }
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains(kind))
        #expect(error.location == path)
        #expect(emitted == 0)
    }

    @Test(arguments: ["central_export_ris_endnote.ris", "central_export.csv"])
    func exportFilesAreReadByTheImporter(file: String) throws {
        var records: [Record] = []
        let report = try CochraneConnector.fileParser.parseFile(atPath: try fixturePath("cochrane", file)) {
            records.append($0)
        }
        #expect(report.recordsRead == 3)
        #expect(records.map(\.nativeID) == ["CN-00778158", "CN-02677909", "CN-02575572"])
        #expect(records.allSatisfy { $0.database == "cochrane" })
        #expect(records.first?.title?.hasPrefix("The Incredible Years Therapeutic Dinosaur Programme") == true)
        #expect(records.first?.year == 2011)
    }

    @Test func onlyTheInterstitialCountsAsAChallenge() throws {
        // Real pages load Cloudflare's `/cdn-cgi/challenge-platform/` beacon too; they are not challenges.
        for file in ["search-central.html", "detail-trial.html"] {
            #expect(WebPage(status: 200, body: try fixture("cochrane", file), url: file).isBotChallenge == false)
        }
        let challenge = try fixture("cochrane", "synthetic_cloudflare_challenge.html")
        #expect(WebPage(status: 403, body: challenge, url: "c").isBotChallenge)
    }

    @Test func aPageWithoutTheResultsLayoutIsRefused() throws {
        let html = Data("<html><body><h1>Scheduled maintenance</h1></body></html>".utf8)
        let error = try #require(throws: ConnectorError.self) {
            _ = try CochraneSearchPage.parse(html, source: "https://www.cochranelibrary.com/en/search?cur=1")
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.location == "https://www.cochranelibrary.com/en/search?cur=1")
        #expect(error.message.contains("results-number"))
    }

    @Test func metadataLinesOfJournalRecordsGiveVolumeIssueAndPages() {
        var record = Record(database: "cochrane", nativeID: "CN-00778158")
        CochraneReference.applyMetadata(
            "Trials, 2011, 12(1), 39-45 | added to CENTRAL: 31 March 2011 | 2011 Issue 3", year: 2011, to: &record)
        #expect(record.journal == "Trials")
        #expect(record.year == 2011)
        #expect(record.volume == "12")
        #expect(record.issue == "1")
        #expect(record.pages == "39-45")
        #expect(record.identifiers.contains(RecordIdentifier(scheme: "central-added", value: "2011-03-31")))
    }
}
