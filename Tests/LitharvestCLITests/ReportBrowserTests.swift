import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import LitharvestXML
import Testing

/// `report --format svg|html` end to end: two harvests against the loopback stand-in (the second one an
/// update), the diagram's numbers checked against `snapshots --json`, and the page rendered by headless
/// Chromium to a PNG that must show the diagram.
///
/// CI installs Debian's `chromium`; without it this test fails, unless `LITHARVEST_SKIP_BROWSER_TESTS=1` says
/// to skip it (for local runs only). `LITHARVEST_CHROMIUM` names another binary.
@Suite("report rendered in a browser")
struct ReportBrowserTests {
    static let skipBrowser = ProcessInfo.processInfo.environment["LITHARVEST_SKIP_BROWSER_TESTS"] == "1"
    static let svgNamespace = ["s": "http://www.w3.org/2000/svg"]
    /// Fill colours of the diagram's stage bars and column headers: seeing them in the PNG proves the inline
    /// SVG was drawn, not only the page's text.
    static let stageBarColour = "9dc3e6"
    static let headerColour = "f6c85f"

    /// The numbers `snapshots --json` gives for `run`: retrieved and new, summed over its jobs.
    static func snapshotCounts(config: String, run: Int) throws -> (retrieved: Int, new: Int) {
        let result = try litharvest(["snapshots", "--config", config, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(runs.first { $0["run"] as? Int == run })
        let jobs = try #require(entry["jobs"] as? [[String: Any]])
        return (
            jobs.reduce(0) { $0 + ($1["retrieved"] as? Int ?? 0) }, jobs.reduce(0) { $0 + ($1["new"] as? Int ?? 0) }
        )
    }

    /// The first count after `prefix` in a box's wrapped lines ("Records screened (n = 3)" → 3).
    static func number(in lines: [String], startingWith prefix: String) -> Int? {
        let text = lines.joined(separator: " ")
        guard let start = text.range(of: prefix), let open = text.range(of: "(n = ", range: start.upperBound..<text.endIndex)
        else { return nil }
        return Int(text[open.upperBound...].prefix { $0.isNumber })
    }

    @Test func diagramAndPageCarryTheRunsNumbersAndRender() throws {
        let (standIn, server) = try HarvestRunTests.standIn(9)
        defer { server.stop() }
        let review = try HarvestRunTests.Review(pubmed: server.url("/entrez/eutils/"))
        defer { review.remove() }
        #expect(try review.run().status == 0)
        let added = try #require(SimpleDate(year: 2024, month: 5, day: 1))
        standIn.add((0..<3).map { EUtilitiesStandIn.Article(pmid: 39_000_000 + $0, created: added) })
        let second = try review.run()
        #expect(second.status == 0, "\(second.stderr)")

        let first = try Self.snapshotCounts(config: review.config, run: 1)
        let update = try Self.snapshotCounts(config: review.config, run: 2)
        #expect(first.new == 9)
        #expect(update.retrieved == 12)
        #expect(update.new == 3)

        // The SVG alone: identification numbers equal the snapshot's.
        let svgPath = review.folder + "/prisma.svg"
        let svgResult = try litharvest(["report", "--config", review.config, "--run", "2", "--format", "svg", "--output", svgPath])
        #expect(svgResult.status == 0, "\(svgResult.stderr)")
        let svg = try XMLDocument.parse(try Data(contentsOf: URL(fileURLWithPath: svgPath)), source: svgPath)
        func lines(_ id: String) throws -> [String] {
            try svg.select("//s:g[@id='\(id)']/s:text", namespaces: Self.svgNamespace).map(\.text)
        }
        #expect(Self.number(in: try lines("box-identified"), startingWith: "Total identified") == update.retrieved)
        #expect(Self.number(in: try lines("box-identified"), startingWith: "Databases") == update.retrieved)
        #expect(Self.number(in: try lines("box-screened"), startingWith: "Records screened") == update.new)
        #expect(Self.number(in: try lines("box-previous"), startingWith: "Records found by") == first.new)
        // `run` deduplicates every run, so the removed box has real numbers: the 12 records are 12 studies, 9 of
        // them already in the previous version.
        #expect(Self.number(in: try lines("box-removed"), startingWith: "Duplicate records removed") == 0)
        #expect(
            Self.number(in: try lines("box-removed"), startingWith: "Records already in the previous version")
                == update.retrieved - update.new)

        // The page: the same numbers in its inline diagram and summary, and the three new records linked.
        let htmlPath = review.folder + "/report.html"
        let htmlResult = try litharvest(["report", "--config", review.config, "--run", "2", "--format", "html", "--output", htmlPath])
        #expect(htmlResult.status == 0, "\(htmlResult.stderr)")
        let page = try XMLDocument.parseHTML(try Data(contentsOf: URL(fileURLWithPath: htmlPath)), source: htmlPath)
        let inline = try page.select("//svg//g[@id='box-identified']/text").map(\.text)
        #expect(Self.number(in: inline, startingWith: "Total identified") == update.retrieved)
        let screened = try page.select("//svg//g[@id='box-screened']/text").map(\.text)
        #expect(Self.number(in: screened, startingWith: "Records screened") == update.new)
        let items = try page.select("//ol[@class='records']/li")
        #expect(items.count == update.new)
        let pubmedLinks = try page.select("//ol[@class='records']/li/a[starts-with(@href, 'https://pubmed.ncbi.nlm.nih.gov/3900000')]")
        #expect(pubmedLinks.count == 3)
        #expect(try page.select("//script").isEmpty)

        // Rendered: not blank, and the diagram's colours are on screen.
        guard !Self.skipBrowser else { return }
        let chromium = try #require(
            Self.chromiumPath(),
            "chromium not found: install Debian's chromium (apt-get install -y chromium; CI's .ci/run does) or set LITHARVEST_SKIP_BROWSER_TESTS=1 to skip this test locally")
        let png = review.folder + "/report.png"
        try Self.screenshot(chromium: chromium, page: htmlPath, png: png, profile: review.folder + "/chromium-profile")
        let stats = try Self.pixelStatistics(png: png)
        #expect(stats["width"] as? Int == 1200)
        #expect(stats["height"] as? Int == 1600)
        #expect((stats["distinct"] as? Int ?? 0) > 20, "a blank or single-colour screenshot: \(stats)")
        #expect((stats["nonwhite"] as? Int ?? 0) > 20_000, "almost nothing drawn: \(stats)")
        let near = stats["near"] as? [String: Int] ?? [:]
        #expect((near[Self.stageBarColour] ?? 0) > 500, "the diagram's stage bars are not on screen: \(stats)")
        #expect((near[Self.headerColour] ?? 0) > 500, "the diagram's column headers are not on screen: \(stats)")
    }

    /// A Korean review: the real RISS Excel export imported under a Korean query (search names are ASCII by
    /// the config's rules), so the search log and the page hold a Korean review title, query and record titles. The Markdown and HTML must carry them unchanged, the
    /// HTML must tag them `lang="ko"`, and Chromium must draw them with a Korean font (fonts-noto-cjk): the
    /// page printed to PDF embeds Noto Sans CJK KR, which it does only when it drew Hangul with it.
    @Test func koreanSearchLogAndTitlesRenderWithAKoreanFont() throws {
        let folder = NSTemporaryDirectory() + "litharvest-korean-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/harvest.yaml"
        let query = "근육내자극 OR \"intramuscular stimulation\""
        try """
            review: 근육내자극 치료의 체계적 문헌고찰
            databases:
              riss: { endpoint: 'http://127.0.0.1:9/', requests_per_second: 50 }
            searches:
              - name: ims_ko
                notes: 근육내자극 검색 (Korean strategy)
                queries:
                  riss: '\(query)'

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let imported = try litharvest([
            "import", "--config", config, "--database", "riss", "--search", "ims_ko", "--query", query,
            "--date", "2025-08-12", fixtureFile("riss/riss_excel_export_20250812152237.xls"),
        ])
        #expect(imported.status == 0, "\(imported.stderr)")

        let markdown = try litharvest(["report", "--config", config, "--format", "md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("search \"ims_ko\""), "\(markdown.stdout.prefix(2_000))")
        #expect(markdown.stdout.contains("# Search log: 근육내자극 치료의 체계적 문헌고찰"))
        #expect(markdown.stdout.contains(query))
        #expect(markdown.stdout.contains("RISS"))

        let htmlPath = folder + "/report.html"
        let html = try litharvest(["report", "--config", config, "--format", "html", "--output", htmlPath])
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(page.contains("<pre lang=\"ko\">근육내자극 OR &quot;intramuscular stimulation&quot;</pre>"))
        #expect(page.contains("<span class=\"title\" lang=\"ko\">"))
        #expect(page.contains("근육내자극 치료의 체계적 문헌고찰"))
        #expect(!page.contains("\u{FFFD}"))

        guard !Self.skipBrowser else { return }
        let chromium = try #require(Self.chromiumPath(), "chromium not found (apt-get install -y chromium; CI's .ci/run does)")
        let pdf = folder + "/report.pdf"
        let printed = try Self.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder)/profile",
                "--print-to-pdf=\(pdf)", URL(fileURLWithPath: htmlPath).absoluteString,
            ], timeout: 120)
        #expect(printed.status == 0, "chromium: \(printed.stderr.suffix(2_000))")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        // Font names in a PDF's font descriptors are plain ASCII (`/FontName /AAAAAA+NotoSansCJKkr-Regular`).
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.contains("NotoSansCJKkr"),
            "the Korean text was not drawn with Noto Sans CJK KR: install fonts-noto-cjk (CI's .ci/run does)")
    }

    static func chromiumPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["LITHARVEST_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func screenshot(chromium: String, page: String, png: String, profile: String) throws {
        let result = try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(profile)", "--screenshot=\(png)", "--window-size=1200,1600",
                URL(fileURLWithPath: page).absoluteString,
            ], timeout: 120)
        #expect(result.status == 0, "chromium: \(result.stderr.suffix(2_000))")
        #expect(FileManager.default.fileExists(atPath: png), "chromium wrote no screenshot: \(result.stderr.suffix(2_000))")
    }

    static func pixelStatistics(png: String) throws -> [String: Any] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Readers/png_stats.py").path
        let result = try run("/usr/bin/python3", [script, png, stageBarColour, headerColour], timeout: 300)
        #expect(result.status == 0, "png_stats.py: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Runs a helper program with a deadline, collecting its output.
    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = Box()
        let errData = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        _ = group.wait(timeout: .now() + 5)
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self))
    }
}
