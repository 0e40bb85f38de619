import Foundation
import LitharvestTesting
import Testing

/// `litharvest search|parse --database openalex` end to end with the built binary, against a loopback OpenAlex
/// whose list pages wrap the recorded work (Fixtures/openalex/work_W2741809807.json) under stand-in ids.
@Suite("litharvest with OpenAlex")
struct OpenAlexCLITests {
    static let key = "oa-key-7f3e9a1c"

    /// Pages of `perPage` for `total` works, cursors `*`, `c1`, …; the chain ends after page `lastPage` when set.
    static func standIn(total: Int, perPage: Int, lastPage: Int? = nil) throws -> LoopbackServer {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("openalex/work_W2741809807.json")))
        let work = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pageCount = (total + perPage - 1) / perPage
        var pages: [Data] = []
        for index in 0..<pageCount {
            let results: [[String: Any]] = ((index * perPage)..<min(total, (index + 1) * perPage)).map {
                var copy = work
                copy["id"] = "https://openalex.org/W\(8_000_000 + $0)"
                return copy
            }
            let next: Any = index == pageCount - 1 || index == lastPage ? NSNull() : "c\(index + 1)"
            let page: [String: Any] = [
                "meta": ["count": total, "db_response_time_ms": 12, "page": NSNull(), "per_page": perPage, "next_cursor": next],
                "results": results,
            ]
            pages.append(try JSONSerialization.data(withJSONObject: page))
        }
        let answers = pages
        return try LoopbackServer { request in
            let cursor = request.parameter("cursor") ?? ""
            let index = cursor == "*" ? 0 : Int(cursor.dropFirst()) ?? -1
            guard request.parameter("api_key") == key, answers.indices.contains(index) else {
                return .respond(.json(#"{"error":"Pagination error.","message":"Cursor is invalid."}"#, status: 403))
            }
            return .respond(.json(answers[index]))
        }
    }

    @Test func searchPagesToTheEndAndKeepsTheKeyOut() throws {
        let server = try Self.standIn(total: 250, perPage: 100)
        defer { server.stop() }
        let result = try litharvest(
            ["search", "--database", "openalex", "--query", "dry needling", "--page-size", "100", "--format", "csljson",
             "--endpoint", server.url("/works")],
            environment: ["OPENALEX_API_KEY": Self.key, "LITHARVEST_EMAIL": "reviewer@example.org"])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 250)
        #expect(items.first?["DOI"] as? String == "10.7717/peerj.4375")
        #expect(result.stderr.contains("OpenAlex: 250 reported, 250 retrieved"), "\(result.stderr)")
        #expect(server.requests.map { $0.parameter("cursor") ?? "" } == ["*", "c1", "c2"])
        #expect(server.requests.allSatisfy { $0.parameter("mailto") == "reviewer@example.org" })
        #expect(!result.stdout.contains(Self.key) && !result.stderr.contains(Self.key))
    }

    @Test func aChainEndingShortIsPartialWithTheNumbers() throws {
        let server = try Self.standIn(total: 250, perPage: 100, lastPage: 1)
        defer { server.stop() }
        let result = try litharvest(
            ["search", "--database", "openalex", "--query", "dry needling", "--page-size", "100", "--endpoint",
             server.url("/works")],
            environment: ["OPENALEX_API_KEY": Self.key])
        #expect(result.status == 3, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("retrieved 200 of the 250 records OpenAlex reported"), "\(output)")
    }

    @Test func anErrorAnswerWithHTTP200FailsTheSearch() throws {
        let server = try LoopbackServer { _ in
            .respond(.json(#"{"error":"Invalid query parameters error.","message":"Wildcards (* or ?) require exact (no-stem) search"}"#))
        }
        defer { server.stop() }
        let result = try litharvest(
            ["search", "--database", "openalex", "--query", "needl*", "--endpoint", server.url("/works")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Wildcards (* or ?) require exact (no-stem) search"), "\(result.stderr)")
    }

    @Test func parseReadsTheRecordedWork() throws {
        let result = try litharvest(
            ["parse", "--database", "openalex", "--format", "csljson", fixtureFile("openalex/work_W2741809807.json")])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["PMID"] as? String == "29456894")
        #expect(items.first?["PMCID"] as? String == "PMC5815332")
    }
}
