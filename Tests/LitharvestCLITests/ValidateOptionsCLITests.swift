import Foundation
import Testing

/// `litharvest validate` and `search` on connector options, through the built binary and the real connector
/// list: every problem listed with its line and column, deprecated names warned about, nothing written.
@Suite("CLI: validate lists every problem")
struct ValidateOptionsCLITests {
    /// A folder with `harvest.yaml` holding `yaml`, removed by the caller.
    private func review(_ yaml: String) throws -> (folder: String, config: String) {
        let folder = NSTemporaryDirectory() + "litharvest-validate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/harvest.yaml"
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        return (folder, config)
    }

    @Test func everyProblemOfABadConfigIsListedWithItsPlace() throws {
        let (folder, config) = try review(
            """
            review: R
            databases:
              kci:
                options: { route: rset, page_sise: 20 }
              nal:
                options: { page_size: 5000 }
              pubmedd: {}
            searches:
              - name: ims
                queries:
                  pubmed: x
                  embase: y
            """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try litharvest(["validate", "--config", config])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(config):4:23: option 'route' for 'kci' must be one of auto, rest, oai, not 'rset'; did you mean 'rest'?"))
        #expect(lines.contains { $0.hasPrefix("\(config):4:29: unknown option 'page_sise' for 'kci'") && $0.hasSuffix("did you mean 'page_size'?") })
        #expect(lines.contains("\(config):6:27: option 'page_size' for 'nal' must be a whole number from 1 to 1000, not '5000'"))
        #expect(lines.contains { $0.hasPrefix("\(config):7:3: unknown database 'pubmedd'") && $0.hasSuffix("did you mean 'pubmed'?") })
        #expect(lines.contains { $0.hasPrefix("\(config):12:7: unknown database 'embase'") })
        #expect(result.stderr.contains("5 problem(s)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/litharvest.sqlite"))
    }

    @Test func badYAMLSyntaxIsReportedWithItsPlace() throws {
        let (folder, config) = try review("review: R\nsearches:\n  - name: s\n    queries: {pubmed: x\n  - name: t\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try litharvest(["validate", "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config):5:9: invalid YAML: did not find expected ',' or '}'"))
    }

    @Test func theDeprecatedBatchSizeIsAcceptedWithAWarning() throws {
        let (folder, config) = try review(
            "review: R\ndatabases:\n  pubmed:\n    batch_size: 200\nsearches:\n  - name: s\n    queries: { pubmed: x }\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try litharvest(["validate", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("OK"))
        #expect(
            result.stderr.contains(
                "\(config):4:5: warning: 'batch_size:' for 'pubmed' is deprecated; write 'options: { page_size: 200 }'"))
    }

    @Test func searchRefusesAPageSizeOutsideTheDatabasesRange() throws {
        let result = try litharvest(["search", "--database", "kci", "--query", "x", "--page-size", "500"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--page-size for kci must be a whole number from 1 to 100"))
        let noPaging = try litharvest(["search", "--database", "kmbase", "--query", "x", "--page-size", "5"])
        #expect(noPaging.status == 64)
        #expect(noPaging.stderr.contains("kmbase has no page size to set"))
        let deprecated = try litharvest(["search", "--database", "kci", "--query", "x", "--batch-size", "500"])
        #expect(deprecated.status == 64)
        #expect(deprecated.stderr.contains("warning: --batch-size is deprecated; use --page-size"))
        #expect(deprecated.stderr.contains("--page-size for kci must be a whole number from 1 to 100"))
    }
}
