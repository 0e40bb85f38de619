import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Testing

@Suite("the litharvest binary, end to end")
struct CLIEndToEndTests {
    @Test func helpListsEverySubcommand() throws {
        let result = try litharvest(["--help"])
        #expect(result.status == 0)
        for command in ["search", "run", "new", "snapshots", "export", "import", "parse", "dedup", "report", "connectors", "validate"] {
            #expect(result.stdout.contains("  \(command)"), "--help does not list \(command)")
        }
        #expect(try litharvest(["--version"]).stdout.contains(LitharvestVersion.current))
    }

    @Test func everySubcommandHasHelp() throws {
        for command in ["search", "run", "new", "snapshots", "export", "import", "parse", "dedup", "report", "connectors", "validate"] {
            let result = try litharvest([command, "--help"])
            #expect(result.status == 0, "\(command) --help failed")
            #expect(result.stdout.contains("USAGE"))
        }
    }

    @Test func connectorsListsIdsAccessAndKeys() throws {
        let table = try litharvest(["connectors"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("pubmed"))
        #expect(table.stdout.contains("NCBI E-utilities"))
        #expect(table.stdout.contains("NCBI_API_KEY"))
        #expect(table.stdout.contains("LITHARVEST_PUBMED_ENDPOINT"))
        let json = try litharvest(["connectors", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let pubmed = try #require(items.first { $0["id"] as? String == "pubmed" })
        #expect(pubmed["access"] as? String == "api")
        #expect((pubmed["key"] as? [String: Any])?["environment_variable"] as? String == "NCBI_API_KEY")
        #expect(items.contains { $0["id"] as? String == "pmc" })
    }

    @Test func searchPrintsCSLJSONAndTheCounts() throws {
        let (_, server, recorded) = try recordedStandIn()
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "pubmed", "--query", "\"dry needling\"[tiab]", "--format", "csljson",
            "--endpoint", server.url("/entrez/eutils/"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == recorded.articles.count)
        #expect(Set(items.compactMap { $0["PMID"] as? String }) == Set(recorded.articles.map { String($0.pmid) }))
        #expect(result.stderr.contains("MEDLINE/PubMed: \(recorded.articles.count) reported, \(recorded.articles.count) retrieved"))
        #expect(result.stderr.contains("query as translated: \"dry needling\"[tiab]"))
    }

    @Test(.timeLimit(.minutes(3)))
    func searchSlicesMoreThanTwentyFiveThousandHitsEndToEnd() throws {
        var recorded = RecordedArticles()
        recorded.add(fromEFetch: try String(contentsOfFile: fixtureFile("pubmed/efetch_pubmed_structured_abstract.xml"), encoding: .utf8))
        let (pmid, element) = try #require(recorded.elements.first)
        let template = element.replacingOccurrences(of: ">\(pmid)<", with: ">__PMID__<")
        let start = SimpleDate(year: 1995, month: 1, day: 1)!.dayNumber
        let articles = (0..<25_600).map {
            EUtilitiesStandIn.Article(pmid: 20_000_000 + $0, created: SimpleDate(dayNumber: start + ($0 * 6007) % 10_950))
        }
        let standIn = EUtilitiesStandIn(articles: articles, articleTemplate: template, inject429Every: 23)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let output = NSTemporaryDirectory() + "litharvest-25k-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try litharvest([
            "search", "-d", "pubmed", "-q", "\"intramuscular stimulation\"[tiab]", "--page-size", "1000",
            "--format", "jsonl", "--output", output, "--endpoint", server.url("/entrez/eutils/"),
        ], timeout: 170)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("MEDLINE/PubMed: 25600 reported, 25600 retrieved"))
        #expect(result.stderr.contains("date windows whose counts add up to 25600"))
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        let ids = try lines.map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)).nativeID }
        #expect(ids.count == 25_600)
        #expect(Set(ids) == Set(articles.map { String($0.pmid) }))
        #expect(standIn.rateLimitViolations == 0)
        #expect(standIn.injected429s > 0)
    }

    @Test func endpointComesFromTheEnvironmentToo() throws {
        let (_, server, recorded) = try recordedStandIn()
        defer { server.stop() }
        let result = try litharvest(
            ["search", "-d", "pubmed", "-q", "ims", "--limit", "3"],
            environment: ["LITHARVEST_PUBMED_ENDPOINT": server.url("/entrez/eutils/")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(recorded.articles.count) reported, 3 retrieved"))
        #expect(result.stdout.contains("   3. [pubmed "))
        #expect(!result.stdout.contains("   4. [pubmed "))
    }

    @Test func missingRecordsMakeThePartialExitCode() throws {
        let withheldID = 10_485_824
        let (_, server, _) = try recordedStandIn(withheld: [withheldID])
        defer { server.stop() }
        let result = try litharvest([
            "search", "-d", "pubmed", "-q", "x", "--format", "jsonl", "--endpoint", server.url("/entrez/eutils/"),
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("PARTIAL"))
        #expect(!result.stdout.contains("\"nativeID\":\"\(withheldID)\""))
    }

    @Test func apiKeyIsSentButNeverArchivedOrPrinted() throws {
        let (_, server, _) = try recordedStandIn()
        defer { server.stop() }
        let archive = NSTemporaryDirectory() + "litharvest-cli-archive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let key = "0123456789abcdefSECRET"
        let result = try litharvest(
            ["search", "-d", "pubmed", "-q", "x", "--verbose", "--archive", archive, "--endpoint", server.url("/entrez/eutils/")],
            environment: ["NCBI_API_KEY": key])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.requests.allSatisfy { $0.parameter("api_key") == key })
        #expect(!result.stdout.contains(key))
        #expect(!result.stderr.contains(key))
        #expect(result.stderr.contains("api_key=REDACTED"))
        let files = try FileManager.default.contentsOfDirectory(atPath: archive)
        #expect(files.contains("index.jsonl"))
        for file in files {
            let text = try String(contentsOfFile: archive + "/" + file, encoding: .utf8)
            #expect(!text.contains(key), "\(file) holds the key")
        }
    }

    @Test func ctrlCStopsASearchInFlight() throws {
        let server = try LoopbackServer { _ in .delay(seconds: 30, then: .respond(.text("late"))) }
        defer { server.stop() }
        let start = Date()
        let result = try litharvest(
            ["search", "-d", "pubmed", "-q", "x", "--endpoint", server.url("/entrez/eutils/")], interruptAfter: 1.0,
            timeout: 20)
        #expect(result.status == 130)
        #expect(result.stderr.contains("stopping"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func usageErrorsAreClear() throws {
        let unknown = try litharvest(["search", "-d", "embase", "-q", "x"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown database 'embase'"))
        let badDate = try litharvest(["search", "-d", "pubmed", "-q", "x", "--since", "2024-13-01"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("--since"))
    }

    @Test func searchFailureNamesTheCause() throws {
        let standIn = EUtilitiesStandIn(articles: [], articleTemplate: "", maintenance: true)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try litharvest(["search", "-d", "pubmed", "-q", "x", "--endpoint", server.url("/entrez/eutils/")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("NCBI - Maintenance"))
        #expect(result.stdout.isEmpty)
    }

    @Test func parseNormalizesSavedResponsesPlainAndGzip() throws {
        let file = fixtureFile("pubmed/efetch_pubmed_20_articles.xml")
        let plain = try litharvest(["parse", "-d", "pubmed", "--format", "csljson", file])
        #expect(plain.status == 0, "\(plain.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 20)
        #expect(plain.stderr.contains("20 records"))

        let gz = NSTemporaryDirectory() + "efetch-\(UUID().uuidString).xml.gz"
        defer { try? FileManager.default.removeItem(atPath: gz) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(file)' > '\(gz)'"]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try litharvest(["parse", "-d", "pubmed", "--format", "csljson", gz])
        #expect(compressed.status == 0, "\(compressed.stderr)")
        #expect(compressed.stdout == plain.stdout)
    }

    @Test func parseRefusesWhatItCannotRead() throws {
        let page = NSTemporaryDirectory() + "page-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        try "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>".write(toFile: page, atomically: true, encoding: .utf8)
        let result = try litharvest(["parse", "-d", "pubmed", page])
        #expect(result.status == 1)
        #expect(result.stderr.contains(page))
        let missing = try litharvest(["parse", "-d", "pubmed", "/nonexistent/file.xml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/file.xml"))
    }
}

