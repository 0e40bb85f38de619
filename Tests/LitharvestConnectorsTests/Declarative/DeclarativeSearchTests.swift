import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// NLK and KOLIS-NET searches through libcurl against loopback stand-ins that answer as the reference
/// documents: paging, the 500-record cap split by year, errors in HTTP 200 bodies, the key.
@Suite("Declarative connectors: search against loopback stand-ins")
struct DeclarativeSearchTests {
    static let key = "nlk-test-key-5150"

    /// An NLK stand-in over `byYear` records per publication year; it refuses (error 012) to page past 500.
    static func nlkStandIn(byYear: [Int: Int]) -> @Sendable (RecordedRequest) -> ServerAction {
        { request in
            guard request.parameter("key") == key else {
                return .respond(.json(#"{"errorCode":"011","errorMsg":"INVALID KEY:인증키값이 유효하지 않습니다."}"#))
            }
            let page = Int(request.parameter("pageNum") ?? "") ?? 1
            let size = Int(request.parameter("pageSize") ?? "") ?? 10
            var pool: [(year: Int, number: Int)] = []
            for (year, count) in byYear.sorted(by: { $0.key < $1.key }) {
                if let wanted = request.parameter("ipub_year"), wanted != String(year) { continue }
                pool += (0..<count).map { (year, $0) }
            }
            if page * size > 500 && (page - 1) * size < pool.count {
                return .respond(.json(#"{"errorCode":"012","errorMsg":"500건 이상 조회할 수 없습니다."}"#))
            }
            let slice = pool.dropFirst((page - 1) * size).prefix(size).map { nlkRecord($0.number, year: $0.year) }
            do {
                return .respond(.json(try nlkEnvelope(total: pool.count, page: page, pageSize: size, records: Array(slice))))
            } catch {
                return .respond(.text("envelope failed", status: 500))
            }
        }
    }

    private func search(
        _ spec: ConnectorSpec, _ query: Query, server: LoopbackServer, key: String? = key, options: [String: String] = [:]
    ) throws -> SearchResult {
        var context = searchContext(endpoint: server.url("/NL/search/openApi/search.do"), requestsPerSecond: 100, options: options)
        context.settings.apiKey = key
        return try DeclarativeConnector(spec: spec).search(query, context: context)
    }

    @Test func pagesThroughASearchUnderTheCap() throws {
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: [2010: 120, 2011: 130]))
        defer { server.stop() }
        let result = try search(try shippedSpec("nlk"), Query(text: "근육내 자극"), server: server)
        #expect(result.reportedCount == 250)
        #expect(result.records.count == 250)
        #expect(Set(result.records.map(\.nativeID)).count == 250)
        #expect(result.completeness == .complete)
        #expect(result.windows.isEmpty)
        #expect(result.records.first?.title == "근육내 자극 연구 0")
        #expect(result.records.first?.authors.map(\.displayName) == ["홍길동0"])
        let requests = server.requests
        #expect(requests.map { $0.parameter("pageNum") } == ["1", "2", "3"])
        #expect(requests.allSatisfy {
            $0.parameter("kwd") == "근육내 자극" && $0.parameter("apiType") == "json" && $0.parameter("pageSize") == "100"
                && $0.parameter("ipub_year") == nil
        })
    }

    @Test func moreThanFiveHundredHitsAreSplitByYear() throws {
        let byYear = [1998: 40, 2019: 480, 2020: 450, 2021: 330]
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: byYear))
        defer { server.stop() }
        let result = try search(try shippedSpec("nlk"), Query(text: "교육격차"), server: server)
        #expect(result.reportedCount == 1_300)
        #expect(result.records.count == 1_300)
        #expect(Set(result.records.map(\.nativeID)).count == 1_300)
        #expect(result.completeness == .complete)
        #expect(result.windows.map(\.from.year) == [1998, 2019, 2020, 2021])
        #expect(result.windows.map(\.reportedCount) == [40, 480, 450, 330])
        #expect(result.diagnostics.contains { $0.message.contains("more than 500 hits") })
        let requests = server.requests
        // Never past the cap, and every year from 1945 to this year was asked once for its first page.
        #expect(requests.allSatisfy { (Int($0.parameter("pageNum") ?? "") ?? 99) <= 5 })
        let years = requests.filter { $0.parameter("pageNum") == "1" }.compactMap { $0.parameter("ipub_year") }
        #expect(years.count == SimpleDate.today().year - 1945 + 1)
    }

    @Test func aYearStillOverTheCapIsPartial() throws {
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: [2020: 620]))
        defer { server.stop() }
        let spec = try shippedSpec("nlk")
        let from = SimpleDate(year: 2019, month: 1, day: 1)
        let until = SimpleDate(year: 2021, month: 12, day: 31)
        let result = try search(spec, Query(text: "교육", from: from, until: until), server: server)
        #expect(result.records.count == 500)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("2020 has 620 records, more than the 500"))
        #expect(result.diagnostics.contains { $0.message.contains("limits applied as years 2019–2021") })
        #expect(result.diagnostics.contains { $0.message.contains("filters one year at a time: searched 1 windows") })
        #expect(Set(server.requests.compactMap { $0.parameter("ipub_year") }) == ["2019", "2020", "2021"])
    }

    @Test func missingKeySkipsWithTheVariableAndWhereToGetIt() throws {
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: [2020: 1]))
        defer { server.stop() }
        let error = try #require(throws: ConnectorError.self) {
            try search(try shippedSpec("nlk"), Query(text: "교육"), server: server, key: nil)
        }
        #expect(error.kind == .missingKey)
        #expect(error.message.contains("NLK_API_KEY"))
        #expect(error.message.contains("nl.go.kr"))
        #expect(server.requests.isEmpty)
    }

    @Test func invalidKeyIsADatabaseErrorWithTheKeyMasked() throws {
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: [2020: 1]))
        defer { server.stop() }
        let error = try #require(throws: ConnectorError.self) {
            try search(try shippedSpec("nlk"), Query(text: "교육"), server: server, key: "wrong-key-2024")
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("011"))
        #expect(error.location?.contains("key=REDACTED") == true)
        #expect(error.location?.contains("wrong-key-2024") == false)
    }

    @Test func noHitsIsZeroWithoutError() throws {
        let server = try LoopbackServer(handler: Self.nlkStandIn(byYear: [:]))
        defer { server.stop() }
        let result = try search(try shippedSpec("nlk"), Query(text: "없는검색어"), server: server)
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
    }

    @Test func kolisnetPagesWithTheConfiguredBatchSize() throws {
        let records = (1...5).map { number in
            "<RECORD><NUMBER>\(number)</NUMBER><REC_KEY>\(7_000 + number)</REC_KEY><TITLE>자극 \(number)</TITLE>"
                + "<AUTHOR>저자\(number)</AUTHOR><PUBLISHER>출판</PUBLISHER><PUBYEAR>2001</PUBYEAR><TYPE>단행본</TYPE>"
                + "<LIB_NAME>도서관</LIB_NAME></RECORD>"
        }
        let server = try LoopbackServer { request in
            let page = Int(request.parameter("page") ?? "") ?? 1
            let size = Int(request.parameter("per_page") ?? "") ?? 10
            let body = records.dropFirst((page - 1) * size).prefix(size).joined()
            return .respond(.xml("<?xml version=\"1.0\"?><METADATA><TOTAL>5</TOTAL>\(body)</METADATA>"))
        }
        defer { server.stop() }
        let spec = try shippedSpec("kolisnet")
        let from = SimpleDate(year: 2000, month: 1, day: 1)
        let result = try search(spec, Query(text: "자극", from: from), server: server, key: nil, options: ["page_size": "2"])
        #expect(result.reportedCount == 5)
        #expect(result.records.map(\.nativeID) == ["7001", "7002", "7003", "7004", "7005"])
        #expect(result.completeness == .complete)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("cannot filter by date") })
        #expect(server.requests.map { $0.parameter("page") } == ["1", "2", "3"])
        #expect(server.requests.allSatisfy { $0.parameter("value1") == "자극" && $0.parameter("per_page") == "2" })
    }

    @Test func aShortPageMakesTheResultPartial() throws {
        let server = try LoopbackServer { request in
            let page = Int(request.parameter("page") ?? "") ?? 1
            let body = page == 1 ? "<RECORD><REC_KEY>1</REC_KEY><TITLE>a</TITLE></RECORD>" : ""
            return .respond(.xml("<METADATA><TOTAL>4</TOTAL>\(body)</METADATA>"))
        }
        defer { server.stop() }
        let result = try search(try shippedSpec("kolisnet"), Query(text: "x"), server: server, key: nil, options: ["page_size": "1"])
        #expect(result.records.count == 1)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("retrieved 1 of the 4"))
    }
}

/// Bisecting year ranges and splitting a crowded year by category, with a spec written for the test.
@Suite("Declarative connectors: bisecting and category splits")
struct DeclarativeSplitTests {
    static let spec = """
        id: rangedemo
        name: Range demo
        platform: Range API
        endpoint: http://127.0.0.1/unused
        request:
          parameters:
            q: "{query}"
            from: "{from_year}"
            to: "{until_year}"
            cat: "{category}"
            offset: "{offset}"
            rows: "{page_size}"
          date_filter: added
        paging: { mode: offset, page_size: 20, total: $.hits, cap: 50 }
        split: { by: year, mode: bisect, earliest_year: 2000, categories: [book, thesis] }
        response:
          format: json
          records: $.items
        fields:
          native_id: $.id
          date: $.year
        """

    /// 2000–2009: 10 records a year, except 2005 with 70 (35 books, 35 theses).
    static func standIn(_ request: RecordedRequest) -> ServerAction {
        var pool: [(year: Int, category: String, id: String)] = []
        for year in 2000...2009 {
            let count = year == 2005 ? 70 : 10
            pool += (0..<count).map { (year, $0 % 2 == 0 ? "book" : "thesis", "\(year)-\($0)") }
        }
        let from = Int(request.parameter("from") ?? "") ?? 0
        let until = Int(request.parameter("to") ?? "") ?? 9_999
        let category = request.parameter("cat")
        let matching = pool.filter { $0.year >= from && $0.year <= until && (category == nil || $0.category == category) }
        let offset = Int(request.parameter("offset") ?? "") ?? 0
        let rows = Int(request.parameter("rows") ?? "") ?? 10
        if offset >= 50 { return .respond(.json(#"{"error":"past the cap"}"#, status: 400)) }
        let items = matching.dropFirst(offset).prefix(rows).map { #"{"id":"\#($0.id)","year":"\#($0.year)"}"# }
        return .respond(.json(#"{"hits":\#(matching.count),"items":[\#(items.joined(separator: ","))]}"#))
    }

    @Test func bisectsYearsThenSplitsACrowdedYearByCategory() throws {
        var reader = ConnectorSpecReader(file: "rangedemo.yaml")
        let spec = try reader.read(yaml: Self.spec)
        #expect(spec.descriptor.supportsDateWindow)
        let server = try LoopbackServer(handler: Self.standIn)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/api"), requestsPerSecond: 100)
        let from = SimpleDate(year: 2000, month: 1, day: 1)
        let until = SimpleDate(year: 2009, month: 12, day: 31)
        let result = try DeclarativeConnector(spec: spec).search(Query(text: "x", from: from, until: until), context: context)
        #expect(result.reportedCount == 160)
        #expect(result.records.count == 160)
        #expect(Set(result.records.map(\.nativeID)).count == 160)
        #expect(result.completeness == .complete)
        #expect(result.windows.allSatisfy { $0.reportedCount <= 50 })
        #expect(result.windows.reduce(0) { $0 + $1.reportedCount } == 160)
        let requests = server.requests
        #expect(requests.allSatisfy { (Int($0.parameter("offset") ?? "") ?? 99) < 50 })
        #expect(Set(requests.compactMap { $0.parameter("cat") }) == ["book", "thesis"])
        #expect(requests.filter { $0.parameter("cat") != nil }.allSatisfy { $0.parameter("from") == "2005" && $0.parameter("to") == "2005" })
    }
}

/// Cursor paging over namespaced XML, with a spec written for the test.
@Suite("Declarative connectors: cursor paging over namespaced XML")
struct DeclarativeCursorTests {
    static let spec = """
        id: cursordemo
        name: Cursor demo
        platform: Feed API
        endpoint: http://127.0.0.1/unused
        user_agent: Mozilla/5.0 (litharvest test)
        request:
          method: POST
          parameters: { q: "{query}", token: "{cursor}", size: "{page_size}" }
        paging: { mode: cursor, cursor: /a:feed/a:next, cursor_start: start, page_size: 2, total: /a:feed/a:total }
        response:
          format: xml
          namespaces: { a: "http://example.org/feed" }
          records: /a:feed/a:item
        fields:
          native_id: a:id
          title: a:title
          doi: { path: a:doi, clean: none }
        """

    @Test func followsTheCursorUntilItEnds() throws {
        var reader = ConnectorSpecReader(file: "cursordemo.yaml")
        let spec = try reader.read(yaml: Self.spec)
        let server = try LoopbackServer { request in
            let token = request.parameter("token") ?? ""
            let pages = ["start": (["1", "2"], "p2"), "p2": (["3", "4"], "p3"), "p3": (["5"], "")]
            guard let (ids, next) = pages[token] else { return .respond(.text("bad token", status: 400)) }
            let items = ids.map { "<item><id>\($0)</id><title>T\($0)</title><doi>https://doi.org/10.1/ABC\($0)</doi></item>" }
            let nextElement = next.isEmpty ? "" : "<next>\(next)</next>"
            return .respond(.xml("<feed xmlns=\"http://example.org/feed\"><total>5</total>\(nextElement)\(items.joined())</feed>"))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/feed"), requestsPerSecond: 100)
        let result = try DeclarativeConnector(spec: spec).search(Query(text: "x"), context: context)
        #expect(result.records.map(\.nativeID) == ["1", "2", "3", "4", "5"])
        #expect(result.records.first?.title == "T1")
        #expect(result.records.first?.doi == "10.1/abc1")
        #expect(result.completeness == .complete)
        let requests = server.requests
        #expect(requests.map { $0.method } == ["POST", "POST", "POST"])
        #expect(requests.map { $0.parameter("token") } == ["start", "p2", "p3"])
        #expect(requests.allSatisfy { $0.header("User-Agent") == "Mozilla/5.0 (litharvest test)" })
    }
}
