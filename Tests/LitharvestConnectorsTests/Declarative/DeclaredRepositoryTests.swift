import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// `protocol: oai-pmh` spec files: any OAI-PMH endpoint from config, harvested by the generic connector.
@Suite("Declared OAI-PMH repositories")
struct DeclaredRepositoryTests {
    static let spec = """
        protocol: oai-pmh
        id: kci-articles
        name: KCI articles (OAI-PMH)
        endpoint: https://open.kci.go.kr/oai/request
        requests_per_second: 2
        oai:
          metadata_prefix: oai_dc
          set: ARTI
          native_id_type: artiId
        """

    private func declaration(_ yaml: String) throws -> DeclaredConnector {
        var reader = ConnectorSpecReader(file: "kci-articles.yaml")
        return try reader.readDeclaration(yaml: yaml)
    }

    @Test func aRepositorySpecHarvestsThroughTheGenericConnector() throws {
        let declared = try declaration(Self.spec)
        guard case .oaiPMH(let repository) = declared else {
            Issue.record("expected an OAI-PMH declaration")
            return
        }
        #expect(repository.descriptor.id == "kci-articles")
        #expect(repository.descriptor.platform == "OAI-PMH")
        #expect(repository.descriptor.defaultRequestsPerSecond == 2)
        #expect(repository.harvest.set == "ARTI")

        let standIn = OAIStandIn(
            identify: try oaiFixture("synthetic_identify_seconds.xml"),
            firstPage: try oaiFixture("synthetic_listrecords_page1.xml"),
            pages: [
                "page-2": try oaiFixture("synthetic_listrecords_page2.xml"),
                "page-3": try oaiFixture("synthetic_listrecords_page3.xml"),
            ])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try declared.factory.make().search(
            Query(text: ""), context: searchContext(endpoint: server.url("/oai/request"), requestsPerSecond: 50))
        #expect(result.records.map(\.nativeID) == ["ART000000001", "ART000000002", "ART000000004", "ART000000005"])
        #expect(result.records.allSatisfy { $0.database == "kci-articles" })
        #expect(server.requests.first { $0.parameter("verb") == "ListRecords" }?.parameter("set") == "ARTI")
    }

    @Test func aRepositorySpecIsListedAsDeclarativeAndParsesSavedPages() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("declared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.spec.write(to: directory.appendingPathComponent("kci-articles.yaml"), atomically: true, encoding: .utf8)
        let registry = try ConnectorRegistry.withDeclarative(directories: [directory.path])
        #expect(registry.isDeclarative("kci-articles"))
        #expect(!registry.isDeclarative("oak"))
        var ids: [String] = []
        let report = try #require(registry["kci-articles"]?.fileParser).parseFile(
            atPath: try fixturePath("oaipmh", "synthetic_listrecords_page3.xml")) { ids.append($0.nativeID) }
        #expect(report.recordsRead == 1)
        #expect(ids == ["ART000000005"])
    }

    @Test func badRepositorySpecsAreReportedWithTheirPlace() throws {
        let broken = """
            protocol: oai-pmh
            id: repo
            name: A repository
            endpoint: ftp://repo.example.org/oai
            oai:
              metadata_prefix: marc21
              sett: theses
            """
        let error = try #require(throws: ConfigError.self) { try declaration(broken) }
        let messages = error.problems.map { "\($0.line ?? 0):\($0.message)" }
        #expect(messages.contains { $0.hasPrefix("4:") && $0.contains("http:// or https://") })
        #expect(messages.contains { $0.hasPrefix("6:") && $0.contains("oai_dc") })
        #expect(messages.contains { $0.hasPrefix("7:") && $0.contains("did you mean 'set'") })
    }
}
