import Foundation
import LitharvestCore
package import LitharvestModel

/// Reads saved NAL answers, plain or gzip (`searchservice/basic|detail`, `detailinfoservice/detail`) for
/// `litharvest parse --database nal FILE`.
package struct NALFileParser: RecordFileParser {
    /// Creates the parser.
    package init() {}

    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let response: NALResponse
        do {
            response = try KoreanAPIFile.withRoot(
                ofFile: path, roots: ["response", "OpenAPI_ServiceResponse"], database: "NAL"
            ) { try NALResponse.parse(root: $0, location: path, expectTotal: false) }
        } catch let error as NALResponse.GatewayError {
            throw error.connectorError
        }
        if response.records.isEmpty, response.total == nil {
            throw ConnectorError(
                .unexpectedResponse, "the file holds no NAL records and no total (a detailinfoservice/toc answer?)",
                location: path)
        }
        for record in response.records { try emit(record) }
        var diagnostics = response.diagnostics
        if let total = response.total {
            diagnostics.append(Diagnostic(.note, "NAL reported \(total) records for the saved search", location: path))
        }
        return ParseReport(recordsRead: response.records.count, diagnostics: diagnostics)
    }
}
