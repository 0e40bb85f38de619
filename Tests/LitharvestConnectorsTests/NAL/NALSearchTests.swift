import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Synchronization
import Testing

@testable import LitharvestConnectors

/// A data.go.kr NAL stand-in: `<recode>` pages cut from a generated catalogue, filtered by the year
/// `option`, with gateway error 04 injected on chosen requests.
final class NALStandIn: Sendable {
    struct Item: Sendable {
        var id: String
        var year: Int
    }

    let items: [Item]
    let key: String
    let total: Int?
    /// Request numbers (1-based) answered with gateway error 04.
    let failures: Mutex<Set<Int>>
    let counter = Mutex(0)

    init(items: [Item], key: String, totalOverride: Int? = nil, failRequests: Set<Int> = []) {
        self.items = items
        self.key = key
        self.total = totalOverride
        self.failures = Mutex(failRequests)
    }

    var handler: @Sendable (RecordedRequest) -> ServerAction { { [self] in handle($0) } }

    private func handle(_ request: RecordedRequest) -> ServerAction {
        let number = counter.withLock { $0 += 1; return $0 }
        if failures.withLock({ $0.remove(number) != nil }) {
            return .respond(.xml(String(decoding: (try? fixture("nal", "synthetic_nal_gateway_error_04.xml")) ?? Data(), as: UTF8.self)))
        }
        guard request.parameter("serviceKey") == key else {
            return .respond(.xml(String(decoding: (try? fixture("nal", "nal_gateway_error_20_service_key_is_null.xml")) ?? Data(), as: UTF8.self), status: 401))
        }
        var selected = items
        if let option = request.parameter("option") {
            let years = option.split(separator: "|").compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
            if years.count == 2 { selected = items.filter { (years[0]...years[1]).contains($0.year) } }
        }
        let pageno = Int(request.parameter("pageno") ?? "") ?? 1
        let size = Int(request.parameter("displaylines") ?? "") ?? 10
        let page = selected.dropFirst((pageno - 1) * size).prefix(size)
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><response><header><resultMsg>NORMAL_CODE</resultMsg>"
            + "<resultCode>00</resultCode></header><total>\(total ?? selected.count)</total>"
        for item in page {
            body += "<recode><item><name>제어번호</name><value>\(item.id)</value></item><item><name>기사명</name>"
                + "<value>기사 \(item.id)</value></item><item><name>발행년도</name><value>\(item.year)</value></item></recode>"
        }
        return .respond(.xml(body + "</response>"))
    }

    static func catalogue(_ count: Int, years: ClosedRange<Int> = 2000...2009) -> [Item] {
        (0..<count).map { Item(id: String(format: "KINX%010d", $0), year: years.lowerBound + $0 % years.count) }
    }
}

/// NAL end to end through libcurl: paging, error 04 retried, year splitting, refusals before sending.
@Suite("NAL search against a loopback data.go.kr")
struct NALSearchTests {
    static let key = "Abc%2Bdef%3D%3DencodingKEY"

    static func context(_ server: LoopbackServer, apiKey: String? = key, options: [String: String] = [:]) -> SearchContext {
        var context = searchContext(endpoint: server.url("/9720000/"), requestsPerSecond: 50, options: options)
        context.settings.apiKey = apiKey
        return context
    }

    @Test func pagesAndRetriesGatewayError04() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(250), key: "Abc+def==encodingKEY", failRequests: [2])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try NALConnector().search(
            Query(text: "교육불평등"), context: Self.context(server, options: ["page_size": "100", "retry_delay": "0.05"]))
        #expect(result.reportedCount == 250)
        #expect(result.records.count == 250)
        #expect(Set(result.records.map(\.nativeID)).count == 250)
        #expect(result.completeness == .complete)
        #expect(result.querySent == "전체,교육불평등")
        #expect(result.diagnostics.contains { $0.message.contains("gateway error 04") })
        let requests = server.requests
        #expect(requests.map { $0.parameter("pageno") ?? "" } == ["1", "2", "2", "3"])
        #expect(requests.allSatisfy { $0.path == "/9720000/searchservice/basic" })
        #expect(requests.allSatisfy { $0.parameter("search") == "전체,교육불평등" && $0.parameter("displaylines") == "100" })
        // The Encoding key went out verbatim (decoded once by the server, not twice).
        #expect(requests.allSatisfy { $0.target.contains("serviceKey=\(Self.key)&") })
    }

    @Test func gatewayError04IsRetriedABoundedNumberOfTimes() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(5), key: "Abc+def==encodingKEY", failRequests: [1, 2, 3])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        #expect {
            try NALConnector().search(
                Query(text: "x"), context: Self.context(server, options: ["gateway_retries": "2", "retry_delay": "0.01"]))
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.message.contains("gateway error 04") && error.location?.contains("serviceKey=REDACTED") == true
                && !error.description.contains("encodingKEY")
        }
        #expect(server.requests.count == 3)
    }

    @Test func moreThanNALPagesIsSplitByYear() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(100), key: "Abc+def==encodingKEY")
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let query = Query(
            text: "기사명,교육", from: SimpleDate(year: 2000, month: 1, day: 1), until: SimpleDate(year: 2009, month: 12, day: 31))
        let result = try NALConnector(maxPages: 3, maxPageSize: 10).search(
            query, context: Self.context(server, options: ["material_type": "국내기사", "page_size": "10"]))
        #expect(result.reportedCount == 100)
        #expect(result.records.count == 100)
        #expect(Set(result.records.map(\.nativeID)).count == 100)
        #expect(result.completeness == .complete)
        #expect(result.windows.count == 4)
        #expect(result.windows.reduce(0) { $0 + $1.reportedCount } == 100)
        #expect(result.windows.allSatisfy { $0.reportedCount <= 30 })
        #expect(result.windows.first?.from == SimpleDate(year: 2000, month: 1, day: 1))
        let requests = server.requests
        #expect(requests.allSatisfy { $0.path == "/9720000/searchservice/detail" && $0.parameter("dbname") == "국내기사" })
        #expect(requests.first?.parameter("option") == "발행년도,2000|발행년도,2009")
        #expect(requests.allSatisfy { (Int($0.parameter("pageno") ?? "") ?? 99) <= 3 })
    }

    @Test func basicSearchOverTheCapIsPartialNeverSilent() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(100), key: "Abc+def==encodingKEY")
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try NALConnector(maxPages: 3, maxPageSize: 10).search(
            Query(text: "교육"), context: Self.context(server, options: ["page_size": "5"]))
        #expect(result.reportedCount == 100)
        #expect(result.records.count == 30)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("only the first 30"))
        #expect(reason.contains("material_type"))
        // The page size was raised to the most NAL allows before giving up.
        #expect(server.requests.last?.parameter("displaylines") == "10")
    }

    @Test func wholeCatalogueTotalIsRefused() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(3), key: "Abc+def==encodingKEY", totalOverride: 13_097_591)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        #expect {
            try NALConnector().search(Query(text: "키워드,교육"), context: Self.context(server))
        } throws: { error in
            (error as? ConnectorError)?.kind == .invalidQuery && (error as? ConnectorError)?.message.contains("whole catalogue") == true
        }
    }

    @Test func invalidFieldAndMissingKeyAreRefusedBeforeAnyRequest() throws {
        let server = try LoopbackServer { _ in .respond(.text("should not be called", status: 500)) }
        defer { server.stop() }
        #expect {
            try NALConnector().search(Query(text: "제목,교육"), context: Self.context(server))
        } throws: { error in
            (error as? ConnectorError)?.kind == .invalidQuery && (error as? ConnectorError)?.message.contains("제목") == true
        }
        #expect {
            try NALConnector().search(Query(text: "교육"), context: Self.context(server, apiKey: nil))
        } throws: { error in
            (error as? ConnectorError)?.kind == .missingKey
                && (error as? ConnectorError)?.message.contains("DATA_GO_KR_SERVICE_KEY") == true
                && (error as? ConnectorError)?.message.contains("data.go.kr") == true
        }
        #expect {
            try NALConnector().search(
                Query(text: "교육", from: SimpleDate(year: 2020, month: 1, day: 1)), context: Self.context(server))
        } throws: { error in
            (error as? ConnectorError)?.kind == .invalidQuery && (error as? ConnectorError)?.message.contains("material_type") == true
        }
        #expect(server.requests.isEmpty)
    }

    @Test func emptyResultIsCompleteWithZero() throws {
        let standIn = NALStandIn(items: [], key: "Abc+def==encodingKEY")
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try NALConnector().search(Query(text: "없는말"), context: Self.context(server))
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
        #expect(server.requests.count == 1)
    }

    @Test func gatewayError20FromTheServerIsTerminal() throws {
        let standIn = NALStandIn(items: NALStandIn.catalogue(3), key: "another-key")
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        #expect {
            try NALConnector().search(Query(text: "교육"), context: Self.context(server))
        } throws: { error in
            (error as? ConnectorError)?.message.contains("gateway error 20") == true
        }
        #expect(server.requests.count == 1)
    }
}
