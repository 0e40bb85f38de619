import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// KoreaMed: the synthetic pages built from the pilot's observation log, the JSON probe and the HTML
/// fallback end to end.
@Suite("KoreaMed")
struct KoreaMedTests {
    /// The 62 (KMID, title) pairs the pilot saw for query A1.
    static func observedRecords() throws -> [(kmid: String, title: String)] {
        let observation = try JSONSerialization.jsonObject(
            with: try fixture("koreamed", "koreamed_designpilot_browser_observation.json"))
        let records = try #require((observation as? [String: Any])?["a1_records"] as? [[String: Any]])
        return records.compactMap { item in
            guard let kmid = item["kmid"] as? String, let title = item["title"] as? String else { return nil }
            return (kmid, title)
        }
    }

    @Test func syntheticPagesGiveTheObservedKMIDsAndTitles() throws {
        let observed = try Self.observedRecords()
        #expect(observed.count == 62)
        let page1 = try KoreaMedResultPage.parse(try fixture("koreamed", "synthetic_koreamed_search_A1_page1.html"), source: "p1")
        let page2 = try KoreaMedResultPage.parse(try fixture("koreamed", "synthetic_koreamed_search_A1_page2.html"), source: "p2")
        #expect(page1.total == 62)
        #expect(page1.records.count == 50)
        #expect(page2.records.count == 12)
        let all = page1.records + page2.records
        #expect(all.map(\.nativeID) == observed.map(\.kmid))
        // The page collapses whitespace (the log kept line breaks inside 2 titles).
        #expect(all.map(\.title) == observed.map { Normalize.text($0.title) })
        #expect(all.first?.url == "https://www.koreamed.org/SearchBasic.php?RID=2434954")
    }

    @Test func syntheticRecordFieldsAreMapped() throws {
        let page = try KoreaMedResultPage.parse(try fixture("koreamed", "synthetic_koreamed_result_fields.html"), source: "f")
        let record = try #require(page.records.first)
        #expect(page.total == 1)
        #expect(record.nativeID == "9000001")
        #expect(record.title == "Synthetic trial of intramuscular stimulation for chronic low back pain")
        #expect(record.otherTitle == "만성 요통에 대한 근육내 자극 치료의 합성 시험")
        #expect(record.authors.map(\.displayName) == ["Kim, MG", "Lee, S", "Park, JH"])
        #expect(record.journal == "Synthetic J Rehabil Med")
        #expect(record.year == 2011)
        #expect(record.volume == "35")
        #expect(record.issue == "2")
        #expect(record.pages == "221-8")
        #expect(record.doi == "10.5535/synthetic.2011.35.2.221")
    }

    @Test func theObservedDBErrorIsADatabaseError() throws {
        let error = try #require(throws: ConnectorError.self) {
            _ = try KoreaMedResultPage.parse(try fixture("koreamed", "synthetic_koreamed_db_error.html"), source: "e")
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("DB Error: syntax error"))
    }

    @Test func aPageThatDoesNotLookAsExpectedFailsLoudly() throws {
        let links = "<html><body><a href=\"/SearchBasic.php?RID=2434954\">x</a></body></html>"
        let noTotal = try #require(throws: ConnectorError.self) {
            _ = try KoreaMedResultPage.parse(Data(links.utf8), source: "https://www.koreamed.org/SearchBasic.php?QY=a")
        }
        #expect(noTotal.kind == .unexpectedResponse)
        #expect(noTotal.location == "https://www.koreamed.org/SearchBasic.php?QY=a")
        let blank = try #require(throws: ConnectorError.self) {
            _ = try KoreaMedResultPage.parse(Data("<html><body></body></html>".utf8), source: "blank")
        }
        #expect(blank.kind == .unexpectedResponse)
        let zero = try KoreaMedResultPage.parse(Data("<html><body><p>No items found.</p></body></html>".utf8), source: "z")
        #expect(zero.total == 0)
        #expect(zero.records.isEmpty)
    }

    @Test func syntheticJSONAnswerIsMapped() throws {
        let json = try JSONSerialization.jsonObject(with: try fixture("koreamed", "synthetic_koreamed_search_result.json"))
        let result = try #require(KoreaMedJSONResult.parse(json))
        #expect(result.total == 2)
        #expect(result.records.map(\.nativeID) == ["9000002", "9000003"])
        let first = try #require(result.records.first)
        #expect(first.journal == "Synthetic Journal of Pain Medicine")
        #expect(first.journalAbbreviation == "Synth J Pain Med")
        #expect(first.volume == "12")
        #expect(first.issue == "4")
        #expect(first.pages == "301-9")
        #expect(first.doi == "10.0000/synthetic.2019.12.4.301")
        #expect(first.year == 2019)
        #expect(first.authors.map(\.displayName) == ["Choi, YS", "Jung, HW"])
        #expect(first.issns.map(\.value) == ["0000-0019", "0000-0027"])
        #expect(first.subjects.map(\.term) == ["Dry Needling", "Myofascial Pain Syndromes"])
        #expect(result.records[1].year == 2020)
    }

    @Test func htmlSearchIsUsedWhenTheJSONEndpointDoesNotAnswer() throws {
        let pages = [
            try fixture("koreamed", "synthetic_koreamed_search_A1_page1.html"),
            try fixture("koreamed", "synthetic_koreamed_search_A1_page2.html"),
        ]
        let server = try LoopbackServer { request in
            guard request.path == "/SearchBasic.php", let page = Int(request.parameter("page") ?? ""), (1...2).contains(page) else {
                return .respond(.text("Not Found", status: 404))
            }
            return .respond(.html(pages[page - 1]))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 50, options: ["page_size": "50"])
        let result = try KoreaMedConnector().search(Query(text: "warfarin \"vitamin K\""), context: context)
        #expect(result.reportedCount == 62)
        #expect(result.records.map(\.nativeID) == (try Self.observedRecords()).map(\.kmid))
        #expect(result.completeness == .complete)
        #expect(result.diagnostics.contains { $0.message.contains("JSON search did not answer (HTTP 404)") })
        let paths = server.requests.map(\.path)
        #expect(paths == ["/search/result", "/SearchBasic.php", "/SearchBasic.php"])
        #expect(server.requests[1].parameter("QY") == "warfarin \"vitamin K\"")
    }

    @Test func theJSONEndpointIsUsedWhenItAnswers() throws {
        let json = try fixture("koreamed", "synthetic_koreamed_search_result.json")
        let server = try LoopbackServer { request in
            request.path == "/search/result" ? .respond(.json(json)) : .respond(.text("Not Found", status: 404))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 50)
        let result = try KoreaMedConnector().search(Query(text: "dry needling"), context: context)
        #expect(result.reportedCount == 2)
        #expect(result.records.map(\.nativeID) == ["9000002", "9000003"])
        #expect(server.requests.map(\.path) == ["/search/result"])
        #expect(server.requests[0].parameter("q") == "dry needling")
    }

    @Test func anUnrecognisedResultPageStopsTheSearch() throws {
        let server = try LoopbackServer { request in
            request.path == "/SearchBasic.php"
                ? .respond(.html("<html><body><h1>KoreaMed</h1><p>Welcome</p></body></html>"))
                : .respond(.text("Not Found", status: 404))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 50)
        let error = try #require(throws: ConnectorError.self) {
            _ = try KoreaMedConnector().search(Query(text: "warfarin"), context: context)
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.location?.contains("/SearchBasic.php?") == true)
    }

    @Test func fileParserReadsSavedPagesAndJSON() throws {
        var ids: [String] = []
        let report = try KoreaMedConnector.factory.fileParser?.parseFile(
            atPath: try fixturePath("koreamed", "synthetic_koreamed_search_A1_page2.html")) { ids.append($0.nativeID) }
        #expect(report?.recordsRead == 12)
        #expect(ids.first == "2505374")
        var fromJSON: [String] = []
        _ = try KoreaMedConnector.factory.fileParser?.parseFile(
            atPath: try fixturePath("koreamed", "synthetic_koreamed_search_result.json")) { fromJSON.append($0.nativeID) }
        #expect(fromJSON == ["9000002", "9000003"])
        let error = try #require(throws: ConnectorError.self) {
            _ = try KoreaMedConnector.factory.fileParser?.parseFile(
                atPath: try fixturePath("koreamed", "koreamed_designpilot_browser_observation.json")) { _ in }
        }
        #expect(error.kind == .unexpectedResponse)
    }
}
