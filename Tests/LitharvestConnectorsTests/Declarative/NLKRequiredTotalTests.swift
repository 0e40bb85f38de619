import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// The required-total rule on the shipped NLK spec: NLK documents `total` on every answer (0 on a real
/// zero-hit one), so a body without it fails the job with the URL and the body quoted, never "0 hits".
@Suite("NLK declarative spec: the total is required")
struct NLKRequiredTotalTests {
    private func search(answering body: String) throws -> (Result<SearchResult, ConnectorError>, LoopbackServer) {
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        var context = searchContext(endpoint: server.url("/NL/search/openApi/search.do"), requestsPerSecond: 100)
        context.settings.apiKey = "nlk-test-key-5150"
        let connector = DeclarativeConnector(spec: try shippedSpec("nlk"))
        do {
            return (.success(try connector.search(Query(text: "교육격차"), context: context)), server)
        } catch let error as ConnectorError {
            return (.failure(error), server)
        }
    }

    @Test func theShippedSpecRequiresItsTotal() throws {
        #expect(try shippedSpec("nlk").paging.totalRequired)
    }

    /// The shape the issue reports (synthetic: no such answer was recorded), and a body of any other shape.
    @Test(arguments: [
        #"{"RESULT":"ERROR","MESSAGE":"검색 서비스 점검 중입니다."}"#,
        #"{"foo":1}"#,
    ])
    func aBodyWithoutTheTotalFailsTheJobQuotingIt(body: String) throws {
        let (outcome, server) = try search(answering: body)
        defer { server.stop() }
        guard case .failure(let error) = outcome else {
            Issue.record("a body without total was read as \(outcome)")
            return
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains("no total at $.total"))
        #expect(error.message.contains(body))
        let location = try #require(error.location)
        #expect(location.hasPrefix(server.url("/NL/search/openApi/search.do")))
        #expect(location.contains("key=REDACTED"))
        #expect(server.requests.count == 1)
    }

    /// A real zero-hit answer carries `total: 0` and leaves `result` out (the documented envelope).
    @Test func aZeroTotalWithoutResultIsZeroHits() throws {
        let body = String(decoding: try nlkEnvelope(total: 0, records: []), as: UTF8.self)
        let (outcome, server) = try search(answering: body)
        defer { server.stop() }
        let result = try outcome.get()
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
    }

    /// The recorded invalid-key answer is still reported by its error rule, with NLK's own message.
    @Test func theRecordedInvalidKeyAnswerKeepsItsOwnMessage() throws {
        let body = String(decoding: try fixture("nlk", "nlk_search_openapi_error_invalid_key.json"), as: UTF8.self)
        let (outcome, server) = try search(answering: body)
        defer { server.stop() }
        guard case .failure(let error) = outcome else {
            Issue.record("the invalid-key answer was read as \(outcome)")
            return
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("INVALID KEY:인증키값이 유효하지 않습니다."))
    }

    @Test func aSpecCanSayItsDatabaseOmitsTheTotal() {
        let problems = specProblems(
            """
            protocol: http
            id: x
            name: X
            platform: P
            endpoint: https://example.org/api
            request: { url: "{endpoint}", parameters: { q: "{query}" } }
            paging: { total_required: false }
            response:
              format: json
              records: $.items[*]
            fields: { native_id: $.id, title: $.title }
            """)
        #expect(problems.map(\.message) == ["'total_required' needs 'total' (where the total is)"])
    }
}
