import Foundation
import LitharvestTesting
import Testing

/// `litharvest search` and `parse` with Europe PMC, against a loopback server answering with the real recorded
/// core answer (Fixtures/europepmc, see its SOURCES.md).
@Suite("the litharvest binary with Europe PMC")
struct EuropePMCCLITests {
    @Test func searchPagesAndEndsPartialWhenTheNextPageIsRefused() throws {
        let recorded = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("europepmc/search_cancer_core_first3.json")))
        // Page 1 is the recording (3 of 5,059,039 records); page 2 gets the bare envelope Europe PMC sends when it
        // drops a request.
        let server = try LoopbackServer { request in
            request.parameter("cursorMark") == "*" ? .respond(.json(recorded)) : .respond(.json("{\"version\":\"6.9\"}"))
        }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "europepmc", "--query", "cancer", "--format", "jsonl",
            "--endpoint", server.url("/europepmc/webservices/rest/search"),
        ])
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.contains("\"nativeID\":\"MED:39709209\"") == true)
        #expect(result.stderr.contains("retrieved 3 of the 5059039 records Europe PMC reported"), "\(result.stderr)")
        #expect(result.stderr.contains("page 2 failed after 3 records"))
        #expect(server.requests.map { $0.parameter("cursorMark") } == ["*", "AoIIP4ZawSg1MzEyODI1MA=="])
    }

    @Test func searchWithALimitIsComplete() throws {
        let recorded = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("europepmc/search_cancer_core_first3.json")))
        let server = try LoopbackServer { _ in .respond(.json(recorded)) }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "europepmc", "--query", "cancer", "--limit", "3", "--format", "csljson",
            "--endpoint", server.url("/europepmc/webservices/rest/search"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.compactMap { $0["PMID"] as? String } == ["39709209", "39709208", "40468710"])
        #expect(items.compactMap { $0["PMCID"] as? String } == ["PMC12124214"])
        #expect(server.requests.count == 1)
    }

    @Test func parseRefusesTheBareEnvelope() throws {
        let result = try litharvest([
            "parse", "--database", "europepmc", fixtureFile("europepmc/synthetic_version_envelope.json"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bare {\"version\"} envelope"))
    }
}
