import Foundation
import Testing

/// The installed binary's first hour: `--version`, `litharvest` in an empty folder, `init` then `validate`,
/// and the declarative connectors listed from a folder without config/connectors/.
@Suite("the litharvest binary on first use")
struct FirstRunCLITests {
    /// An empty folder, removed by the caller.
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("first-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func versionNamesTheVersionAndTheCommit() throws {
        let result = try litharvest(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        // A plain (unstamped) build names no commit; `make release` stamps it (scripts/check-install.sh checks that).
        #expect(line.wholeMatch(of: /litharvest \d+\.\d+\.\d+ \((commit [0-9a-f]{7}(-dirty)?|unknown commit)\)/) != nil, "\(line)")
    }

    @Test func connectorsFromAnotherFolderListTheCompiledInSpecs() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try litharvest(["connectors"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        for id in ["nlk", "kolisnet"] {
            let line = try #require(lines.first { $0.hasPrefix("\(id) ") }, "\(result.stdout)")
            #expect(line.contains("declarative"))
        }
        #expect(lines.first { $0.hasPrefix("pubmed ") }?.contains("built-in") == true)
    }

    @Test func litharvestAloneInAnEmptyFolderSaysHowToStart() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try litharvest([], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: litharvest <subcommand>"))
        #expect(result.stdout.contains("There is no review config here (no harvest.yaml in this folder, no config/harvest.yaml)."))
        #expect(result.stdout.contains("litharvest init --databases pubmed,kci"))
        #expect(result.stdout.contains("each problem with its line and column"))
        #expect(result.stdout.contains(#"README's "Review harvests" section"#))
    }

    @Test func runWithoutAConfigSaysHowToStartAndExits2() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try litharvest(["run"], in: folder)
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("There is no review config here (no harvest.yaml in this folder, no config/harvest.yaml). To start"),
            "\(run.stderr)")
        #expect(run.stderr.contains("litharvest init"))
        let named = try litharvest(["validate", "--config", "elsewhere.yaml"], in: folder)
        #expect(named.status == 2)
        #expect(named.stderr.hasPrefix("There is no review config at elsewhere.yaml."))
    }

    @Test func initThenValidateAcceptsTheConfigForEachDatabase() throws {
        let listing = try litharvest(["connectors", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let ids = items.compactMap { $0["id"] as? String }
        #expect(ids.count >= 14 && ids.contains("nlk") && ids.contains("kolisnet"), "\(ids)")
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for id in ids {
            let file = "\(id).yaml"
            let written = try litharvest(["init", "--databases", id, "--output", file], in: folder)
            #expect(written.status == 0, "\(id): \(written.stderr)")
            #expect(written.stdout.hasPrefix("wrote \(file): one search over \(id)"))
            let checked = try litharvest(["validate", "--config", file], in: folder)
            #expect(checked.status == 0, "\(id): \(checked.stderr)")
            #expect(checked.stdout.contains("OK"))
        }
    }

    @Test func initWritesHarvestYAMLWhichTheOtherCommandsFindAndRefusesToReplaceIt() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try litharvest(["init", "--databases", "pubmed,kci", "nlk", "--review", "Dry needling"], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("needs $NLK_API_KEY"))
        #expect(written.stdout.contains("can use $NCBI_API_KEY"))
        #expect(written.stdout.contains("Next: edit the title and queries, then `litharvest validate` and `litharvest run`."))
        let path = folder.appendingPathComponent("harvest.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)

        // No --config: harvest.yaml in the current folder is the default.
        let checked = try litharvest(["validate"], in: folder)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains(#"harvest.yaml: OK — review "Dry needling", 1 search(es), databases: pubmed, kci, nlk"#))

        let again = try litharvest(["init"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("harvest.yaml exists; --force replaces it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let forced = try litharvest(["init", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("pubmed:"))
        #expect(try !String(contentsOfFile: path, encoding: .utf8).contains("nlk:"))

        let unknown = try litharvest(["init", "--databases", "pubmd", "--output", "x.yaml"], in: folder)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown database 'pubmd'"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.yaml").path))
    }
}
