import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// Cochrane searches through libcurl against a loopback server that serves the real search page.
@Suite("Cochrane search against a loopback server")
struct CochraneSearchTests {
    /// The real page with its total set to `total` and, for pages after the first, its accessions shifted
    /// (`CN-0…` → `CN-<page>…`) so every page lists different records.
    static func page(_ number: Int, total: Int) throws -> Data {
        var html = String(decoding: try fixture("cochrane", "search-central.html"), as: UTF8.self)
        html = html.replacingOccurrences(of: "17202", with: String(total))
        if number > 1 { html = html.replacingOccurrences(of: "CN-0", with: "CN-\(number)") }
        return Data(html.utf8)
    }

    @Test func pagesUntilTheReportedTotal() throws {
        let pages = try (1...3).map { try Self.page($0, total: 60) }
        let server = try LoopbackServer { request in
            guard request.path == "/en/search", let cur = Int(request.parameter("cur") ?? ""), (1...3).contains(cur) else {
                return .respond(.text("unexpected \(request.target)", status: 404))
            }
            return .respond(.html(pages[cur - 1]))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        let result = try CochraneConnector().search(Query(text: "aspirin"), context: context)

        #expect(result.reportedCount == 60)
        #expect(result.records.count == 60)
        #expect(Set(result.records.map(\.nativeID)).count == 60)
        #expect(result.completeness == .complete)
        #expect(result.queryTranslation == "aspirin in Title Abstract Keyword")
        #expect(result.records[25].nativeID == "CN-21510974")
        let requests = server.requests
        #expect(requests.map { $0.parameter("cur") } == ["1", "2", "3"])
        #expect(requests.allSatisfy {
            $0.parameter("searchText") == "aspirin" && $0.parameter("selectedType") == "central"
                && $0.parameter("resultPerPage") == "25"
        })
        #expect(CochraneConnector.descriptor.defaultRequestsPerSecond == 1.0)
        #expect(CochraneConnector.descriptor.access == .web)
    }

    @Test func aPageWithNothingNewMakesThePartialStatus() throws {
        let first = try Self.page(1, total: 60)
        let server = try LoopbackServer { _ in .respond(.html(first)) }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        let result = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        #expect(result.records.count == 25)
        #expect(result.reportedCount == 60)
        #expect(result.completeness == .partial(reason: "retrieved 25 of the 60 records the Cochrane Library reported (page 2 added no new records)"))
    }

    @Test func thePageCapMakesThePartialStatusAndDateLimitsAreFlagged() throws {
        let pages = try (1...3).map { try Self.page($0, total: 60) }
        let server = try LoopbackServer { request in
            .respond(.html(pages[max(0, min(2, (Int(request.parameter("cur") ?? "") ?? 1) - 1))]))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50, options: ["max_pages": "2"])
        let query = Query(text: "aspirin", from: SimpleDate(year: 2020, month: 1, day: 1))
        let result = try CochraneConnector().search(query, context: context)
        #expect(result.records.count == 50)
        #expect(result.completeness == .partial(reason: "retrieved 50 of the 60 records the Cochrane Library reported (stopped at the page cap (max_pages: 2))"))
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("date limits are not applied") })
        #expect(server.requests.count == 2)
    }

    @Test func aCloudflareChallengeIsBlockedWithTheImportAdvice() throws {
        let challenge = try fixture("cochrane", "synthetic_cloudflare_challenge.html")
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(
                status: 403, headers: [(name: "Content-Type", value: "text/html; charset=UTF-8")], body: challenge))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        let error = try #require(throws: ConnectorError.self) {
            _ = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        }
        #expect(error.kind == .blocked)
        #expect(error.message.contains("use the Cochrane export (RIS or CSV) and `litharvest import`"))
        #expect(error.location?.hasPrefix(server.url("/en/search?searchText=aspirin")) == true)
        #expect(server.requests.count == 1)
    }

    @Test func aChallengeAnsweredWithStatus200IsBlockedToo() throws {
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(
                status: 200, headers: [(name: "Content-Type", value: "text/html"), (name: "cf-mitigated", value: "challenge")],
                body: Data("<html><body>please wait</body></html>".utf8)))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        let error = try #require(throws: ConnectorError.self) {
            _ = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        }
        #expect(error.kind == .blocked)
    }

    @Test func anUnrecognisedPageIsAnUnexpectedResponseNamingTheURL() throws {
        let server = try LoopbackServer { _ in .respond(.html("<html><body><h1>We'll be back soon</h1></body></html>")) }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        let error = try #require(throws: ConnectorError.self) {
            _ = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.location?.contains("127.0.0.1") == true)
        #expect(error.location?.contains("cur=1") == true)
    }

    @Test func aBrowserUserAgentIsSentOnlyWhenConfigured() throws {
        let page = try Self.page(1, total: 25)
        let server = try LoopbackServer { _ in .respond(.html(page)) }
        defer { server.stop() }
        var context = searchContext(endpoint: server.url("/en/search"), requestsPerSecond: 50)
        _ = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        context.settings.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
        _ = try CochraneConnector().search(Query(text: "aspirin"), context: context)
        let agents = server.requests.map { $0.header("User-Agent") ?? "" }
        #expect(agents.count == 2)
        #expect(agents[0].contains("litharvest"))
        #expect(agents[1] == "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    }
}
