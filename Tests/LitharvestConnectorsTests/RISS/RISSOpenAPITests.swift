import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// The RISS OpenAPI connector against synthetic answers built from the documented structure (no real
/// capture exists; see Fixtures/riss/SOURCES.md).
@Suite("RISS OpenAPI")
struct RISSOpenAPITests {
    static let key = "riss-secret-key-123"

    func search(_ query: Query, server: LoopbackServer, key: String? = key, options: [String: String] = [:]) throws -> SearchResult {
        var context = searchContext(endpoint: server.url("/openApi"), requestsPerSecond: 50, options: options)
        context.settings.apiKey = key
        return try RISSAPIConnector().search(query, context: context)
    }

    @Test func documentedAnswerIsRead() throws {
        let body = try fixture("riss", "synthetic_riss_openapi_response.xml")
        let server = try LoopbackServer { _ in .respond(.xml(body)) }
        defer { server.stop() }
        let result = try search(
            Query(text: "와파린", from: SimpleDate(year: 2010, month: 1, day: 1), until: SimpleDate(year: 2020, month: 1, day: 1)),
            server: server, options: ["type": "a"])
        #expect(result.reportedCount == 3)
        #expect(result.records.map(\.nativeID) == ["A103456789", "A99876543", "A60001234"])
        #expect(result.completeness == .complete)
        let first = try #require(result.records.first)
        #expect(first.database == "riss-api")
        #expect(first.title == "와파린 복용 환자의 비타민 K 섭취")
        #expect(first.otherTitle == "Vitamin K intake in patients taking warfarin")
        #expect(first.authors.map(\.displayName) == ["서비취", "문정연"])
        #expect(first.journal == "병원약사회지")
        #expect((first.volume, first.issue) == ("33", "4"))
        #expect(first.year == 2016)
        #expect(first.issns == [ISSN("1226-6965")])
        #expect(first.publicationTypes == ["학술저널", "KCI등재"])
        #expect(first.url == "http://www.riss.kr/link?id=A103456789")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.parameter("key") == Self.key)
        #expect(request.parameter("version") == "1.0")
        #expect(request.parameter("type") == "A")
        #expect(request.parameter("keyword") == "와파린")
        #expect(request.parameter("rsnum") == "1")
        #expect(request.parameter("rowcount") == "100")
        #expect(request.parameter("spubdate") == "2010")
        #expect(request.parameter("epubdate") == "2020")
    }

    @Test func pagesWithRsnum() throws {
        let body = String(decoding: try fixture("riss", "synthetic_riss_openapi_response.xml"), as: UTF8.self)
        let server = try LoopbackServer { request in
            // Pages at rsnum 1, 4 and 7 renumber the documented records so each is new; the last has one.
            let start = Int(request.parameter("rsnum") ?? "") ?? 1
            let page = body.replacingOccurrences(of: "<totalcount>3</totalcount>", with: "<totalcount>7</totalcount>")
                .replacingOccurrences(of: "link?id=A", with: "link?id=P\(start)-A")
            let blocks = page.components(separatedBy: "<metadata>")
            let kept = blocks[0] + blocks[1...max(1, min(3, 8 - start))].map { "<metadata>" + $0 }.joined()
            return .respond(.xml(kept.contains("</record>") ? kept : kept + "</record>"))
        }
        defer { server.stop() }
        let result = try search(Query(text: "warfarin"), server: server, options: ["page_size": "3", "field": "title"])
        #expect(result.reportedCount == 7)
        #expect(result.records.count == 7)
        #expect(server.requests.map { $0.parameter("rsnum") } == ["1", "4", "7"])
        #expect(server.requests.allSatisfy { $0.parameter("title") == "warfarin" && $0.parameter("keyword") == nil })
    }

    @Test func errorWithHTTP200IsADatabaseErrorWithoutTheKey() throws {
        let body = try fixture("riss", "synthetic_riss_openapi_error.xml")
        let server = try LoopbackServer { _ in .respond(.xml(body)) }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) { try search(Query(text: "warfarin"), server: server) }
        #expect(error?.kind == .databaseError)
        #expect(error?.message == "RISS OpenAPI error 004: 인증 오류")
        #expect(error?.description.contains(Self.key) == false)
        #expect(error?.location?.contains("/openApi") == true)
    }

    @Test func zeroHitsNeedTheirTotal() throws {
        let zero = "<record><head><totalcount>0</totalcount><Error>0</Error><ErrorMessage/></head></record>"
        let server = try LoopbackServer { _ in .respond(.xml(zero)) }
        defer { server.stop() }
        let result = try search(Query(text: "nephrolithiasis"), server: server)
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
    }

    @Test(arguments: [
        ("<html><body>점검 중</body></html>", "expected a <record> root"),
        ("<record><metadata><url>http://www.riss.kr/link?id=A1</url></metadata></record>", "no <head>"),
        ("<record><head><Error>0</Error></head></record>", "no <totalcount>"),
        ("<record><head><totalcount>many</totalcount></head></record>", "is not a count"),
        ("<record><head><totalcount>1</totalcount></head><result/></record>", "unexpected <result>"),
    ])
    func otherShapesFailLoudly(body: String, message: String) throws {
        let error = #expect(throws: ConnectorError.self) { try RISSAPIResponse(data: Data(body.utf8), location: "answer.xml") }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.message.contains(message) == true)
        #expect(error?.location?.hasPrefix("answer.xml") == true)
    }

    @Test func missingKeySkipsTheJobNamingTheVariable() throws {
        let server = try LoopbackServer { _ in .respond(.xml("<record/>")) }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) { try search(Query(text: "x"), server: server, key: nil) }
        #expect(error?.kind == .missingKey)
        #expect(error?.message.contains("RISS_API_KEY") == true)
        #expect(error?.message.contains("https://www.riss.kr/apicenter/apiMain.do") == true)
        #expect(server.requests.isEmpty)
        #expect(RISSAPIConnector.standardDescriptor.key?.isRequired == true)
    }
}
