import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// The RISS web connector end to end through libcurl against a loopback stand-in of `Search.do`.
@Suite("RISS web search against a loopback stand-in")
struct RISSWebSearchTests {
    /// A per-material-type result page with the element structure of the real captures (see
    /// Fixtures/riss/SOURCES.md): the total in the search box, then one `li` per record.
    static func listPage(term: String, total: Int, ids: ArraySlice<Int>) -> String {
        let items = ids.map { id in
            """
            <li><div class="markW"></div><div class="cont">
            <p class="title"><a href="/search/detail/DetailView.do?p_mat_type=1a0202e37d52c72d&amp;control_no=cn\(id)&amp;keyword=\(term)">기록 \(id) = Record \(id)</a></p>
            <p class="etc"><span class="writer"><a href="/search/Search.do?queryText=znCreator,x">저자\(id)</a>,<a href="/search/Search.do?queryText=znCreator,y">Kim, Min</a></span>
            <span class="assigned"><a href="/search/Search.do?queryText=znPublisher,x">학회</a></span>
            <span>\(2000 + id % 20)</span>
            <span><a href="/search/detail/DetailView.do?p_mat_type=3a11008f85f7c51d&amp;control_no=j1">대한학회지</a></span>
            <span><a href="/search/detail/DetailView.do?p_mat_type=3a11008f85f7c51d&amp;control_no=j1&amp;v_control_no=v\(id)">Vol.\(id) No.2</a></span>
            </p></div></li>
            """
        }
        return """
            <html lang="ko"><head><meta charset="UTF-8"><title>RISS 검색 - 국내학술논문</title></head><body>
            <div class="searchBox pd"><dl><dt>검색키워드</dt><dd>\(term) <span>(검색결과 <span class="num">\(total)</span> 건)</span></dd></dl></div>
            <div class="srchResultW"><div class="srchResultListW"><ul>
            \(items.joined(separator: "\n"))
            </ul></div></div></body></html>
            """
    }

    /// Serves `hits` (term → ids) page by page, the real zero-hit capture for other terms, and
    /// `override` for terms it names.
    static func standIn(_ hits: [String: [Int]], override: [String: String] = [:]) throws -> LoopbackServer {
        let zeroHits = try fixture("riss", "riss_search_B2_nephrolithiasis_cholecalciferol_zero_hits.html")
        return try LoopbackServer { request in
            let term = request.parameter("query") ?? ""
            if let page = override[term] { return .respond(.html(page)) }
            guard let ids = hits[term] else { return .respond(.html(zeroHits)) }
            let start = Int(request.parameter("iStartCount") ?? "") ?? 0
            let size = Int(request.parameter("pageScale") ?? "") ?? 10
            let slice = ids[min(start, ids.count)..<min(start + size, ids.count)]
            return .respond(.html(listPage(term: term, total: ids.count, ids: slice)))
        }
    }

    func search(
        _ text: String, server: LoopbackServer, from: SimpleDate? = nil, until: SimpleDate? = nil, limit: Int? = nil,
        options: [String: String] = ["page_size": "10"], userAgent: String? = nil
    ) throws -> SearchResult {
        var context = searchContext(endpoint: server.url("/search/Search.do"), requestsPerSecond: 50, options: options)
        context.settings.userAgent = userAgent
        return try RISSWebConnector().search(Query(text: text, from: from, until: until, limit: limit), context: context)
    }

    @Test func pagesUntilTheReportedTotal() throws {
        let server = try Self.standIn(["warfarin": Array(1...25)])
        defer { server.stop() }
        let result = try search(
            "warfarin", server: server, from: SimpleDate(year: 2010, month: 1, day: 1), until: SimpleDate(year: 2020, month: 12, day: 31),
            userAgent: "Mozilla/5.0 (X11; Linux x86_64) test")
        #expect(result.reportedCount == 25)
        #expect(result.records.map(\.nativeID) == (1...25).map { "cn\($0)" })
        #expect(result.completeness == .complete)
        #expect(result.querySent == "warfarin")
        let first = try #require(result.records.first)
        #expect(first.title == "기록 1")
        #expect(first.otherTitle == "Record 1")
        #expect(first.authors.map(\.displayName) == ["저자1", "Kim, Min"])
        #expect(first.journal == "대한학회지")
        #expect((first.volume, first.issue) == ("1", "2"))
        #expect(first.year == 2001)
        let requests = server.requests
        #expect(requests.map { $0.parameter("iStartCount") } == ["0", "10", "20"])
        #expect(requests.allSatisfy {
            $0.path == "/search/Search.do" && $0.parameter("colName") == "re_a_kor" && $0.parameter("pageScale") == "10"
                && $0.parameter("p_year1") == "2010" && $0.parameter("p_year2") == "2020"
                && $0.header("User-Agent") == "Mozilla/5.0 (X11; Linux x86_64) test"
        })
    }

    @Test func noBrowserUserAgentUnlessConfiguredAndLimitStopsEarly() throws {
        let server = try Self.standIn(["warfarin": Array(1...25)])
        defer { server.stop() }
        let result = try search("warfarin", server: server, limit: 12, options: ["page_size": "10", "material": "bib_t"])
        #expect(result.records.count == 12)
        #expect(result.completeness == .complete)
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.parameter("colName") == "bib_t" && $0.parameter("p_year1") == nil })
        #expect(server.requests.allSatisfy { !($0.header("User-Agent") ?? "").contains("Mozilla") })
        #expect(result.diagnostics.contains { $0.message.contains("theses (학위논문)") })
    }

    @Test func booleanQueryIsSplitAndCombinedByControlNumber() throws {
        let server = try Self.standIn(["warfarin": Array(1...25), "coumadin": Array(20...30), "vitamin K": Array(10...40)])
        defer { server.stop() }
        let result = try search("(warfarin OR coumadin) AND \"vitamin K\"", server: server)
        #expect(result.records.map(\.nativeID) == (10...30).map { "cn\($0)" })
        #expect(result.reportedCount == nil)
        #expect(result.querySent == "warfarin | coumadin | vitamin K")
        #expect(result.queryTranslation == "((\"warfarin\" OR \"coumadin\") AND \"vitamin K\")")
        #expect(result.completeness == .complete)
        let note = try #require(result.diagnostics.first { $0.message.contains("does not honour Boolean") })
        #expect(note.message.contains("\"warfarin\": 25, \"coumadin\": 11, \"vitamin K\": 31"))
        #expect(note.message.contains("giving 21 records"))
        let queries = server.requests.map { $0.parameter("query") ?? "" }
        #expect(queries.filter { $0 == "warfarin" }.count == 3)
        #expect(queries.filter { $0 == "coumadin" }.count == 2)
        #expect(queries.filter { $0 == "vitamin K" }.count == 4)

        let notResult = try search("warfarin NOT coumadin OR nephrolithiasis", server: server)
        #expect(notResult.records.map(\.nativeID) == (1...19).map { "cn\($0)" })
    }

    @Test func zeroHitsAreAnAnswerNotAFailure() throws {
        let server = try Self.standIn([:])
        defer { server.stop() }
        let result = try search("nephrolithiasis cholecalciferol", server: server)
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
        #expect(server.requests.count == 1)
    }

    @Test func unrecognisedPageStopsWithItsURL() throws {
        let server = try Self.standIn(
            ["warfarin": Array(1...25)],
            override: ["blocked": "<html><body><h1>비정상적인 접근입니다</h1></body></html>"])
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) { try search("blocked", server: server) }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.location?.hasPrefix(server.url("/search/Search.do?query=blocked")) == true)
    }

    @Test func anHTTPErrorIsADatabaseError() throws {
        let server = try LoopbackServer { _ in .respond(.text("not found", status: 404)) }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) { try search("warfarin", server: server) }
        #expect(error?.kind == .databaseError)
        #expect(error?.message == "RISS answered HTTP 404")
        #expect(error?.location?.contains("/search/Search.do?query=warfarin") == true)
    }

    @Test func aRepeatedPageMakesThePartialReason() throws {
        // The integrated-search capture ignores paging: every offset returns the same 13 records of 555.
        let page = String(decoding: try fixture("riss", "riss_search_A1_warfarin_vitamin_K.html"), as: UTF8.self)
        let server = try Self.standIn([:], override: ["warfarin vitamin K": page])
        defer { server.stop() }
        let result = try search("warfarin vitamin K", server: server, options: ["page_size": "13"])
        #expect(result.reportedCount == 555)
        #expect(result.records.count == 13)
        #expect(result.completeness == .partial(reason: "retrieved 13 of the 555 records RISS reported for \"warfarin vitamin K\" (the page at offset 13 brought no new records)"))
        #expect(result.diagnostics.contains { $0.message == "RISS counts for \"warfarin vitamin K\" by material type: 국내학술논문 89, 학위논문 50, 해외학술논문 386, 단행본 29, 연구보고서 1" })
    }

    @Test func badQueriesAndOptionsAreRefused() throws {
        let server = try Self.standIn([:])
        defer { server.stop() }
        let bracket = #expect(throws: ConnectorError.self) { try search("(warfarin OR coumadin", server: server) }
        #expect(bracket?.kind == .invalidQuery)
        let material = #expect(throws: ConnectorError.self) { try search("x", server: server, options: ["material": "everything"]) }
        #expect(material?.location == "options.material")
        #expect(server.requests.isEmpty)
    }

    @Test func queryPlanParsing() throws {
        #expect(try RISSQueryPlan.parse("warfarin vitamin K") == .term("warfarin vitamin K"))
        #expect(try RISSQueryPlan.parse("a AND b OR c").description == "((\"a\" AND \"b\") OR \"c\")")
        #expect(try RISSQueryPlan.parse("와파린 & (비타민 | \"vitamin K\")").terms == ["와파린", "비타민", "vitamin K"])
        #expect(throws: ConnectorError.self) { try RISSQueryPlan.parse("a AND") }
        #expect(throws: ConnectorError.self) { try RISSQueryPlan.parse("\"open") }
    }

    @Test func descriptorIsPolite() {
        let descriptor = RISSWebConnector.standardDescriptor
        #expect(descriptor.id == "riss")
        #expect(descriptor.access == .web)
        #expect(descriptor.defaultRequestsPerSecond == 1.0)
        #expect(descriptor.key == nil)
    }
}
