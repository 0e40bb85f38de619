import Foundation
import LitharvestCore
package import LitharvestModel

/// Reads saved `openapicall.do` answers (plain or gzip) (`litharvest parse --database scienceon FILE`).
package struct ScienceONFileParser: RecordFileParser {
    /// Creates the parser.
    package init() {}

    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let response: ScienceONResponse
        do {
            response = try KoreanAPIFile.withRoot(ofFile: path, roots: ["MetaData"], database: "ScienceON") {
                try ScienceONResponse.parse(root: $0, location: path)
            }
        } catch let error as ScienceONResponse.StatusError {
            throw error.connectorError
        }
        for record in response.records { try emit(record) }
        var diagnostics = response.diagnostics
        diagnostics.append(Diagnostic(
            .note, "ScienceON reported \(response.totalCount) records for the saved search", location: path))
        return ParseReport(recordsRead: response.records.count, diagnostics: diagnostics)
    }
}
