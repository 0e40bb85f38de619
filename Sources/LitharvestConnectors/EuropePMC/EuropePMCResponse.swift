import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reads a EuropePMC response of the placeholder shape
/// `<results total="N"><record id="…"><title>…</title><year>…</year></record>…</results>` into records;
/// anything else (an HTML page, another XML document, malformed XML) is a ``ConnectorError``.
///
/// TODO: replace the root check, the XPath and the field mapping with the real response format (for JSON,
/// decode with JSONDecoder instead of XMLDocument; for large answers, stream with ``XMLRecordStream``).
struct EuropePMCResponseParser: RecordFileParser {
    /// One response page.
    struct Page {
        /// The hit count the response states, if it states one.
        var total: Int?
        /// Records in response order.
        var records: [Record]
        /// Records skipped and other problems.
        var diagnostics: [Diagnostic]
    }

    /// Parses one response body.
    ///
    /// - Throws: ``ConnectorError/Kind/unexpectedResponse`` for anything but a `<results>` document.
    func parse(_ data: Data, source: String) throws -> Page {
        if let page = XMLAnswerCheck.htmlAnswer(data) {
            throw ConnectorError(.unexpectedResponse, "received \(page.named) instead of a europepmc response", location: source)
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, source: source)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: source)
        }
        // TODO: the real root element, and how the database reports an error inside an HTTP 200.
        guard let root = document.root, root.localName == "results" else {
            throw ConnectorError(
                .unexpectedResponse, "expected <results>, got <\(document.root?.localName ?? "nothing")>",
                location: source)
        }
        var total: Int?
        if let text = root.attribute("total") {
            guard let value = Int(text), value >= 0 else {
                throw ConnectorError(.unexpectedResponse, "<results total=\"\(text)\"> is not a count", location: source)
            }
            total = value
        }

        var page = Page(total: total, records: [], diagnostics: [])
        for node in try document.select("/results/record") {
            let location = "\(source):\(node.line)"
            guard let id = node.attribute("id")?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty
            else {
                page.diagnostics.append(Diagnostic(.warning, "record without an id skipped", location: location))
                continue
            }
            // TODO: map every field the database gives (authors, journal, DOI, abstract, …) and set `url`.
            var record = Record(database: EuropePMCConnector.descriptor.id, nativeID: id, title: try node.text("title"))
            if let year = try node.text("year") {
                if let value = Int(year) {
                    record.date = PublicationDate(year: value)
                } else {
                    page.diagnostics.append(
                        Diagnostic(.warning, "record \(id): year '\(year)' is not a number", location: location))
                }
            }
            page.records.append(record)
        }
        return page
    }

    /// Parses a saved response (`litharvest parse`, `import`).
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        // TODO: read gzip-compressed files too, and stream (XMLStreamReader) if exports can be large.
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConnectorError(.unexpectedResponse, "cannot read the file: \(error.localizedDescription)", location: path)
        }
        let page = try parse(data, source: path)
        for record in page.records { try emit(record) }
        return ParseReport(recordsRead: page.records.count, diagnostics: page.diagnostics)
    }
}
