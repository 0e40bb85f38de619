import Foundation
import LitharvestTesting
import Testing

/// `litharvest search` and `parse` for KCI, against loopback stand-ins of both routes.
@Suite("KCI on the command line")
struct KCICLITests {
    static let key = "KCI-CLI-KEY-0123456789"

    /// Two REST records made from the real articleDetail sample, with the key echoed as KCI does.
    static func restAnswer(key: String) throws -> String {
        let sample = try String(contentsOfFile: fixtureFile("kci/kci_rest_articleDetail_sample.xml"), encoding: .utf8)
        let start = try #require(sample.range(of: "<record>"))
        let end = try #require(sample.range(of: "</record>"))
        let record = String(sample[start.lowerBound..<end.upperBound])
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <MetaData><inputData><key>\(key)</key></inputData><outputData><result><total>2</total></result>
            \(record)\(record.replacingOccurrences(of: "ART002358582", with: "ART002358583"))</outputData></MetaData>
            """
    }

    @Test func searchWithAKeyUsesRESTAndNeverPrintsTheKey() throws {
        let body = try Self.restAnswer(key: Self.key)
        let server = try LoopbackServer { request in
            request.path == "/po/openapi/openApiSearch.kci" ? .respond(.xml(body)) : .respond(.text("no", status: 404))
        }
        defer { server.stop() }
        let archive = NSTemporaryDirectory() + "litharvest-kci-archive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let result = try litharvest(
            [
                "search", "--database", "kci", "--query", "디지털 에이징", "--format", "csljson", "--verbose",
                "--archive", archive, "--endpoint", server.baseURL,
            ],
            environment: ["KCI_API_KEY": Self.key])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["title"] as? String == "컴퓨터 학습을 통한 디지털 에이징")
        #expect(items.first?["DOI"] as? String == "10.35873/ajmahs.2018.8.6.026")
        #expect(result.stderr.contains("KCI (Korea Citation Index): 2 reported, 2 retrieved"))
        #expect(result.stderr.contains("query sent: apiCode=articleSearch&title=디지털 에이징"))
        #expect(server.requests.first?.parameter("key") == Self.key)
        #expect(!result.stdout.contains(Self.key))
        #expect(!result.stderr.contains(Self.key))
        for file in try FileManager.default.contentsOfDirectory(atPath: archive) {
            let text = try String(contentsOfFile: archive + "/" + file, encoding: .utf8)
            #expect(!text.contains(Self.key), "\(file) holds the key")
        }
    }

    @Test func searchWithoutAKeyHarvestsOAI() throws {
        let page = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("kci/kci_oai_listrecords_oai_kci_sample.xml")))
        let last = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("kci/synthetic_kci_oai_kci_last_page.xml")))
        let server = try LoopbackServer { request in
            guard request.path == "/oai/request", request.parameter("verb") == "ListRecords" else {
                return .respond(.text("no", status: 404))
            }
            return .respond(.xml(request.parameter("resumptionToken") == nil ? page : last))
        }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "kci", "--query", "*", "--since", "2023-01-01", "--format", "jsonl",
            "--endpoint", server.baseURL,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"nativeID\":\"ART001985846\""))
        #expect(result.stdout.contains("\"nativeID\":\"ART000000915\""))
        #expect(result.stderr.contains("2 reported, 2 retrieved"))
        #expect(result.stderr.contains("no KCI_API_KEY set: searched the keyless OAI-PMH route"))
        #expect(server.requests.first { $0.parameter("verb") == "ListRecords" }?.parameter("from") == "2023-01-01")
    }

    /// Runs a one-search review of KCI with `options` against `endpoint`; returns the run's output.
    private func runReview(endpoint: String, options: String, environment: [String: String] = [:]) throws -> CLIResult {
        let folder = NSTemporaryDirectory() + "litharvest-kci-review-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = """
            review: KCI review
            retry: { max_attempts: 2, base_delay: 0.1 }
            databases:
              kci: { endpoint: '\(endpoint)', requests_per_second: 50, options: \(options) }
            searches:
              - name: ims
                queries:
                  kci: '근육내자극'

            """
        try yaml.write(toFile: folder + "/review.yaml", atomically: true, encoding: .utf8)
        return try litharvest(["run", "--config", folder + "/review.yaml"], environment: environment)
    }

    @Test func aReviewRunWithoutTheKeySkipsTheRESTRoute() throws {
        let server = try LoopbackServer { _ in .respond(.text("unused")) }
        defer { server.stop() }
        let result = try runReview(endpoint: server.baseURL, options: "{ route: rest }")
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(HarvestRunTests.row(result.stdout, "kci").last == "skipped")
        #expect((result.stdout + result.stderr).contains("KCI_API_KEY"))
        #expect(server.requests.isEmpty)
    }

    @Test func aReviewRunHarvestsTheOAIRoute() throws {
        let page = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("kci/kci_oai_listrecords_oai_kci_sample.xml")))
        let last = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("kci/synthetic_kci_oai_kci_last_page.xml")))
        let server = try LoopbackServer { request in
            guard request.parameter("verb") == "ListRecords" else { return .respond(.text("no", status: 404)) }
            return .respond(.xml(request.parameter("resumptionToken") == nil ? page : last))
        }
        defer { server.stop() }
        // The filter keeps only the record mentioning 근육내자극 (intramuscular stimulation) in its title.
        let result = try runReview(endpoint: server.baseURL, options: "{ route: oai }", environment: ["KCI_API_KEY": Self.key])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(HarvestRunTests.row(result.stdout, "kci") == ["kci", "2", "1", "1", "ok"])
        #expect(server.requests.allSatisfy { $0.parameter("key") == nil })
    }

    /// A review harvest over `oai_dc` of the real record ART001995054, then `export --format csljson`: the
    /// export carries the English title next to the Korean one, and the source string's parts.
    @Test func csljsonExportOfAKCIRecordCarriesTheEnglishTitle() throws {
        let page = try Data(contentsOf: URL(fileURLWithPath: fixtureFile("kci/kci_oai_record_literal_ART001995054.xml")))
        let server = try LoopbackServer { request in
            request.parameter("verb") == "ListRecords" ? .respond(.xml(page)) : .respond(.text("no", status: 404))
        }
        defer { server.stop() }
        let folder = NSTemporaryDirectory() + "litharvest-kci-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            review: KCI export
            databases:
              kci: { endpoint: '\(server.baseURL)', requests_per_second: 50, options: { route: oai, metadata_prefix: oai_dc, identify: false } }
            searches:
              - name: banking
                queries:
                  kci: '*'

            """.write(toFile: folder + "/review.yaml", atomically: true, encoding: .utf8)
        let run = try litharvest(["run", "--config", folder + "/review.yaml"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let export = try litharvest(["export", "--config", folder + "/review.yaml", "--format", "csljson"])
        #expect(export.status == 0, "\(export.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        let item = try #require(items.first)
        #expect(item["id"] as? String == "kci:ART001995054")
        #expect(item["title"] as? String == "IT보안과 인터넷뱅킹")
        #expect(item["original-title"] as? String == "IT-security and internet banking")
        #expect(item["container-title"] as? String == "은행법연구")
        #expect(item["volume"] as? String == "8")
        #expect(item["issue"] as? String == "1")
        #expect(item["page"] as? String == "17-28")
        #expect(item["publisher"] as? String == "은행법학회")
        #expect(item["language"] as? String == "ko")
        #expect((item["author"] as? [[String: Any]])?.compactMap { $0["literal"] as? String } == ["스기우라 노부히코", "이현정"])
    }

    @Test func parseReadsEveryKindOfSavedKCIAnswer() throws {
        let expected = [
            "kci_rest_articleSearch_guide_sample.xml": "ART001143784",
            "kci_rest_articleDetail_sample.xml": "ART002358582",
            "kci_oai_listrecords_oai_kci_sample.xml": "ART001985846",
        ]
        for (file, id) in expected {
            let result = try litharvest(["parse", "--database", "kci", "--format", "jsonl", fixtureFile("kci/\(file)")])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains("\"nativeID\":\"\(id)\""), "\(file)")
        }
        let error = try litharvest(["parse", "--database", "kci", fixtureFile("kci/kci_oai_error_badArgument_sample.xml")])
        #expect(error.status != 0)
        #expect(error.stderr.contains("badArgument"))
    }
}
