import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

// Scaffolded by scaffold-connector. Fixtures/europepmc/sample_response.xml is a synthetic placeholder (see its
// SOURCES.md). TODO: replace it with a recorded response and assert the values read from that.

@Suite("EuropePMC connector")
struct EuropePMCConnectorTests {
    @Test("sample_response.xml: total, ids, titles and years")
    func parsesSampleResponse() throws {
        var records: [Record] = []
        let report = try EuropePMCResponseParser().parseFile(atPath: fixturePath("europepmc", "sample_response.xml")) {
            records.append($0)
        }
        #expect(report.recordsRead == 2)
        #expect(report.diagnostics.isEmpty)
        #expect(records.map(\.database) == ["europepmc", "europepmc"])
        #expect(records.map(\.nativeID) == ["europepmc-0001", "europepmc-0002"])
        #expect(records.map(\.title) == [
            "Exercise for depressive symptoms in older adults: a randomized trial", "Sleep & memory consolidation",
        ])
        #expect(records.map(\.year) == [2021, 2019])

        let page = try EuropePMCResponseParser().parse(fixture("europepmc", "sample_response.xml"), source: "sample_response.xml")
        #expect(page.total == 2)
    }

    static let htmlPages = [
        // Malformed as XML (unclosed <meta>, <br>), as most real error pages are.
        """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Service unavailable</title></head>
        <body><h1>Down for maintenance</h1><p>Please try again later.<br></p></body></html>
        """,
        // Well-formed XHTML: parses as XML but is still not a response.
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Access denied</title></head><body/></html>
        """,
    ]

    @Test("An HTML page is refused, never read as zero records", arguments: htmlPages)
    func rejectsHTML(_ html: String) {
        let error = #expect(throws: ConnectorError.self) {
            try EuropePMCResponseParser().parse(Data(html.utf8), source: "page.html")
        }
        #expect(error?.kind == .unexpectedResponse)
    }

    @Test("search sends one GET with the query and returns the parsed page")
    func searchesLoopback() throws {
        let body = try fixture("europepmc", "sample_response.xml")
        let server = try LoopbackServer { _ in .respond(.xml(body)) }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/api"), requestsPerSecond: 100)
        let result = try EuropePMCConnector().search(Query(text: "exercise AND depression"), context: context)
        #expect(result.records.map(\.nativeID) == ["europepmc-0001", "europepmc-0002"])
        #expect(result.reportedCount == 2)
        #expect(result.completeness == .complete)
        let requests = server.requests
        #expect(requests.count == 1)
        #expect(requests.first?.method == "GET")
        #expect(requests.first?.parameter("q") == "exercise AND depression")
    }

    @Test("Registered in the built-in list")
    func registered() {
        #expect(ConnectorRegistry.builtIn["europepmc"]?.descriptor.name == EuropePMCConnector.descriptor.name)
    }
}
