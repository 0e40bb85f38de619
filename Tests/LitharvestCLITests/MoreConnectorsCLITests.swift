import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

/// `litharvest search --endpoint <loopback>` for the connectors the other CLI suites do not search: the RISS
/// OpenAPI, KOLIS-NET (declarative) and OAK (OAI-PMH), each against a server replaying its fixture.
@Suite("search on the command line: RISS OpenAPI, KOLIS-NET, OAK")
struct MoreConnectorsCLITests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/harvest.yaml").path

    /// Runs a search against a server that answers every request with `fixture` (OAI `Identify` gets a 404,
    /// which the OAI-PMH connector notes and works around).
    private func search(
        _ database: String, fixture: String, query: String = "warfarin", environment: [String: String] = [:]
    ) throws -> (result: CLIResult, records: [Record], requests: [RecordedRequest]) {
        let body = try Data(contentsOf: URL(fileURLWithPath: fixtureFile(fixture)))
        let server = try LoopbackServer { request in
            request.parameter("verb") == "Identify" ? .respond(.text("no Identify", status: 404)) : .respond(.xml(body))
        }
        defer { server.stop() }
        let result = try litharvest(
            ["search", "-d", database, "-q", query, "--config", Self.config, "--format", "jsonl",
             "--endpoint", server.url("/api")],
            environment: environment)
        let records = try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Record.self, from: Data($0.utf8))
        }
        return (result, records, server.requests)
    }

    @Test func rissOpenAPI() throws {
        let key = "riss-test-key-0001"
        let (result, records, requests) = try search(
            "riss-api", fixture: "riss/synthetic_riss_openapi_response.xml", environment: ["RISS_API_KEY": key])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.database == "riss-api" })
        #expect(records.first?.title?.contains("와파린") == true)
        #expect(requests.first?.parameter("key") == key)
        #expect(!result.stdout.contains(key) && !result.stderr.contains(key))
    }

    @Test func kolisnetDeclarative() throws {
        let (result, records, _) = try search("kolisnet", fixture: "kolisnet/synthetic_kolisnet_open_search.xml")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records.count == 3)
        #expect(result.stderr.contains("3 reported, 3 retrieved"))
        #expect(records.map(\.nativeID).contains("1234567890"))
        #expect(records.map(\.nativeID).contains("2234567891"))
        #expect(records.allSatisfy { $0.database == "kolisnet" })
    }

    @Test func oakOverOAIPMH() throws {
        let (result, records, requests) = try search("oak", fixture: "oaipmh/oak_listrecords_oai_dc.xml", query: "*")
        #expect(result.status == 0, "\(result.stderr)")
        // OAI-PMH has no search: `*` harvests everything the repository lists.
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.database == "oak" })
        #expect(requests.contains { $0.parameter("verb") == "ListRecords" && $0.parameter("metadataPrefix") == "oai_dc" })
    }
}
