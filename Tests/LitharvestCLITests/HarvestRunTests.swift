import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

/// `run`, `new`, `snapshots` and `validate` end to end: the built binary, a config file, a store on disk,
/// and loopback stand-ins for the databases.
@Suite("review harvests end to end")
struct HarvestRunTests {
    /// A temporary review folder with a config naming the given endpoints.
    struct Review {
        let folder: String
        var config: String { folder + "/review.yaml" }
        var store: String { folder + "/litharvest.sqlite" }

        init(pubmed: String, pmc: String? = nil, extra: String = "") throws {
            folder = NSTemporaryDirectory() + "litharvest-review-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var yaml = """
                review: Test review
                retry: { max_attempts: 2, base_delay: 0.1 }
                databases:
                  pubmed: { endpoint: '\(pubmed)', requests_per_second: 50 }

                """
            if let pmc { yaml += "  pmc: { endpoint: '\(pmc)', requests_per_second: 50 }\n" }
            yaml += """
                searches:
                  - name: ims
                    queries:
                      pubmed: '"intramuscular stimulation"[tiab]'

                """
            if pmc != nil { yaml += "      pmc: '\"intramuscular stimulation\"[Abstract]'\n" }
            yaml += extra
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String] = [], interruptAfter: Double? = nil) throws -> CLIResult {
            try litharvest(["run", "--config", config] + arguments, interruptAfter: interruptAfter)
        }

        func newIDs(_ arguments: [String] = []) throws -> [String] {
            let result = try litharvest(["new", "--config", config, "--format", "jsonl"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return try result.stdout.split(separator: "\n").map {
                try JSONDecoder().decode(Record.self, from: Data($0.utf8)).nativeID
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// The cells of the run-table row of `database` (`["pubmed", "40", "40", "40", "ok"]`).
    static func row(_ output: String, _ database: String) -> [String] {
        output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.first { $0.first == database } ?? []
    }

    static func standIn(
        _ count: Int, firstPMID: Int = 30_000_000, database: RecordedArticles.Database = .pubmed
    ) throws -> (EUtilitiesStandIn, LoopbackServer) {
        var recorded = RecordedArticles(database: database)
        let file = database == .pubmed ? "pubmed/efetch_pubmed_structured_abstract.xml" : "pubmed/efetch_pmc_full_article.xml"
        recorded.add(fromEFetch: try String(contentsOfFile: fixtureFile(file), encoding: .utf8))
        let (pmid, element) = try #require(recorded.elements.first)
        let template = element.replacingOccurrences(of: ">\(pmid)<", with: ">__PMID__<")
        let articles = (0..<count).map {
            EUtilitiesStandIn.Article(pmid: firstPMID + $0, created: SimpleDate(year: 2010, month: 1, day: 1)!.adding(days: $0))
        }
        let standIn = EUtilitiesStandIn(articles: articles, articleTemplate: template, requestsPerSecond: 1_000)
        return (standIn, try LoopbackServer(handler: standIn.handler))
    }

    @Test func newListsExactlyWhatWasAddedAtTheServer() throws {
        let (standIn, server) = try Self.standIn(40)
        defer { server.stop() }
        let review = try Review(pubmed: server.url("/entrez/eutils/"))
        defer { review.remove() }

        let first = try review.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Run 1: complete"))
        #expect(Self.row(first.stdout, "pubmed") == ["pubmed", "40", "40", "40", "ok"])
        #expect(try review.newIDs().count == 40)

        let added = (0..<3).map { EUtilitiesStandIn.Article(pmid: 39_000_000 + $0, created: SimpleDate(year: 2024, month: 5, day: 1)!) }
        standIn.add(added)
        let second = try review.run()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.row(second.stdout, "pubmed") == ["pubmed", "43", "43", "3", "ok"])
        #expect(second.stdout.contains("3 new record(s) to screen"))
        #expect(Set(try review.newIDs()) == Set(added.map { String($0.pmid) }))
        #expect(try review.newIDs(["--changed"]).isEmpty)
        #expect(try review.newIDs(["--gone"]).isEmpty)
        #expect(try review.newIDs(["--run", "1"]).count == 40)

        let third = try review.run()
        #expect(third.stdout.contains("0 new record(s) to screen"))
        #expect(try review.newIDs().isEmpty)

        let snapshots = try litharvest(["snapshots", "--config", review.config, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(snapshots.stdout.utf8)) as? [[String: Any]])
        #expect(runs.map { $0["run"] as? Int } == [3, 2, 1])
        #expect(runs.allSatisfy { $0["status"] as? String == "complete" })
    }

    @Test func reportGivesThePRISMASSearchLog() throws {
        let (_, server) = try Self.standIn(9)
        defer { server.stop() }
        let review = try Review(pubmed: server.url("/entrez/eutils/"))
        defer { review.remove() }
        let key = "secret0123456789KEY"
        let run = try litharvest(["run", "--config", review.config], environment: ["NCBI_API_KEY": key])
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try litharvest(["report", "--config", review.config])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("# Search log: Test review"))
        #expect(markdown.stdout.contains("| MEDLINE/PubMed | NCBI E-utilities | ims |"))
        #expect(markdown.stdout.contains("\"intramuscular stimulation\"[tiab]"))
        #expect(markdown.stdout.contains("Query as the database translated it"))
        #expect(markdown.stdout.contains("9 reported, 9 retrieved, 9 new"))
        #expect(!markdown.stdout.contains(key))
        let json = try litharvest(["report", "--config", review.config, "--format", "json"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(log["entries"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["reported"] as? Int == 9)
        #expect(entries.first?["platform"] as? String == "NCBI E-utilities")
        #expect((entries.first?["searchedAt"] as? String)?.hasSuffix("Z") == true)
        #expect(!json.stdout.contains(key))
        let html = try litharvest(["report", "--config", review.config, "--format", "html"], environment: ["NCBI_API_KEY": key])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<h2>Databases searched</h2>"))
        #expect(!html.stdout.contains(key))
    }

    @Test func exportWritesEveryFormatAndSplits() throws {
        let (_, server) = try Self.standIn(7)
        defer { server.stop() }
        let review = try Review(pubmed: server.url("/entrez/eutils/"))
        defer { review.remove() }
        #expect(try review.run().status == 0)
        for format in ["ris", "nbib", "bibtex", "csljson", "csv", "jsonl"] {
            let result = try litharvest(["export", "--config", review.config, "--format", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stderr.contains("7 record(s) of run 1 as \(format)"))
            #expect(!result.stdout.isEmpty)
        }
        let ris = try litharvest(["export", "--config", review.config, "--format", "ris"]).stdout
        #expect(ris.components(separatedBy: "ER  - ").count - 1 == 7)
        #expect(ris.contains("DB  - MEDLINE/PubMed"))
        let base = review.folder + "/to-screen.ris"
        let split = try litharvest(["export", "--config", review.config, "--new", "--format", "ris", "--split", "3", "--output", base])
        #expect(split.status == 0, "\(split.stderr)")
        let files = ["-001", "-002", "-003"].map { review.folder + "/to-screen\($0).ris" }
        let counts = try files.map { try String(contentsOfFile: $0, encoding: .utf8).components(separatedBy: "ER  - ").count - 1 }
        #expect(counts == [3, 3, 1])
        let noOutput = try litharvest(["export", "--config", review.config, "--format", "ris", "--split", "3"])
        #expect(noOutput.status == 64)
    }

    @Test func aDatabaseDownThroughoutFailsAloneAndLosesNothing() throws {
        let (_, pubmed) = try Self.standIn(12)
        let (_, pmcUp) = try Self.standIn(5, firstPMID: 5_000_000, database: .pmc)
        defer { pubmed.stop(); pmcUp.stop() }
        let down = try LoopbackServer { _ in .respond(.text("Service Unavailable", status: 503)) }
        defer { down.stop() }
        let review = try Review(pubmed: pubmed.url("/entrez/eutils/"), pmc: pmcUp.url("/entrez/eutils/"))
        defer { review.remove() }
        #expect(try review.run().status == 0)

        // Second run: PMC answers 503 to everything.
        let config = try String(contentsOfFile: review.config, encoding: .utf8)
            .replacingOccurrences(of: pmcUp.url("/entrez/eutils/"), with: down.url("/entrez/eutils/"))
        try config.write(toFile: review.config, atomically: true, encoding: .utf8)
        let second = try review.run()
        #expect(second.status == 3)
        #expect(second.stdout.contains("Run 2: incomplete"))
        #expect(Self.row(second.stdout, "pubmed") == ["pubmed", "12", "12", "0", "ok"])
        #expect(Self.row(second.stdout, "pmc") == ["pmc", "–", "0", "0", "failed"])
        #expect(second.stdout.contains("503"))
        #expect(try review.newIDs(["--gone"]).isEmpty, "a failed job must not make its records gone")
    }

    @Test func killedMidRunLeavesEarlierSnapshotsIntact() throws {
        let (_, fast) = try Self.standIn(15)
        defer { fast.stop() }
        let review = try Review(pubmed: fast.url("/entrez/eutils/"))
        defer { review.remove() }
        #expect(try review.run().status == 0)

        // Second run against a server that answers only after 20 s: kill -9 it while it waits.
        let slow = try LoopbackServer { _ in .delay(seconds: 20, then: .respond(.text("late"))) }
        defer { slow.stop() }
        let process = Process()
        process.executableURL = executable("litharvest")
        process.arguments = ["run", "--config", review.config]
        process.environment = ["LITHARVEST_PUBMED_ENDPOINT": slow.url("/entrez/eutils/"), "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let third = try review.run()
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("Run 3: complete"))
        #expect(try review.newIDs().isEmpty, "the killed run must not make old records new")
        #expect(try review.newIDs(["--run", "1"]).count == 15)
        let snapshots = try litharvest(["snapshots", "--config", review.config, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(snapshots.stdout.utf8)) as? [[String: Any]])
        #expect(runs.map { $0["status"] as? String } == ["complete", "abandoned", "complete"])
    }

    @Test func aSecondConcurrentRunRefuses() throws {
        let slow = try LoopbackServer { _ in .delay(seconds: 3, then: .respond(.text("late", status: 503))) }
        defer { slow.stop() }
        let review = try Review(pubmed: slow.url("/entrez/eutils/"))
        defer { review.remove() }
        let first = Process()
        first.executableURL = executable("litharvest")
        first.arguments = ["run", "--config", review.config]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        Thread.sleep(forTimeInterval: 1.0)
        let second = try review.run()
        first.interrupt()
        first.waitUntilExit()
        #expect(second.status == 75)
        #expect(second.stderr.contains("another litharvest run"))
        #expect(second.stdout.isEmpty)
    }

    @Test func ctrlCMarksTheRunInterrupted() throws {
        let slow = try LoopbackServer { _ in .delay(seconds: 20, then: .respond(.text("late"))) }
        defer { slow.stop() }
        let review = try Review(pubmed: slow.url("/entrez/eutils/"))
        defer { review.remove() }
        let start = Date()
        let result = try review.run(interruptAfter: 1.0)
        #expect(result.status == 130)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.stdout.contains("Run 1: interrupted"))
    }

    @Test func configErrorsExitTwoAndWriteNothing() throws {
        let review = try Review(pubmed: "http://127.0.0.1:9/", extra: "  - name: second\n    queries: { embase: x }\n")
        defer { review.remove() }
        let run = try review.run()
        #expect(run.status == 2)
        #expect(run.stderr.contains("review.yaml:"))
        #expect(run.stderr.contains("embase"))
        #expect(!FileManager.default.fileExists(atPath: review.store))
        let validate = try litharvest(["validate", "--config", review.config])
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("embase"))
    }

    @Test func validateAcceptsTheShippedConfig() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/harvest.yaml").path
        let result = try litharvest(["validate", "--config", shipped])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("OK"))
        #expect(result.stdout.contains("pubmed"))
    }
}
