import Foundation
import LitharvestCore
import LitharvestModel
import Testing

/// `import` and `parse` over export files, end to end with the built binary and a store on disk.
@Suite("litharvest import end to end")
struct ImportCommandTests {
    /// A temporary review folder with a one-search config.
    struct Review {
        let folder: String
        var config: String { folder + "/review.yaml" }
        var store: String { folder + "/litharvest.sqlite" }

        init() throws {
            folder = NSTemporaryDirectory() + "litharvest-import-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let yaml = """
                review: Import review
                databases:
                  pubmed: { endpoint: 'http://127.0.0.1:9/', requests_per_second: 50 }
                searches:
                  - name: ims
                    queries:
                      pubmed: '"intramuscular stimulation"[tiab]'

                """
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    static func importFixture(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LitharvestFormatsTests/Fixtures/\(relative)").path
    }

    @Test func aFileThatLostEntriesIsStoredAsAPartialJobAndExits3() throws {
        let review = try Review()
        defer { review.remove() }
        let bib = review.folder + "/lost.bib"
        // The second entry's title brace never closes, so the reader cannot tell where it ends.
        try """
            @article{good1,
              title = {Intramuscular stimulation for neck pain},
              author = {Lim, Sung-Hoon},
              year = {2011}
            }

            @article{broken,
              title = {Unclosed title
            }

            """.write(toFile: bib, atomically: true, encoding: .utf8)
        let imported = try litharvest([
            "import", "--config", review.config, "--store", review.store, "--database", "embase", bib,
        ])
        #expect(imported.status == 3, "\(imported.stderr)")
        #expect(imported.stderr.contains("the job is partial"))
        let snapshots = try litharvest(["snapshots", "--config", review.config, "--store", review.store, "--json"])
        #expect(snapshots.stdout.contains("\"status\" : \"partial\""), "\(snapshots.stdout)")

        let parsed = try litharvest(["parse", "--database", "cochrane", "--format", "jsonl", bib])
        #expect(parsed.status == 3, "\(parsed.stderr)")
    }

    @Test func anExportCutShortIsStoredAsAPartialJobNamingWhereItStopsAndParseExits3() throws {
        let review = try Review()
        defer { review.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.importFixture("exports/scopus/scopus.ris")))
        let cut = review.folder + "/scopus-cut.ris"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        let imported = try litharvest([
            "import", "--config", review.config, "--store", review.store, "--database", "embase", cut,
        ])
        #expect(imported.status == 3, "\(imported.stderr)")
        #expect(imported.stderr.contains("the job is partial"), "\(imported.stderr)")
        let snapshots = try litharvest(["snapshots", "--config", review.config, "--store", review.store, "--json"])
        #expect(snapshots.stdout.contains("\"status\" : \"partial\""), "\(snapshots.stdout)")
        #expect(snapshots.stdout.contains("cut short"), "\(snapshots.stdout)")

        let parsed = try litharvest(["parse", "--database", "cochrane", "--format", "jsonl", cut])
        #expect(parsed.status == 3, "\(parsed.stderr)")
        #expect(parsed.stderr.contains("scopus-cut.ris:") && parsed.stderr.contains("last line read"), "\(parsed.stderr)")
    }

    @Test func importStoresAJobWithQueryAndDateThatReportAndNewShow() throws {
        let review = try Review()
        defer { review.remove() }
        let ris = Self.importFixture("cochrane/central_export_ris_endnote.ris")
        let arguments = [
            "import", "--config", review.config, "--store", review.store, "--database", "cochrane",
            "--query", "\"incredible years\":ti,ab,kw", "--date", "2026-11-20", ris,
        ]
        let first = try litharvest(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 records read, 0 skipped or with problems, 3 stored, 3 new"))
        #expect(first.stdout.contains("cochrane job of search 'ims' in run 1 (new run)"))
        #expect(first.stderr.contains("central_export_ris_endnote.ris: 3 records read"))

        let report = try litharvest(["report", "--config", review.config, "--store", review.store, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(log["runStatus"] as? String == "complete")
        let entries = try #require(log["entries"] as? [[String: Any]])
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["database"] as? String == "cochrane")
        #expect(entry["search"] as? String == "ims")
        #expect(entry["query"] as? String == "\"incredible years\":ti,ab,kw")
        #expect(entry["searchedAt"] as? String == "2026-11-20T00:00:00Z")
        #expect(entry["reported"] as? Int == 3)
        #expect(entry["retrieved"] as? Int == 3)
        #expect(entry["status"] as? String == "ok")

        let new = try litharvest(["new", "--config", review.config, "--store", review.store, "--format", "jsonl"])
        #expect(new.status == 0, "\(new.stderr)")
        let records = try new.stdout.split(separator: "\n").map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
        // `new` lists one record per study (cluster), not in file order.
        #expect(records.map(\.nativeID).sorted() == ["CN-00778158", "CN-02575572", "CN-02677909"])
        #expect(records.allSatisfy { $0.database == "cochrane" })
        #expect(records.first { $0.nativeID == "CN-00778158" }?.pmid == "21314913")

        // The same job again is refused without --replace, and nothing changes.
        let again = try litharvest(arguments)
        #expect(again.status == 1)
        #expect(again.stderr.contains("run 1 already has a cochrane job for search 'ims'; pass --replace to replace it"))
        let replaced = try litharvest(arguments + ["--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("in run 1"))
        #expect(!replaced.stdout.contains("new run"))
        let afterReplace = try litharvest(["report", "--config", review.config, "--store", review.store, "--format", "json"])
        let replacedLog = try #require(try JSONSerialization.jsonObject(with: Data(afterReplace.stdout.utf8)) as? [String: Any])
        #expect((replacedLog["entries"] as? [[String: Any]])?.count == 1)
    }

    @Test func importRefusesGarbageAndStoresNothing() throws {
        let review = try Review()
        defer { review.remove() }
        let garbage = Self.importFixture("synthetic/synthetic_garbage.txt")
        let result = try litharvest(["import", "--config", review.config, "--store", review.store, "--database", "cochrane", garbage])
        #expect(result.status == 1)
        #expect(result.stderr.contains("synthetic_garbage.txt"))
        #expect(result.stderr.contains("not an export file"))
        #expect(result.stderr.contains("nothing was stored"))
        let snapshots = try litharvest(["new", "--config", review.config, "--store", review.store])
        #expect(snapshots.status != 0)
    }

    @Test func pubmedXMLGoesToThePubMedParserAndExcelToTheDatabasesImporter() throws {
        let review = try Review()
        defer { review.remove() }
        let xml = Self.importFixture("pubmed/efetch_pubmed_20_articles.xml")
        let result = try litharvest([
            "import", "--config", review.config, "--store", review.store, "--database", "pubmed", "--search", "ims", xml,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("20 records read, 0 skipped or with problems, 20 stored, 20 new"))

        let xls = Self.importFixture("riss/riss_excel_export_20250812152237.xls")
        let excel = try litharvest([
            "import", "--config", review.config, "--store", review.store, "--database", "excel-only", xls,
        ])
        #expect(excel.status == 1)
        #expect(excel.stderr.contains("Excel exports are read by the database's own importer (e.g. --database riss)"))
    }

    @Test func parseFallsBackToTheImporterForExportFiles() throws {
        let csv = Self.importFixture("cochrane/central_export.csv")
        let result = try litharvest(["parse", "--database", "pubmed", "--format", "jsonl", csv])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
        #expect(records.map(\.nativeID) == ["CN-00778158", "CN-02677909", "CN-02575572"])
        #expect(records.first?.database == "pubmed")
        let forced = try litharvest(["parse", "--database", "pubmed", "--input-format", "ris", "--format", "jsonl", csv])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("not a RIS file"))
    }
}
