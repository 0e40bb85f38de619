import Foundation
import LitharvestCore
import LitharvestModel

/// Reads a saved response of a declarative connector (`litharvest parse --database nlk FILE`) with the
/// same rules as a live search, so an error body in a file is reported, not read as 0 records.
struct DeclarativeFileParser: RecordFileParser {
    let spec: ConnectorSpec

    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        guard var data = FileManager.default.contents(atPath: path) else {
            throw ConnectorError(.unexpectedResponse, "cannot read the file", location: path)
        }
        if data.starts(with: [0x1f, 0x8b]) {
            throw ConnectorError(.unexpectedResponse, "gzip files are not read for \(spec.descriptor.id) yet; gunzip it first", location: path)
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        let page = try DeclarativePage.read(data, status: nil, spec: spec, location: path)
        for record in page.records { try emit(record) }
        var diagnostics = page.diagnostics
        if let total = page.total, total > page.records.count {
            diagnostics.append(Diagnostic(
                .note, "the file holds \(page.records.count) of the \(total) records the search reported", location: path))
        }
        return ParseReport(recordsRead: page.records.count, diagnostics: diagnostics)
    }
}
