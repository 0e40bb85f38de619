import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestFormats
import LitharvestModel
import Testing

/// What reading one file gave: the records, or the error that refused it.
private struct Outcome {
    var records: Int
    var diagnostics: [Diagnostic]
    var refusal: (any Error)?

    /// An error-severity diagnostic or a refused file: what makes `import` partial (or fail) and `parse` exit non-zero.
    var reportsLoss: Bool { refusal != nil || diagnostics.contains { $0.severity == .error } }
}

/// Reads `path` the way `litharvest import` / `parse` pick a parser: the shared importer for export
/// formats, PubMed's parser for PubMed XML, RISS's for Excel.
private func read(_ path: String) -> Outcome {
    do {
        let report: ParseReport
        switch try ImportFormat.detect(atPath: path) {
        case .pubmedXML:
            report = try PubMedArticleParser().parseFile(atPath: path) { _ in }
        case .xls:
            guard let parser = ConnectorRegistry.builtIn["riss"]?.fileParser else { throw FixtureMissing(name: "the RISS Excel parser") }
            report = try parser.parseFile(atPath: path) { _ in }
        case let format:
            report = try ImportParser(database: "test", format: format).parseFile(atPath: path) { _ in }
        }
        return Outcome(records: report.recordsRead, diagnostics: report.diagnostics)
    } catch {
        return Outcome(records: 0, diagnostics: [], refusal: error)
    }
}

/// Every fixture file of this target that litharvest reads completely (the real exports, Cochrane's,
/// PubMed's, RISS's Excel file, the EndNote XML and CSV benchmark inputs, the synthetic files that are
/// whole), with its record count.
private func readableFixtures() throws -> [(path: String, records: Int)] {
    let root = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures"))
    let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
    var files: [(String, Int)] = []
    for case let url as URL in enumerator where url.pathExtension != "md" {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
        let outcome = read(url.path)
        // Files that are broken on purpose (an unclosed quote, no final ER, garbage) are not whole files to cut.
        guard !outcome.reportsLoss, outcome.records > 0 else { continue }
        files.append((url.path, outcome.records))
    }
    return files.sorted { $0.0 < $1.0 }
}

/// The first `fraction` of `data`, moved back to the start of a UTF-8 (or UTF-16) character.
private func cut(_ data: Data, at fraction: Double, utf16: Bool) -> Data {
    var end = Int(Double(data.count) * fraction)
    if utf16 {
        end -= end % 2
    } else {
        while end > 0, end < data.count, data[data.startIndex + end] & 0xC0 == 0x80 { end -= 1 }
    }
    return data.prefix(end)
}

@Suite("Hostile and cut-short files")
struct HostileFileTests {
    @Test("every fixture cut at 10, 50 and 90 % is read whole or reported as cut short, never silently shorter")
    func truncatedFixtures() throws {
        let fixtures = try readableFixtures()
        // The formats the loop must cover; a fixture folder that lost its files would otherwise pass vacuously.
        let formats = Set(fixtures.compactMap { try? ImportFormat.detect(atPath: $0.path) })
        #expect(formats.isSuperset(of: [.ris, .medline, .bibtex, .csv, .endnoteXML, .pubmedXML, .xls]), "formats: \(formats)")
        #expect(fixtures.count >= 20)
        for (path, fullCount) in fixtures {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let utf16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
            let name = (path as NSString).lastPathComponent
            for fraction in [0.1, 0.5, 0.9] {
                let part = cut(data, at: fraction, utf16: utf16)
                let copy = try temporaryFile(name, part)
                let outcome = read(copy)
                let complete = outcome.records == fullCount && !outcome.reportsLoss
                let reported = outcome.reportsLoss
                #expect(
                    complete || reported,
                    "\(name) cut at \(Int(fraction * 100)) % (\(part.count) of \(data.count) bytes): \(outcome.records) of \(fullCount) records and no error"
                )
                #expect(outcome.records <= fullCount, "\(name) at \(Int(fraction * 100)) %: more records than the whole file")
                if reported, outcome.refusal == nil {
                    // The report names the file it read.
                    let error = try #require(outcome.diagnostics.first { $0.severity == .error })
                    #expect(error.location?.hasPrefix(copy) == true, "\(error)")
                }
            }
        }
    }

    @Test("a cut-short nbib, RIS, CSV, BibTeX and EndNote XML file each say where it stops")
    func cutShortMessages() throws {
        let medline = try temporaryFile("cut.nbib", "PMID- 1\nTI  - One\nSO  - J 2020\n\nPMID- 2\nTI  - Two\nSO  - J 2020\n\nPMID- 3\nTI  - Thr")
        let medlineReport = try ImportParser(database: "x").records(atPath: medline)
        #expect(medlineReport.records.count == 3)
        let medlineError = try #require(medlineReport.report.diagnostics.first { $0.severity == .error })
        #expect(medlineError.location == medline + ":10")
        #expect(medlineError.message.contains("cut short"))

        let ris = try temporaryFile("cut.ris", "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nAB  - An abstract that sto")
        let risReport = try ImportParser(database: "x").records(atPath: ris)
        #expect(risReport.records.count == 2)
        let risError = try #require(risReport.report.diagnostics.first { $0.severity == .error })
        #expect(risError.location == ris + ":5")
        #expect(risError.message.contains("cut short") && risError.message.contains("last line read 7"))

        let csv = try temporaryFile("cut.csv", "title,author,year\nOne,\"Smith, J\",2020\nTwo,\"Jones, K\",2021\nThree,\"Lee")
        let csvReport = try ImportParser(database: "x").records(atPath: csv)
        #expect(csvReport.records.count == 2)
        let csvError = try #require(csvReport.report.diagnostics.first { $0.severity == .error })
        #expect(csvError.location == csv + ":4")

        let shortRow = try temporaryFile("short.csv", "title,author,year\nOne,Smith J,2020\nTwo,Jones K,2021\nThree,Le")
        let shortReport = try ImportParser(database: "x").records(atPath: shortRow)
        #expect(shortReport.records.count == 3)
        #expect(shortReport.report.diagnostics.contains { $0.severity == .error && $0.location == shortRow + ":4" })

        let bib = try temporaryFile("cut.bib", "@article{a, title = {One}}\n@article{b,\n  title = {Two},\n  author = {Smi")
        let bibReport = try ImportParser(database: "x").records(atPath: bib)
        #expect(bibReport.records.count == 1)
        let bibError = try #require(bibReport.report.diagnostics.first { $0.severity == .error })
        #expect(bibError.message.contains("ends inside the entry that starts at line 2"))
        #expect(bibError.location?.hasPrefix(bib + ":") == true)

        let endnote = try temporaryFile(
            "cut.xml",
            "<?xml version=\"1.0\"?>\n<xml><records>\n<record><rec-number>1</rec-number><titles><title>One</title></titles></record>\n<record><rec-number>2</rec-number><titles><title>Tw"
        )
        let endnoteReport = try ImportParser(database: "x", format: .endnoteXML).records(atPath: endnote)
        #expect(endnoteReport.records.count == 1)
        let endnoteError = try #require(endnoteReport.report.diagnostics.first { $0.severity == .error })
        #expect(endnoteError.message.contains("breaks off after 1 records"))
        #expect(endnoteError.location?.hasPrefix(endnote) == true)
    }

    @Test("a whole nbib file from PubMed (no blank line after the last record, which ends with SO) is complete")
    func pubMedStyleEnd() throws {
        let path = try temporaryFile("pubmed.nbib", "\nPMID- 1\nTI  - One\nSO  - J 2020\n\nPMID- 2\nTI  - Two\nSO  - J 2021\n")
        let (records, report) = try ImportParser(database: "x").records(atPath: path)
        #expect(records.count == 2)
        #expect(!report.diagnostics.contains { $0.severity == .error })
    }

    @Test("a 1.7 KB @string bomb is refused with file:line, quickly and in little memory")
    func stringMacroBomb() throws {
        var text = "@string{a0 = \"x\"}\n"
        for level in 1...30 { text += "@string{a\(level) = a\(level - 1) # a\(level - 1)}\n" }
        text += "@article{bomb, title = a30, author = {Smith, John}}\n@article{fine, title = {A normal entry}}\n"
        #expect(text.utf8.count < 2_000)
        let path = try temporaryFile("bomb.bib", text)
        let started = Date()
        let (records, report) = try ImportParser(database: "x").records(atPath: path)
        #expect(Date().timeIntervalSince(started) < 10)
        // The normal entry is read; the one that uses the bomb is skipped with its line.
        #expect(records.map(\.nativeID) == ["fine"])
        let refusals = report.diagnostics.filter { $0.severity == .error }
        #expect(refusals.first?.location == path + ":22")
        #expect(refusals.first?.message.contains("@string a21 refused") == true)
        #expect(refusals.contains { $0.location == path + ":32" && $0.message.contains("a30") })
    }

    @Test("macros used over and over past 10 MB in all refuse the whole file with file:line")
    func expansionPerFile() throws {
        // a19 is half a megabyte: each use is within the per-value limit, together they pass 10 MB.
        var text = "@string{a0 = \"xy\"}\n"
        for level in 1...18 { text += "@string{a\(level) = a\(level - 1) # a\(level - 1)}\n" }
        for entry in 0..<30 { text += "@misc{e\(entry), note = a18}\n" }
        let path = try temporaryFile("many.bib", text)
        #expect(throws: ConnectorError.self) { try ImportParser(database: "x").records(atPath: path) }
        do {
            _ = try ImportParser(database: "x").records(atPath: path)
        } catch let error as ConnectorError {
            #expect(error.message.contains("more than 10 MB"))
            #expect(error.location?.hasPrefix(path + ":") == true)
        }
    }

    @Test("deeply nested LaTeX and a long braced author neither crash nor take long")
    func deepLaTeX() throws {
        let nested = String(repeating: "\\emph{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)
        let braced = "{" + String(repeating: "A", count: 300_000) + "}"
        let path = try temporaryFile("deep.bib", "@article{deep, title = {\(nested)}, author = {\(braced)}}\n")
        let started = Date()
        let (records, _) = try ImportParser(database: "x").records(atPath: path)
        // Generous for a debug build beside hundreds of parallel tests; unbounded nesting took minutes or crashed.
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(records.count == 1)
        #expect(records.first?.authors.first?.literal?.count == 300_000)
    }
}
