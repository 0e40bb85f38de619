import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// A KCI REST stand-in: `articleSearch` pages of `total` records built from the real articleSearch sample's
/// `<record>` (ids `ART900000000`…), echoing the key in `inputData` as KCI does; `articleDetail` answers the
/// real articleDetail sample under the id asked for.
struct KCIRestStandIn: Sendable {
    var total: Int
    var template: String
    var detail: String

    init(total: Int) throws {
        self.total = total
        let sample = String(decoding: try fixture("kci", "kci_rest_articleSearch_guide_sample.xml"), as: UTF8.self)
        let start = try #require(sample.range(of: "<record>"))
        let end = try #require(sample.range(of: "</record>"))
        template = String(sample[start.lowerBound..<end.upperBound])
        detail = String(decoding: try fixture("kci", "kci_rest_articleDetail_sample.xml"), as: UTF8.self)
    }

    func page(key: String, page: Int, size: Int) -> String {
        let first = (page - 1) * size
        let records = (first..<min(total, first + size)).map {
            template.replacingOccurrences(of: "ART001143784", with: String(format: "ART9%08d", $0))
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <MetaData><inputData><key>\(key)</key><apiCode>articleSearch</apiCode></inputData>
            <outputData><result><total>\(total)</total></result>\(records.joined())</outputData></MetaData>
            """
    }

    var handler: @Sendable (RecordedRequest) -> ServerAction {
        { [self] request in
            guard request.path == "/po/openapi/openApiSearch.kci" else { return .respond(.text("not found", status: 404)) }
            if request.parameter("apiCode") == "articleDetail" {
                return .respond(.xml(detail.replacingOccurrences(of: "ART002358582", with: request.parameter("id") ?? "")))
            }
            let number = Int(request.parameter("page") ?? "") ?? 1
            let size = Int(request.parameter("displayCount") ?? "") ?? 10
            return .respond(.xml(page(key: request.parameter("key") ?? "", page: number, size: size)))
        }
    }
}

/// KCI searches through libcurl against loopback stand-ins of both routes.
@Suite("KCI search against loopback stand-ins")
struct KCISearchTests {
    static let key = "KCI-TEST-KEY-0123456789"

    private func context(
        _ server: LoopbackServer, key: String? = KCISearchTests.key, options: [String: String] = [:],
        archive: ResponseArchive? = nil
    ) -> SearchContext {
        let endpoint = server.baseURL
        let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 0)
        limiters.configure(host: HTTPRequest.limiterKey(for: endpoint) ?? "127.0.0.1", requestsPerSecond: 50)
        let client = HTTPClient(
            transport: CurlTransport(), limiters: limiters,
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: 0.1, maxDelay: 0.2), archive: archive)
        return SearchContext(
            http: client,
            settings: ConnectorSettings(endpoint: endpoint, apiKey: key, requestsPerSecond: 50, options: options))
    }

    @Test func restPagesUntilTheTotalAndNeverKeepsTheKey() throws {
        let server = try LoopbackServer(handler: try KCIRestStandIn(total: 250).handler)
        defer { server.stop() }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kci-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ResponseArchive(directory: directory)
        let from = try #require(SimpleDate(parsing: "2024-01-01"))
        let result = try KCIConnector().search(
            Query(text: "근막통증", from: from), context: context(server, archive: archive))

        #expect(result.records.count == 250)
        #expect(Set(result.records.map(\.nativeID)).count == 250)
        #expect(result.records.first?.nativeID == "ART900000000")
        #expect(result.records.first?.title == "초등학교 컴퓨터 교과서에 나온 컴퓨터 용어 분석")
        #expect(result.records.first?.keywords == [])
        #expect(result.reportedCount == 250)
        #expect(result.completeness == .complete)
        #expect(result.querySent == "apiCode=articleSearch&title=근막통증&regDateFrom=20240101")

        let requests = server.requests
        #expect(requests.map { $0.parameter("page") } == ["1", "2", "3"])
        #expect(requests.allSatisfy { $0.parameter("key") == Self.key && $0.parameter("displayCount") == "100" })
        #expect(requests.allSatisfy { $0.parameter("title") == "근막통증" && $0.parameter("regDateFrom") == "20240101" })
        #expect(requests.allSatisfy { $0.header("User-Agent")?.hasPrefix("Mozilla/5.0") == true })

        #expect(!result.diagnostics.contains { $0.description.contains(Self.key) })
        #expect(result.diagnostics.first?.message == "searched the KCI REST Open API (articleSearch)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count > 3)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(Self.key), "\(file) holds the key")
        }
    }

    @Test func modificationDateAndPageSizeOptions() throws {
        let server = try LoopbackServer(handler: try KCIRestStandIn(total: 30).handler)
        defer { server.stop() }
        let until = try #require(SimpleDate(parsing: "2024-06-30"))
        let result = try KCIConnector().search(
            Query(text: "keyword: 근육", until: until),
            context: context(server, options: ["date_field": "mod", "page_size": "20"]))
        #expect(result.records.count == 30)
        #expect(server.requests.map { $0.parameter("displayCount") } == ["20", "20"])
        #expect(server.requests.allSatisfy { $0.parameter("modDateTo") == "20240630" && $0.parameter("keyword") == "근육" })
    }

    @Test func detailsOptionCompletesRecordsFromArticleDetail() throws {
        let server = try LoopbackServer(handler: try KCIRestStandIn(total: 3).handler)
        defer { server.stop() }
        let result = try KCIConnector().search(Query(text: "컴퓨터"), context: context(server, options: ["details": "true"]))
        #expect(result.records.count == 3)
        #expect(result.records.allSatisfy { $0.keywords == ["Digital aging", "Active aging", "Computer"] })
        #expect(result.records.allSatisfy { $0.issns == [ISSN("2383-5281")] })
        // Search fields are kept; the detail only fills gaps.
        #expect(result.records[0].title == "초등학교 컴퓨터 교과서에 나온 컴퓨터 용어 분석")
        #expect(result.records[0].doi == "10.35873/ajmahs.2018.8.6.026")
        let details = server.requests.filter { $0.parameter("apiCode") == "articleDetail" }
        #expect(details.map { $0.parameter("id") } == ["ART900000000", "ART900000001", "ART900000002"])
        #expect(details.allSatisfy { $0.parameter("key") == Self.key })
    }

    @Test func aServerIgnoringThePageEndsAsPartialNotInALoop() throws {
        let standIn = try KCIRestStandIn(total: 500)
        let server = try LoopbackServer { request in
            .respond(.xml(standIn.page(key: "", page: 1, size: Int(request.parameter("displayCount") ?? "") ?? 10)))
        }
        defer { server.stop() }
        let result = try KCIConnector().search(Query(text: "x"), context: context(server))
        #expect(result.records.count == 100)
        #expect(result.reportedCount == 500)
        #expect(server.requests.count == 2)
        #expect(result.completeness == .partial(reason:
            "page 2 repeated records already retrieved; no progress; retrieved 100 of the 500 records KCI reported"))
    }

    @Test func unregisteredKeyIsAnErrorWithoutTheKey() throws {
        let body = String(decoding: try fixture("kci", "synthetic_kci_rest_unregistered_key.xml"), as: UTF8.self)
            .replacingOccurrences(of: "__KEY__", with: Self.key)
        let server = try LoopbackServer { _ in .respond(.xml(body)) }
        defer { server.stop() }
        let error = try #require(throws: ConnectorError.self) {
            try KCIConnector().search(Query(text: "근막"), context: context(server))
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("등록되지 않은 key"))
        #expect(error.location?.contains("key=REDACTED") == true)
        #expect(!error.description.contains(Self.key))
    }

    @Test func noDataIsZeroHitsNotAnError() throws {
        let body = try fixture("kci", "synthetic_kci_rest_no_data.xml")
        let server = try LoopbackServer { _ in .respond(.xml(body)) }
        defer { server.stop() }
        let result = try KCIConnector().search(Query(text: "없는제목"), context: context(server))
        #expect(result.records.isEmpty)
        #expect(result.reportedCount == 0)
        #expect(result.completeness == .complete)
    }

    @Test func restRouteWithoutAKeyIsSkippedWithTheVariable() throws {
        let server = try LoopbackServer { _ in .respond(.text("unused")) }
        defer { server.stop() }
        let error = try #require(throws: ConnectorError.self) {
            try KCIConnector().search(Query(text: "x"), context: context(server, key: nil, options: ["route": "rest"]))
        }
        #expect(error.kind == .missingKey)
        #expect(error.message.contains("KCI_API_KEY"))
        #expect(server.requests.isEmpty)
    }

    @Test func firewallPageIsBlockedNotZeroHits() throws {
        let server = try LoopbackServer { _ in
            .respond(.html("<html><head><title>Request Rejected</title></head><body>rejected</body></html>", status: 400))
        }
        defer { server.stop() }
        let error = try #require(throws: ConnectorError.self) {
            try KCIConnector().search(Query(text: "x"), context: context(server))
        }
        #expect(error.kind == .blocked)
        #expect(error.message.contains("Request Rejected"))
        #expect(error.message.contains("user_agent"))
    }

    @Test func keylessSearchHarvestsOAIKCI() throws {
        let standIn = OAIStandIn(
            identify: nil, firstPage: try fixture("kci", "kci_oai_listrecords_oai_kci_sample.xml"),
            pages: ["2023-01-01:2023-01-31:100:1014": try fixture("kci", "synthetic_kci_oai_kci_last_page.xml")])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let from = try #require(SimpleDate(parsing: "2023-01-01"))
        let until = try #require(SimpleDate(parsing: "2023-01-31"))
        let result = try KCIConnector().search(Query(text: "", from: from, until: until), context: context(server, key: nil))

        #expect(result.records.map(\.nativeID) == ["ART001985846", "ART000000915"])
        #expect(result.records[1].otherTitle == "Effects of Intramuscular Stimulation")
        #expect(result.records[1].doi == "10.5535/arm.22.0915")
        #expect(result.records[1].issns == [ISSN("1226-9069", kind: .print), ISSN("2234-0645", kind: .electronic)])
        #expect(result.reportedCount == 2)
        #expect(result.completeness == .complete)
        #expect(result.diagnostics.first?.message == "no KCI_API_KEY set: searched the keyless OAI-PMH route")

        let list = server.requests.filter { $0.parameter("verb") == "ListRecords" }
        #expect(list.count == 2)
        #expect(list.allSatisfy { $0.path == "/oai/request" })
        #expect(list[0].parameter("metadataPrefix") == "oai_kci")
        #expect(list[0].parameter("set") == "ARTI")
        #expect(list[0].parameter("from") == "2023-01-01")
        #expect(list[0].parameter("until") == "2023-01-31")
        #expect(list[1].parameter("resumptionToken") == "2023-01-01:2023-01-31:100:1014")
        #expect(server.requests.allSatisfy { $0.header("User-Agent")?.hasPrefix("Mozilla/5.0") == true })
    }

    @Test func oaiDublinCoreRouteUsesTheArtiID() throws {
        let standIn = OAIStandIn(identify: nil, firstPage: try fixture("oaipmh", "synthetic_listrecords_page3.xml"))
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try KCIConnector().search(
            Query(text: "*"),
            context: context(server, options: ["route": "oai", "metadata_prefix": "oai_dc", "set": "ARTI_CONF"]))
        #expect(result.records.map(\.nativeID) == ["ART000000005"])
        #expect(result.records[0].database == "kci")
        #expect(result.diagnostics.first?.message == "searched the KCI OAI-PMH route (route: oai)")
        let request = try #require(server.requests.last)
        #expect(request.parameter("metadataPrefix") == "oai_dc")
        #expect(request.parameter("set") == "ARTI_CONF")
        #expect(request.parameter("key") == nil)
    }
}
