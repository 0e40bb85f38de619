import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// One OAI-PMH protocol error (`<error code="badArgument">…</error>`).
struct OAIPMHError: Hashable, CustomStringConvertible {
    var code: String
    var message: String

    var description: String { message.isEmpty ? code : "\(code): \(message)" }
}

/// A `<resumptionToken>` with the optional attributes repositories add.
struct ResumptionToken: Hashable {
    /// The token; empty on the last page of a list.
    var value: String
    /// The size of the whole list, when the repository says.
    var completeListSize: Int?
    /// How many records came before this page, when the repository says.
    var cursor: Int?
}

/// What one `ListRecords` (or saved) page holds, read with a streaming reader so a large saved file
/// stays flat in memory.
struct OAIPMHPage {
    /// Records mapped from their metadata (unless they went to the reader's `emit`).
    var records: [Record] = []
    /// Records handed to the reader's `emit` instead of being kept.
    var emitted = 0
    /// Headers marked `status="deleted"`.
    var deleted: [OAIRecordHeader] = []
    /// Records that could not be read, each with its line.
    var skipped: [Diagnostic] = []
    /// Protocol errors the answer carries.
    var errors: [OAIPMHError] = []
    /// The token for the next page, if any.
    var resumptionToken: ResumptionToken?

    /// Every `<record>` seen, deleted and skipped ones included: a page with none made no progress.
    var recordCount: Int { records.count + emitted + deleted.count + skipped.count }

    /// The token to ask for next, or nil on the last page.
    var nextToken: String? {
        guard let value = resumptionToken?.value.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Reads an OAI-PMH answer from `reader`, mapping each record's metadata with `mapper` into ``records``.
    ///
    /// - Throws: ``ConnectorError`` for malformed XML or a document that is not an `OAI-PMH` answer,
    ///   naming `source` and the line. Protocol errors are returned in ``errors`` for the caller to judge.
    static func read(
        _ reader: XMLStreamReader, source: String, mapper: any OAIMetadataMapper, database: String
    ) throws -> OAIPMHPage {
        var collected: [Record] = []
        var page = try read(reader, source: source, mapper: mapper, database: database) { collected.append($0) }
        page.records = collected
        page.emitted = 0
        return page
    }

    /// Reads an OAI-PMH answer from `reader`, handing each record to `emit` as soon as it is read, so a
    /// large saved file stays flat in memory (``records`` stays empty).
    ///
    /// - Throws: as the collecting variant, plus errors from `emit` unchanged.
    static func read(
        _ reader: XMLStreamReader, source: String, mapper: any OAIMetadataMapper, database: String,
        emit: (Record) throws -> Void
    ) throws -> OAIPMHPage {
        var page = OAIPMHPage()
        try XMLRecordStream.read(
            reader, source: source, elements: ["record", "error", "resumptionToken"], roots: ["OAI-PMH"],
            expected: "an OAI-PMH answer"
        ) { node, location in
            switch node.localName {
            case "error":
                page.errors.append(OAIPMHError(
                    code: node.attribute("code") ?? "unknown", message: Normalize.text(node.rawText) ?? ""))
            case "resumptionToken":
                page.resumptionToken = ResumptionToken(
                    value: node.rawText, completeListSize: node.attribute("completeListSize").flatMap { Int($0) },
                    cursor: node.attribute("cursor").flatMap { Int($0) })
            default:
                guard let record = page.read(record: node, location: location, mapper: mapper, database: database) else {
                    return
                }
                try XMLRecordStream.deliver(record, to: emit)
                page.emitted += 1
            }
        }
        return page
    }

    /// The record `node` holds; nil for a deleted or unreadable one, which is noted instead.
    private mutating func read(
        record node: XMLNode, location: String, mapper: any OAIMetadataMapper, database: String
    ) -> Record? {
        guard let headerNode = node.child("header"),
            let identifier = Normalize.text(headerNode.child("identifier")?.rawText)
        else {
            skipped.append(Diagnostic(.warning, "record skipped: it has no header identifier", location: location))
            return nil
        }
        let header = OAIRecordHeader(
            identifier: identifier, datestamp: Normalize.text(headerNode.child("datestamp")?.rawText),
            setSpecs: headerNode.children("setSpec").compactMap { Normalize.text($0.rawText) },
            isDeleted: headerNode.attribute("status")?.lowercased() == "deleted")
        if header.isDeleted {
            deleted.append(header)
            return nil
        }
        guard let metadata = node.child("metadata")?.children.first else {
            skipped.append(Diagnostic(.warning, "record \(identifier) skipped: it has no metadata", location: location))
            return nil
        }
        do {
            return try mapper.record(metadata: metadata, header: header, database: database)
        } catch let error as ConnectorError {
            skipped.append(Diagnostic(.warning, "record \(identifier) skipped: \(error.message)", location: location))
        } catch {
            skipped.append(Diagnostic(.warning, "record \(identifier) skipped: \(error)", location: location))
        }
        return nil
    }
}
