import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestFormats

/// Reads what a person saves from RISS: a result page (HTML, as the browser saved it) or the result
/// list's Excel export (`.xls`). The kind is told by content, not by file name.
package struct RISSFileParser: RecordFileParser {
    /// Creates the parser.
    package init() {}

    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConnectorError(.unexpectedResponse, "cannot read the file: \(error.localizedDescription)", location: path)
        }
        if ExcelWorkbook.looksLikeWorkbook(data) {
            let workbook: ExcelWorkbook
            do {
                workbook = try ExcelWorkbook(data: data, source: path)
            } catch {
                throw ConnectorError(.unexpectedResponse, "unreadable Excel file: \(error)", location: path)
            }
            return try RISSExcelExport.records(in: workbook, source: path, emit: emit)
        }
        if data.starts(with: [0x1F, 0x8B]) {
            throw ConnectorError(.unexpectedResponse, "gzip-compressed; decompress the RISS page first (gunzip)", location: path)
        }
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard head.contains("<html") || head.contains("<!doctype html") else {
            throw ConnectorError(
                .unexpectedResponse, "neither a RISS Excel export (.xls) nor a saved RISS result page (HTML)", location: path)
        }
        let page = try RISSSearchPage(html: data, location: path)
        for record in page.records { try emit(record) }
        var diagnostics = page.diagnostics
        diagnostics.append(Diagnostic(.note, "saved RISS page: \(page.total) hits reported, \(page.records.count) on the page", location: path))
        return ParseReport(recordsRead: page.records.count, diagnostics: diagnostics)
    }
}
