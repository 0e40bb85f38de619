import Foundation
import LitharvestCore
import LitharvestModel

/// Reads OpenAlex answers: a list page of `/works` (`{"meta": {"count", "next_cursor", …}, "results": [work…]}`)
/// or a single work (`/works/W…`, the work object itself). Anything else is a ``ConnectorError``, never zero
/// records: an HTML page, a body that is not JSON, JSON of another shape, and OpenAlex's own error answer
/// `{"error": "…", "message": "…"}`, which it sends with 400, 403 or 404 and, for some queries (wildcards in
/// `search`), with HTTP 200.
struct OpenAlexResponseParser: RecordFileParser {
    /// One answer.
    struct Page {
        /// `meta.count`: the works matching the query (1 for a single work).
        var total: Int
        /// `meta.next_cursor`: the cursor of the next page, nil on the last one (and without cursor paging).
        var nextCursor: String?
        /// Works in answer order.
        var records: [Record]
        /// Works skipped and other problems.
        var diagnostics: [Diagnostic]
    }

    /// Parses one answer body; `status` is the HTTP status it came with.
    ///
    /// - Throws: ``ConnectorError/Kind/databaseError`` for OpenAlex's error answer,
    ///   ``ConnectorError/Kind/unexpectedResponse`` for anything else that is not a works answer.
    func parse(_ data: Data, source: String, status: Int = 200) throws -> Page {
        if let page = XMLAnswerCheck.htmlAnswer(data) {
            throw ConnectorError(
                .unexpectedResponse, "received \(page.named) (HTTP \(status)) instead of an OpenAlex answer",
                location: source, httpStatus: status == 200 ? nil : status)
        }
        guard !data.isEmpty else {
            throw ConnectorError(.unexpectedResponse, "empty answer (HTTP \(status))", location: source)
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConnectorError(
                .unexpectedResponse, "the answer (HTTP \(status)) is not JSON: \(Self.opening(data))", location: source,
                httpStatus: status == 200 ? nil : status)
        }
        guard let root = json as? [String: Any] else {
            throw ConnectorError(.unexpectedResponse, "the answer is JSON but not an object", location: source)
        }
        if let error = Self.errorAnswer(root) {
            throw ConnectorError(
                .databaseError, "OpenAlex answered HTTP \(status): \(error)", location: source,
                httpStatus: status == 200 ? nil : status)
        }
        guard (200..<300).contains(status) else {
            throw ConnectorError(
                .databaseError, "OpenAlex answered HTTP \(status) without its error fields: \(Self.opening(data))",
                location: source, httpStatus: status)
        }
        if root["results"] == nil, root["meta"] == nil, root["id"] != nil {
            return try single(root, source: source)
        }
        return try list(root, source: source)
    }

    /// A list page: `meta.count` and `results` are required, `next_cursor` is read when present.
    private func list(_ root: [String: Any], source: String) throws -> Page {
        guard let meta = root["meta"] as? [String: Any] else {
            throw ConnectorError(
                .unexpectedResponse, "no `meta` object: not an OpenAlex list answer (keys: "
                    + root.keys.sorted().prefix(8).joined(separator: ", ") + ")", location: source)
        }
        guard let total = OpenAlexWork.integer(meta["count"]), total >= 0 else {
            throw ConnectorError(.unexpectedResponse, "`meta.count` is missing or not a count", location: source)
        }
        guard let results = root["results"] as? [Any] else {
            throw ConnectorError(.unexpectedResponse, "no `results` array", location: source)
        }
        var page = Page(
            total: total, nextCursor: OpenAlexWork.string(meta["next_cursor"]), records: [], diagnostics: [])
        for (index, item) in results.enumerated() {
            let location = "\(source): results[\(index)]"
            guard let work = item as? [String: Any] else {
                page.diagnostics.append(Diagnostic(.warning, "an entry that is not a work object skipped", location: location))
                continue
            }
            switch OpenAlexWork.record(from: work) {
            case .success(let mapped):
                page.records.append(mapped.record)
                page.diagnostics += mapped.notes.map { Diagnostic(.warning, $0, location: location) }
            case .failure(let problem):
                page.diagnostics.append(Diagnostic(.warning, problem.message, location: location))
            }
        }
        return page
    }

    /// A single work (`/works/W…`).
    private func single(_ work: [String: Any], source: String) throws -> Page {
        switch OpenAlexWork.record(from: work) {
        case .success(let mapped):
            return Page(
                total: 1, nextCursor: nil, records: [mapped.record],
                diagnostics: mapped.notes.map { Diagnostic(.warning, $0, location: source) })
        case .failure(let problem):
            throw ConnectorError(.unexpectedResponse, problem.message, location: source)
        }
    }

    /// `error: message` when `root` is OpenAlex's error answer.
    static func errorAnswer(_ root: [String: Any]) -> String? {
        guard root["results"] == nil, let error = OpenAlexWork.string(root["error"]) else { return nil }
        guard let message = OpenAlexWork.string(root["message"]) else { return error }
        return "\(error) \(message)"
    }

    /// The first 120 characters of a body, for messages.
    static func opening(_ data: Data) -> String {
        let text = Normalize.text(String(decoding: data.prefix(120), as: UTF8.self)) ?? ""
        return data.count > 120 ? text + "…" : text
    }

    /// Parses a saved answer (`litharvest parse`, `import`): a list page or a single work, plain JSON.
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let data = try SavedJSONAnswer.contents(ofFile: path, database: "OpenAlex")
        let page = try parse(data, source: path)
        for record in page.records { try emit(record) }
        var diagnostics = page.diagnostics
        if page.records.count < page.total, page.total > 1 {
            diagnostics.append(Diagnostic(
                .note, "the file is one page: \(page.records.count) of the \(page.total) works OpenAlex reported",
                location: path))
        }
        return ParseReport(recordsRead: page.records.count, diagnostics: diagnostics)
    }
}
