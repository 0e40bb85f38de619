import Foundation
import Testing

/// Every export format, written by the built binary from every connector's fixtures (Korean text, other-language
/// titles, native ids included), read back by independent readers (rispy, Biopython's Medline, bibtexparser 1.x,
/// Python's csv) and compared field by field with the lossless JSON Lines of the same records.
@Suite("exports of every connector's fixtures, read back by independent readers")
struct ExportReadBackTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Readers/roundtrip_fixtures.sh").path

    @Test func everyFixtureSurvivesEveryFormat() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script, executable("litharvest").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        // 23 fixtures of 10 databases × RIS, nbib, BibTeX, CSV and CSL-JSON.
        #expect(text.contains("115 passed, 0 failed"), "\(text)")
        #expect(text.contains("ok   kci-kci_oai_record_literal_ART001995054_xml csljson"))
        #expect(text.contains("ok   scienceon-scienceon_openapicall_search_REPORT_BI_surface_velocity_p1_r5_excerpt_xml nbib"))
        #expect(text.contains("ok   riss-riss_excel_export_20250812152237_xls bibtex"))
        #expect(text.contains("ok   kci-kci_oai_listrecords_oai_kci_sample_xml ris"))
    }
}
