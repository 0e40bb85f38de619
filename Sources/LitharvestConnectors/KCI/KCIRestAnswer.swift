import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// One answer of KCI's REST Open API (`articleSearch`, `articleDetail`): `MetaData/outputData` with
/// `result/total` (or `result/resultMsg`) and `record`s. The echoed `inputData` (which holds the key) is
/// never read.
struct KCIRestAnswer {
    /// `result/total`.
    var total: Int?
    /// `result/resultMsg`: "No Data" for zero hits, otherwise a message such as an unregistered key.
    var resultMessage: String?
    /// An `<error>` element's text, a shape older guides show.
    var errorText: String?
    var records: [Record] = []
    /// Records that could not be read, each with its line.
    var skipped: [Diagnostic] = []

    /// Whether KCI said the search matched nothing.
    var isNoData: Bool {
        resultMessage.map { $0.lowercased().replacingOccurrences(of: " ", with: "") == "nodata" } ?? false
    }

    /// Reads an answer from `reader`.
    ///
    /// - Throws: ``ConnectorError`` for malformed XML or a document that is not a `MetaData` answer.
    static func read(_ reader: XMLStreamReader, source: String, database: String) throws -> KCIRestAnswer {
        var answer = KCIRestAnswer()
        try XMLRecordStream.read(
            reader, source: source, elements: ["result", "record", "error"], roots: ["MetaData"],
            expected: "a KCI MetaData answer"
        ) { node, location in
            switch node.localName {
            case "result":
                answer.total = Normalize.text(node.child("total")?.rawText).flatMap { Int($0) } ?? answer.total
                answer.resultMessage = Normalize.text(node.child("resultMsg")?.rawText) ?? answer.resultMessage
            case "error":
                answer.errorText = Normalize.text(node.rawText) ?? "an empty <error> element"
            default:
                guard let article = node.child("articleInfo") else {
                    answer.skipped.append(Diagnostic(.warning, "record skipped: it has no <articleInfo>", location: location))
                    return
                }
                do {
                    answer.records.append(try KCIArticleMapper.record(
                        journal: node.child("journalInfo"), article: article, database: database))
                } catch let error as ConnectorError {
                    answer.skipped.append(Diagnostic(.warning, "record skipped: \(error.message)", location: location))
                }
            }
        }
        return answer
    }

    /// The warnings the answer carries.
    ///
    /// - Throws: ``ConnectorError`` when KCI reported an error in the body (an unregistered key, a quota)
    ///   or the answer has neither a total nor records; "No Data" is zero hits, not an error. Messages pass
    ///   through `redactor`, because KCI echoes the request (key included) in some error envelopes.
    func check(source: String, redactor: SecretRedactor) throws -> [Diagnostic] {
        if let errorText {
            throw ConnectorError(.databaseError, "KCI answered with an error: \(redactor.redact(text: errorText))", location: source)
        }
        var diagnostics = skipped
        if let resultMessage, !isNoData {
            let message = redactor.redact(text: resultMessage)
            guard !records.isEmpty else {
                let hint = message.lowercased().contains("key") ? " (check KCI_API_KEY)" : ""
                throw ConnectorError(.databaseError, "KCI answered: \(message)\(hint)", location: source)
            }
            diagnostics.append(Diagnostic(.warning, "KCI said: \(message)", location: source))
        }
        if total == nil, records.isEmpty, !isNoData {
            throw ConnectorError(
                .unexpectedResponse, "the answer has neither <total> nor records nor a resultMsg", location: source)
        }
        return diagnostics
    }
}
