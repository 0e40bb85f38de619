import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// Reads saved OAI-PMH answers (`ListRecords` or `GetRecord` pages, plain or gzip) with a mapper
/// (`litharvest parse`). A protocol error in the file is an error naming the file and the code; deleted
/// records are listed as notes.
package struct OAIPMHFileParser: RecordFileParser {
    /// Reads the metadata format of the files.
    package let mapper: any OAIMetadataMapper
    /// The connector id records are labelled with.
    package let database: String

    /// Creates a parser.
    package init(database: String, mapper: any OAIMetadataMapper) {
        self.database = database
        self.mapper = mapper
    }

    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(fileAtPath: path)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: path)
        }
        let page = try OAIPMHPage.read(reader, source: path, mapper: mapper, database: database, emit: emit)
        return try Self.report(page, source: path, emit: emit)
    }

    /// Emits a page's kept records and reports every record read, deleted and skipped.
    ///
    /// - Throws: ``ConnectorError`` for a protocol error other than `noRecordsMatch`.
    static func report(_ page: OAIPMHPage, source: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let errors = page.errors.filter { $0.code != "noRecordsMatch" }
        if !errors.isEmpty {
            throw ConnectorError(
                .databaseError, "OAI-PMH error " + errors.map(\.description).joined(separator: "; "), location: source)
        }
        for record in page.records { try emit(record) }
        var report = ParseReport(recordsRead: page.records.count + page.emitted, diagnostics: page.skipped)
        report.diagnostics += page.deleted.map {
            Diagnostic(.note, "deleted in the repository: \($0.identifier)", location: source)
        }
        return report
    }
}
