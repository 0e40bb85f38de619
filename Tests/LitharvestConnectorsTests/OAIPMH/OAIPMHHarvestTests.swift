import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// Harvests through libcurl against a scripted OAI-PMH repository on 127.0.0.1.
@Suite("OAI-PMH harvest against a loopback repository")
struct OAIPMHHarvestTests {
    static let descriptor = OAIPMHConnector.repositoryDescriptor(
        id: "testrepo", name: "Test repository", endpoint: "http://127.0.0.1/unused")

    private func harvest(
        _ standIn: OAIStandIn, query: Query = Query(text: ""), options: [String: String] = [:], set: String? = "ARTI"
    ) throws -> (SearchResult, [RecordedRequest]) {
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let connector = OAIPMHConnector(
            descriptor: Self.descriptor, set: set, mapper: DublinCoreMapper(nativeIDType: "artiId"))
        let context = searchContext(endpoint: server.url("/oai/request"), requestsPerSecond: 50, options: options)
        let result = try connector.search(query, context: context)
        return (result, server.requests)
    }

    private func threePages(identify: Bool = true) throws -> OAIStandIn {
        OAIStandIn(
            identify: identify ? try oaiFixture("synthetic_identify_seconds.xml") : nil,
            firstPage: try oaiFixture("synthetic_listrecords_page1.xml"),
            pages: [
                "page-2": try oaiFixture("synthetic_listrecords_page2.xml"),
                "page-3": try oaiFixture("synthetic_listrecords_page3.xml"),
            ])
    }

    @Test func threePagesAreFollowedToTheEnd() throws {
        let from = try #require(SimpleDate(parsing: "2024-01-01"))
        let until = try #require(SimpleDate(parsing: "2024-03-31"))
        let (result, requests) = try harvest(try threePages(), query: Query(text: "", from: from, until: until))
        #expect(result.records.map(\.nativeID) == ["ART000000001", "ART000000002", "ART000000004", "ART000000005"])
        #expect(result.reportedCount == 5)
        #expect(result.completeness == .complete)
        #expect(result.diagnostics.contains { $0.message.contains("deleted in the repository: oai:example.org:3") })
        #expect(result.diagnostics.contains { $0.message.contains("granularity YYYY-MM-DDThh:mm:ssZ") })
        #expect(result.queryTranslation == "no filter: every harvested record is kept")

        #expect(requests.map { $0.parameter("verb") } == ["Identify", "ListRecords", "ListRecords", "ListRecords"])
        let first = requests[1]
        #expect(first.parameter("metadataPrefix") == "oai_dc")
        #expect(first.parameter("set") == "ARTI")
        // The repository declared seconds, so the window goes in seconds.
        #expect(first.parameter("from") == "2024-01-01T00:00:00Z")
        #expect(first.parameter("until") == "2024-03-31T23:59:59Z")
        #expect(result.querySent.contains("from=2024-01-01T00:00:00Z"))
        // resumptionToken is exclusive: nothing else but the verb goes with it.
        #expect(requests[2].query.map(\.name).sorted() == ["resumptionToken", "verb"])
        #expect(requests[2].parameter("resumptionToken") == "page-2")
        #expect(requests[3].parameter("resumptionToken") == "page-3")
    }

    @Test func withoutIdentifyDatesGoAsDays() throws {
        let from = try #require(SimpleDate(parsing: "2024-01-01"))
        let (result, requests) = try harvest(try threePages(identify: false), query: Query(text: "", from: from))
        #expect(result.records.count == 4)
        #expect(result.diagnostics.contains { $0.message.contains("Identify failed") })
        #expect(requests.first { $0.parameter("verb") == "ListRecords" }?.parameter("from") == "2024-01-01")
    }

    @Test func repeatedTokenEndsAsPartialNamingTheCursor() throws {
        var standIn = try threePages()
        standIn.pages["page-2"] = try oaiFixture("synthetic_listrecords_page1.xml")
        let (result, requests) = try harvest(standIn)
        #expect(result.records.map(\.nativeID) == ["ART000000001", "ART000000002"])
        #expect(result.completeness == .partial(reason: "the repository repeated resumptionToken 'page-2' at cursor 4"))
        #expect(requests.filter { $0.parameter("verb") == "ListRecords" }.count == 2)
    }

    @Test func badResumptionTokenEndsAsPartialKeepingRecords() throws {
        var standIn = try threePages()
        standIn.pages["page-2"] = try oaiFixture("synthetic_error_badResumptionToken.xml")
        let (result, _) = try harvest(standIn)
        #expect(result.records.count == 2)
        #expect(result.reportedCount == 5)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("rejected resumptionToken 'page-2' at cursor 2"))
        #expect(reason.contains("badResumptionToken"))
    }

    @Test func noRecordsMatchIsZeroHitsRecognised() throws {
        let standIn = OAIStandIn(identify: nil, firstPage: try oaiFixture("synthetic_error_noRecordsMatch.xml"))
        let (result, _) = try harvest(standIn, query: Query(text: "", from: SimpleDate(parsing: "2030-01-01")))
        #expect(result.records.isEmpty)
        #expect(result.reportedCount == 0)
        #expect(result.completeness == .complete)
    }

    @Test func badArgumentOnTheFirstPageIsAnError() throws {
        let standIn = OAIStandIn(identify: nil, firstPage: try fixture("kci", "kci_oai_error_badArgument_sample.xml"))
        let error = try #require(throws: ConnectorError.self) { try harvest(standIn) }
        #expect(error.kind == .databaseError)
        #expect(error.message == "OAI-PMH error badArgument: parameter format must have 'YYYY-MM-DD' format.")
        #expect(error.location?.contains("verb=ListRecords") == true)
    }

    /// The other first-page errors, made from the badArgument sample with its code changed.
    @Test(arguments: ["cannotDisseminateFormat", "noSetHierarchy", "badVerb"])
    func otherFirstPageErrorsAreErrors(code: String) throws {
        let sample = String(decoding: try fixture("kci", "kci_oai_error_badArgument_sample.xml"), as: UTF8.self)
        let body = sample.replacingOccurrences(of: "badArgument", with: code)
        let standIn = OAIStandIn(identify: nil, firstPage: Data(body.utf8))
        let error = try #require(throws: ConnectorError.self) { try harvest(standIn) }
        #expect(error.kind == .databaseError)
        #expect(error.message.hasPrefix("OAI-PMH error \(code): "))
    }

    @Test func anOAIErrorDocumentWithAnErrorStatusIsStillRead() throws {
        let body = try oaiFixture("synthetic_error_badResumptionToken.xml")
        let first = try oaiFixture("synthetic_listrecords_page1.xml")
        let server = try LoopbackServer { request in
            request.parameter("resumptionToken") == nil ? .respond(.xml(first)) : .respond(.xml(body, status: 400))
        }
        defer { server.stop() }
        let connector = OAIPMHConnector(descriptor: Self.descriptor, mapper: DublinCoreMapper.standard)
        let result = try connector.search(
            Query(text: ""), context: searchContext(endpoint: server.url("/oai"), requestsPerSecond: 50, options: ["identify": "false"]))
        #expect(result.records.count == 2)
        #expect(result.completeness == .partial(reason:
            "the repository rejected resumptionToken 'page-2' at cursor 2 (badResumptionToken: The value of the "
            + "resumptionToken argument is invalid or expired.)"))
        #expect(server.requests.allSatisfy { $0.parameter("verb") != "Identify" })
    }

    @Test func aPageWithoutRecordsButATokenMakesNoProgress() throws {
        var standIn = try threePages()
        standIn.pages["page-2"] = try oaiFixture("synthetic_listrecords_empty_with_token.xml")
        let (result, _) = try harvest(standIn)
        #expect(result.records.count == 2)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("no progress"))
        #expect(reason.contains("cursor 2"))
    }

    @Test func pageCapIsTheLastGuard() throws {
        let (result, requests) = try harvest(try threePages(), options: ["max_pages": "2"])
        #expect(result.records.count == 3)
        #expect(result.completeness == .partial(reason: "stopped after 2 pages (max_pages) at cursor 4"))
        #expect(requests.filter { $0.parameter("verb") == "ListRecords" }.count == 2)
    }

    @Test func aFailingLaterPageKeepsWhatWasHarvested() throws {
        var standIn = try threePages()
        standIn.pages["page-3"] = nil
        let (result, _) = try harvest(standIn)
        #expect(result.records.count == 3)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected a partial result")
            return
        }
        #expect(reason.contains("page 3 failed at cursor 4"))
        #expect(reason.contains("HTTP 404"))
    }

    @Test func queryTextFiltersHarvestedRecords() throws {
        let (result, _) = try harvest(try threePages(), query: Query(text: "needling"))
        #expect(result.records.map(\.nativeID) == ["ART000000001", "ART000000004"])
        #expect(result.reportedCount == 5)
        #expect(result.completeness == .complete)
        #expect(result.diagnostics.contains { $0.message == "2 of 4 harvested records matched the query filter" })
        #expect(result.queryTranslation == "kept when title, keywords or abstract contain (needling)")
    }

    @Test func limitStopsEarly() throws {
        let (result, requests) = try harvest(try threePages(), query: Query(text: "", limit: 2))
        #expect(result.records.count == 2)
        #expect(result.completeness == .complete)
        #expect(requests.filter { $0.parameter("verb") == "ListRecords" }.count == 1)
    }

    @Test func oakIsABuiltInRepository() throws {
        let factory = try #require(ConnectorRegistry.builtIn["oak"])
        #expect(factory.descriptor.platform == "OAI-PMH")
        #expect(factory.descriptor.defaultEndpoint == "http://oak.go.kr/OAIHandler")
        let server = try LoopbackServer(
            handler: OAIStandIn(identify: nil, firstPage: try oaiFixture("oak_listrecords_oai_dc.xml")).handler)
        defer { server.stop() }
        let result = try factory.make().search(
            Query(text: ""), context: searchContext(endpoint: server.url("/OAIHandler"), requestsPerSecond: 50))
        #expect(result.records.count == 3)
        #expect(result.records.allSatisfy { $0.database == "oak" })
        #expect(result.reportedCount == 3)
        #expect(result.diagnostics.contains { $0.message.contains("no completeListSize") })
        #expect(server.requests.last?.parameter("metadataPrefix") == "oai_dc")
        #expect(server.requests.last?.parameter("set") == nil)
    }

    @Test func aRepositoryConfiguredAtRunTimeGetsAFactoryAndAFileParser() throws {
        let descriptor = OAIPMHConnector.repositoryDescriptor(
            id: "myrepo", name: "My repository", endpoint: "https://repo.example.org/oai")
        let factory = OAIPMHConnector.factory(descriptor: descriptor, set: "theses", mapper: DublinCoreMapper.standard)
        let connector = try #require(try factory.make() as? OAIPMHConnector)
        #expect(connector.metadataPrefix == "oai_dc")
        #expect(connector.set == "theses")
        var count = 0
        let report = try #require(factory.fileParser).parseFile(
            atPath: try fixturePath("oaipmh", "synthetic_listrecords_page3.xml")) { record in
            #expect(record.database == "myrepo")
            count += 1
        }
        #expect(count == 1)
        #expect(report.recordsRead == 1)
    }
}
