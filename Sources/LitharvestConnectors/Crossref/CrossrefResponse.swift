import Foundation
import LitharvestCore
import LitharvestModel

/// Reads Crossref REST API answers: a `/works` page (`"message-type": "work-list"`) or a saved
/// `/works/{doi}` answer (`"work"`). Crossref's error envelopes are errors, never zero hits: a
/// `validation-failure` (HTTP 400: `"status": "failed"`, a list of `{type, value, message}`), an `exception`
/// (HTTP 500: `"status": "error"`, `{name, description, message}`) and any status other than `ok`, whatever
/// the HTTP status they came with; so is an HTML page, JSON that is not an answer, or one without its count.
struct CrossrefResponseParser: RecordFileParser {
    /// One answer.
    struct Page {
        /// `total-results` (1 for a single work).
        var total: Int
        /// The cursor for the next page, when Crossref gave one.
        var nextCursor: String?
        /// How many items the answer held, records or not.
        var itemCount: Int
        /// Records in answer order.
        var records: [Record]
        /// Items skipped and other problems.
        var diagnostics: [Diagnostic]
    }

    /// Parses one answer body.
    ///
    /// - Throws: ``ConnectorError/Kind/databaseError`` for Crossref's error envelopes,
    ///   ``ConnectorError/Kind/unexpectedResponse`` for anything that is not a Crossref answer.
    func parse(_ data: Data, source: String) throws -> Page {
        if let page = XMLAnswerCheck.htmlAnswer(data) {
            throw ConnectorError(.unexpectedResponse, "received \(page.named) instead of a Crossref answer", location: source)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConnectorError(.unexpectedResponse, "not a Crossref answer: the body is not JSON", location: source)
        }
        guard let answer = object as? [String: Any] else {
            throw ConnectorError(.unexpectedResponse, "not a Crossref answer: no JSON object", location: source)
        }
        if let failure = Self.failure(in: answer) {
            throw ConnectorError(.databaseError, "Crossref reported an error: \(failure)", location: source)
        }
        let type = answer["message-type"] as? String
        switch type {
        case "work-list":
            guard let message = answer["message"] as? [String: Any] else {
                throw ConnectorError(.unexpectedResponse, "a Crossref work-list without its message", location: source)
            }
            guard let total = message["total-results"] as? Int, total >= 0 else {
                throw ConnectorError(.unexpectedResponse, "a Crossref work-list without total-results", location: source)
            }
            guard let items = message["items"] as? [Any] else {
                throw ConnectorError(.unexpectedResponse, "a Crossref work-list without items", location: source)
            }
            var page = Page(
                total: total, nextCursor: Normalize.text(message["next-cursor"] as? String), itemCount: items.count,
                records: [], diagnostics: [])
            for (index, item) in items.enumerated() {
                read(item, index: index, source: source, into: &page)
            }
            return page
        case "work":
            guard let message = answer["message"] else {
                throw ConnectorError(.unexpectedResponse, "a Crossref work without its message", location: source)
            }
            var page = Page(total: 1, nextCursor: nil, itemCount: 1, records: [], diagnostics: [])
            read(message, index: 0, source: source, into: &page)
            return page
        default:
            throw ConnectorError(
                .unexpectedResponse,
                "not a Crossref works answer (message-type \(type.map { "'\($0)'" } ?? "missing"))", location: source)
        }
    }

    private func read(_ item: Any, index: Int, source: String, into page: inout Page) {
        guard let work = item as? [String: Any] else {
            page.diagnostics.append(Diagnostic(.warning, "item \(index + 1) is not a work; skipped", location: source))
            return
        }
        switch CrossrefWork.record(work, database: CrossrefConnector.descriptor.id) {
        case .success(let record): page.records.append(record)
        case .failure(let skipped):
            page.diagnostics.append(Diagnostic(.warning, "item \(index + 1): \(skipped.reason)", location: source))
        }
    }

    /// What a Crossref error envelope says, or nil when `answer` is no error.
    static func failure(in answer: [String: Any]) -> String? {
        let status = answer["status"] as? String
        guard let status, status != "ok" else { return nil }
        let type = answer["message-type"] as? String
        if let problems = answer["message"] as? [[String: Any]] {
            // validation-failure: [{type, value, message}, …]
            let lines = problems.map { problem in
                let text = Normalize.text(problem["message"] as? String) ?? "invalid request"
                let kind = (problem["type"] as? String).map { "\($0): " } ?? ""
                return kind + text
            }
            return "\(type ?? status): " + (lines.isEmpty ? "no detail" : lines.joined(separator: "; "))
        }
        if let exception = answer["message"] as? [String: Any] {
            // exception: {name, description, message, stack}
            let detail = [exception["message"], exception["description"], exception["name"]]
                .compactMap { Normalize.text($0 as? String) }.first ?? "no detail"
            return "\(type ?? status): \(detail)"
        }
        if let text = Normalize.text(answer["message"] as? String) { return "\(type ?? status): \(text)" }
        return "status '\(status)'" + (type.map { " (\($0))" } ?? "")
    }

    /// The error a body states, when it is a Crossref error envelope.
    static func failure(inBody body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body), let answer = object as? [String: Any] else {
            return nil
        }
        return failure(in: answer)
    }

    /// Parses a saved answer (`litharvest parse`, `import`).
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let data = try SavedJSONAnswer.contents(ofFile: path, database: "Crossref")
        let page = try parse(data, source: path)
        for record in page.records { try emit(record) }
        var diagnostics = page.diagnostics
        if let shortfall = SearchResult.Shortfall(
            retrieved: page.itemCount, reported: page.total, source: "Crossref", detail: "one saved page")
        {
            diagnostics.append(Diagnostic(.note, "this file is one page: \(shortfall)", location: path))
        }
        return ParseReport(recordsRead: page.records.count, diagnostics: diagnostics)
    }
}
