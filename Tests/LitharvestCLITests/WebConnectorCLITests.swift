import Foundation
import LitharvestTesting
import Testing

/// `litharvest search` and `parse` with the web connectors, against loopback servers and real fixtures.
@Suite("Web connectors through the CLI")
struct WebConnectorCLITests {
    static func fixtureData(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: fixtureFile(relative)))
    }

    @Test func kmbaseSearchPrintsTheRecordsAndTheCounts() throws {
        let pages = [
            try Self.fixtureData("kmbase/synthetic_kmbase_result_list_page1.html"),
            try Self.fixtureData("kmbase/synthetic_kmbase_result_list_page2.html"),
        ]
        let server = try LoopbackServer { request in
            if request.path.hasSuffix("search_log_main.php") {
                return .respond(.json(#"{"result":true,"msg":"success","status":200,"cnt":5,"kcnt":"5","ecnt":0,"ad_cd":171207,"data":"insert"}"#))
            }
            let page = Int(request.parameter("page") ?? "") ?? 0
            return pages.indices.contains(page - 1) ? .respond(.html(pages[page - 1])) : .respond(.html("<html></html>"))
        }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "kmbase", "--query", "warfarin", "--format", "csljson", "--endpoint", server.url("/"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String } == (1...5).map { "kmbase:SYN000000\($0)" })
        #expect(result.stderr.contains("KMbase: 5 reported, 5 retrieved"))
    }

    @Test func cochraneSearchReadsTheResultsPage() throws {
        let page = try Self.fixtureData("cochrane/search-central.html")
        let server = try LoopbackServer { _ in .respond(.html(page)) }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "cochrane", "--query", "aspirin", "--limit", "25", "--format", "csljson",
            "--endpoint", server.url("/en/search"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 25)
        #expect(items.first?["id"] as? String == "cochrane:CN-01510974")
        #expect(result.stderr.contains("Cochrane Library (CENTRAL): 17202 reported, 25 retrieved"))
        #expect(server.requests.count == 1)
    }

    @Test func cochraneChallengeFailsWithTheImportAdvice() throws {
        let challenge = try Self.fixtureData("cochrane/synthetic_cloudflare_challenge.html")
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(status: 403, headers: [(name: "Content-Type", value: "text/html")], body: challenge))
        }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "cochrane", "--query", "aspirin", "--endpoint", server.url("/en/search"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("blocked"))
        #expect(result.stderr.contains("litharvest import"))
        #expect(result.stdout.isEmpty)
    }

    @Test func parseReadsASavedCochranePage() throws {
        let result = try litharvest([
            "parse", "--database", "cochrane", "--format", "csljson", fixtureFile("cochrane/search-central.html"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 25)
        #expect(items.last?["id"] as? String == "cochrane:CN-01558948")
        #expect(result.stderr.contains("25 records"))
        let refused = try litharvest(["parse", "--database", "cochrane", fixtureFile("cochrane/pico.json")])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("PICO"))
    }
}
