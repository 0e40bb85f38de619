import Foundation
import LitharvestCore
import Testing

@testable import LitharvestApp

/// `litharvest init`'s config: valid as written for every database, commented, and never over a file by
/// accident.
@Suite("Review template (init)")
struct ReviewTemplateTests {
    static let registry: ConnectorRegistry = {
        // The shipped specs are compiled in, so no folder is needed for nlk and kolisnet.
        do { return try ConnectorCatalog.registry(configPath: "/nonexistent/harvest.yaml", environment: [:]) } catch {
            fatalError("\(error)")
        }
    }()

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: registry.ids)
    func theConfigForOneDatabaseIsValid(_ id: String) throws {
        let text = try ReviewTemplate.render(databases: [id], title: "Test review", registry: Self.registry)
        let review = try ReviewConfig.parse(yaml: text, path: "/reviews/x/harvest.yaml", knownDatabases: Set(Self.registry.ids))
        #expect(review.review == "Test review")
        #expect(review.searches.map(\.name) == ["main"])
        #expect(review.databaseIDs == [id])
        #expect(review.storePath == "/reviews/x/litharvest.sqlite")
        if let key = Self.registry[id]?.descriptor.key {
            #expect(text.contains("    api_key_env: \(key.environmentVariable)\n"))
            // Long explanations are wrapped onto "  #   " continuation lines.
            #expect(text.replacingOccurrences(of: "\n  #   ", with: " ").contains(key.howToObtain))
        }
    }

    @Test func theConfigForEveryDatabaseAtOnceIsValidAndKeepsTheirOrder() throws {
        let ids = Self.registry.ids.reversed().map { $0 }
        let text = try ReviewTemplate.render(databases: ids, title: "All", registry: Self.registry)
        let review = try ReviewConfig.parse(yaml: text, path: "/r/harvest.yaml", knownDatabases: Set(Self.registry.ids))
        #expect(review.databaseIDs == ids)
        #expect(review.searches.first?.query(for: "nal") == "기사명,근육내자극")
        #expect(review.searches.first?.query(for: "pubmed")?.contains(#""dry needling"[tiab]"#) == true)
    }

    @Test func theConfigExplainsItselfInComments() throws {
        let text = try ReviewTemplate.render(databases: ["pubmed", "cochrane"], title: "T", registry: Self.registry)
        #expect(text.hasPrefix("# litharvest review config (written by `litharvest init` for pubmed, cochrane)."))
        #expect(text.contains("litharvest validate"))
        #expect(text.contains("# email: reviewer@example.org"))
        #expect(text.contains("# limits: { from: 2000-01-01 }"))
        // Cochrane answers automated requests with Cloudflare challenges: the config says so and disables it.
        #expect(text.contains("    enabled: false\n"))
        #expect(text.contains("import --database cochrane"))
        let comments = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(comments.count >= 15)
    }

    @Test func titlesAndQueriesAreQuotedForYAML() throws {
        let text = try ReviewTemplate.render(databases: ["pubmed"], title: "Children's pain: a review #2", registry: Self.registry)
        #expect(text.contains("review: 'Children''s pain: a review #2'"))
        let review = try ReviewConfig.parse(yaml: text, path: "/r/harvest.yaml", knownDatabases: Set(Self.registry.ids))
        #expect(review.review == "Children's pain: a review #2")
    }

    @Test func unknownAndRepeatedDatabasesAreRefused() {
        let unknown = #expect(throws: UsageProblem.self) {
            try ReviewTemplate.render(databases: ["pubmd"], title: "T", registry: Self.registry)
        }
        #expect(unknown?.message.contains("unknown database 'pubmd'") == true)
        #expect(unknown?.message.contains("pubmed, pmc") == true)
        let twice = #expect(throws: UsageProblem.self) {
            try ReviewTemplate.render(databases: ["kci", "kci"], title: "T", registry: Self.registry)
        }
        #expect(twice?.message.contains("'kci' is named twice") == true)
        #expect(throws: UsageProblem.self) { try ReviewTemplate.render(databases: [], title: "T", registry: Self.registry) }
    }

    @Test func initRefusesToReplaceAFileWithoutForce() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("harvest.yaml").path
        try "review: mine\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = #expect(throws: CommandFailure.self) {
            try InitReview.write(databases: ["pubmed"], title: "T", to: path, force: false)
        }
        #expect(refused?.message.contains("--force") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "review: mine\n")

        let outcome = try InitReview.write(databases: ["pubmed", "nlk"], title: "T", to: path, force: true)
        #expect(outcome.keys.map(\.environmentVariable) == ["NCBI_API_KEY", "NLK_API_KEY"])
        let review = try ReviewContext.load(configPath: path).review
        #expect(review.databaseIDs == ["pubmed", "nlk"])
    }

    @Test func theDefaultConfigIsHarvestYAMLHereThenConfigHarvestYAML() throws {
        #expect(FirstRun.configFileName == "harvest.yaml")
        #expect(FirstRun.nestedConfigPath == "config/harvest.yaml")
        let missing = MissingReviewConfig(path: "nowhere/harvest.yaml").description
        #expect(missing.hasPrefix("There is no review config at nowhere/harvest.yaml. To start a review:"))
        #expect(missing.contains("litharvest init --databases"))
        #expect(throws: MissingReviewConfig.self) { try ReviewContext.load(configPath: "/nonexistent/harvest.yaml") }
    }
}
