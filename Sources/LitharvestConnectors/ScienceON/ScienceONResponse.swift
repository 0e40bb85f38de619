import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// One `openapicall.do` answer: the summary, the records and the problems met mapping them. The
/// `parameterData` echo (client id, token, the query) is never read.
struct ScienceONResponse {
    /// `TotalCount`.
    var totalCount: Int
    /// `serviceDatatype` (논문, 보고서, …).
    var dataType: String?
    /// Records in answer order.
    var records: [Record]
    /// Records skipped, with why.
    var diagnostics: [Diagnostic]

    /// A `statusCode` other than 200 in an HTTP 200 answer.
    struct StatusError: Error {
        var code: String
        var message: String
        var location: String

        /// Whether the gateway refused the token as expired (so one refresh may cure it). The gateway's code
        /// table is not public: E4103 is the code clients report for an expired token, and any message
        /// that says so (만료, expired) counts too.
        var isTokenExpired: Bool {
            let lowered = message.lowercased()
            return code == "E4103" || lowered.contains("만료") || lowered.contains("expire")
        }

        var connectorError: ConnectorError {
            ConnectorError(
                .databaseError, "ScienceON answered statusCode \(code): \(message)", location: location)
        }
    }

    /// Parses an answer; `location` (already redacted) names it in errors.
    ///
    /// - Throws: ``StatusError`` for a gateway error envelope, ``ConnectorError`` for anything that is not
    ///   a ScienceON answer (HTML, JSON, a changed layout); never reads those as zero records.
    static func parse(_ body: Data, location: String) throws -> ScienceONResponse {
        let text = String(decoding: body.prefix(256), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") {
            throw ConnectorError(
                .unexpectedResponse,
                "ScienceON answered JSON instead of the XML search result: "
                    + SecretRedactor.standard.redact(text: String(decoding: body.prefix(300), as: UTF8.self)),
                location: location)
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(body, source: location)
        } catch {
            throw ConnectorError(.unexpectedResponse, "ScienceON answer is not well-formed XML: \(error)", location: location)
        }
        guard let root = document.root else {
            throw ConnectorError(.unexpectedResponse, "ScienceON answer has no root element", location: location)
        }
        return try parse(root: root, location: location)
    }

    /// Parses the answer's root element (which must be `MetaData`).
    static func parse(root: XMLNode, location: String) throws -> ScienceONResponse {
        guard root.localName == "MetaData" else {
            throw ConnectorError(
                .unexpectedResponse, "expected <MetaData>, got <\(root.localName)>", location: location)
        }
        let summary = root.child("resultSummary")
        let status = Normalize.text(summary?.child("statusCode")?.text)
        if let status, status != "200" {
            let messageNames = ["errorMessage", "errorMsg", "message", "resultMsg", "statusMessage"]
            let message = messageNames.lazy.compactMap { Normalize.text(summary?.child($0)?.text) }.first
                ?? messageNames.lazy.compactMap { Normalize.text(root.child($0)?.text) }.first ?? "no message"
            throw StatusError(code: status, message: message, location: location)
        }
        guard let summary, status != nil, let countText = Normalize.text(summary.child("TotalCount")?.text),
            let total = Int(countText)
        else {
            throw ConnectorError(
                .unexpectedResponse, "ScienceON answer has no resultSummary with statusCode and TotalCount",
                location: location)
        }
        var response = ScienceONResponse(
            totalCount: total, dataType: Normalize.text(summary.child("serviceDatatype")?.text), records: [],
            diagnostics: [])
        for record in root.child("recordList")?.children("record") ?? [] {
            let fields = ScienceONFields(record)
            if let mapped = fields.record() {
                response.records.append(mapped)
            } else {
                let row = record.attribute("rownum").map { " (rownum \($0))" } ?? ""
                response.diagnostics.append(Diagnostic(
                    .warning, "skipped a ScienceON record without CN\(row)", location: "\(location):\(record.line)"))
            }
        }
        if total > 0, response.records.isEmpty, root.child("recordList") == nil {
            throw ConnectorError(
                .unexpectedResponse, "ScienceON reported \(total) records but the answer has no recordList",
                location: location)
        }
        return response
    }
}
