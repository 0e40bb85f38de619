import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reads saved KCI answers (plain or gzip): REST `articleSearch`/`articleDetail` (`MetaData`) and OAI-PMH
/// pages in `oai_kci` or `oai_dc`, told apart by their root and metadata elements.
struct KCIFileParser: RecordFileParser {
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let database = KCIConnector.standardDescriptor.id
        switch try Self.rootElement(path) {
        case "MetaData":
            let answer = try KCIRestAnswer.read(try Self.reader(path), source: path, database: database)
            let diagnostics = try answer.check(source: path, redactor: .standard)
            for record in answer.records { try emit(record) }
            return ParseReport(recordsRead: answer.records.count, diagnostics: diagnostics)
        case "OAI-PMH":
            let page = try OAIPMHPage.read(
                try Self.reader(path), source: path, mapper: KCIAnyFormatMapper(), database: database, emit: emit)
            return try OAIPMHFileParser.report(page, source: path, emit: emit)
        case let other:
            throw ConnectorError(
                .unexpectedResponse, "expected a KCI MetaData or OAI-PMH document, found <\(other ?? "")>",
                location: path)
        }
    }

    private static func reader(_ path: String) throws -> XMLStreamReader {
        do {
            return try XMLStreamReader(fileAtPath: path)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: path)
        }
    }

    /// The root element's name, read without reading the rest of the file.
    private static func rootElement(_ path: String) throws -> String? {
        struct Found: Error {}
        let peek = try reader(path)
        do {
            try peek.forEachElement(named: ["MetaData", "OAI-PMH"]) { _ in throw Found() }
        } catch is Found {
            // Stopped at the root on purpose.
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: path)
        }
        return peek.rootElementName
    }
}
