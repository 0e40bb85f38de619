import Foundation
import LitharvestCore
import LitharvestModel

/// Reads one answer of Europe PMC's REST `search` (`format=json`, `resultType=core` or `lite`):
/// `{version, hitCount, nextCursorMark, request, resultList: {result: [...]}}`.
///
/// Europe PMC reports some errors with HTTP 200, and each is a ``ConnectorError``, never zero hits: an
/// `errCode`/`errMsg` body (an empty query, a page size over 1,000), the bare `{"version": …}` envelope it sends
/// when it drops a request it cannot run (an unknown `sort` field, a bad cursor), and anything that is not such an
/// object (an HTML page, malformed JSON).
struct EuropePMCResponseParser: RecordFileParser {
    /// One answer.
    struct Page {
        /// `hitCount`: the records the whole search matches.
        var total: Int
        /// `nextCursorMark`: the cursor of the next page; Europe PMC repeats the cursor sent, or leaves it out,
        /// on the last page.
        var nextCursor: String?
        /// Records in answer order.
        var records: [Record]
        /// Records skipped and other problems, each with where.
        var diagnostics: [Diagnostic]
    }

    /// Parses one answer body; `source` names it (the redacted URL or a file path) in errors.
    ///
    /// - Throws: ``ConnectorError/Kind/databaseError`` for an `errMsg` answer,
    ///   ``ConnectorError/Kind/unexpectedResponse`` for anything that is not a search answer.
    func parse(_ data: Data, source: String) throws -> Page {
        if let page = XMLAnswerCheck.htmlAnswer(data) {
            throw ConnectorError(
                .unexpectedResponse, "received \(page.named) instead of a Europe PMC JSON answer", location: source)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConnectorError(
                .unexpectedResponse, "not a Europe PMC JSON answer (malformed JSON): \(Self.snippet(data))",
                location: source)
        }
        guard let answer = object as? [String: Any] else {
            throw ConnectorError(
                .unexpectedResponse, "not a Europe PMC search answer (not a JSON object): \(Self.snippet(data))",
                location: source)
        }
        if let message = JSONValue.string(answer["errMsg"]) ?? JSONValue.string(answer["errCode"]).map({ "error code \($0)" }) {
            let code = JSONValue.string(answer["errCode"]).map { " (errCode \($0))" } ?? ""
            throw ConnectorError(.databaseError, "Europe PMC rejected the request: \(message)\(code)", location: source)
        }
        guard let hitValue = answer["hitCount"] else {
            let hint =
                answer["version"] != nil && answer["resultList"] == nil
                ? "Europe PMC answered with its bare {\"version\"} envelope, which it sends when it drops a request "
                    + "it cannot run (an unknown sort field, an invalid cursorMark)"
                : "the answer has no hitCount"
            throw ConnectorError(.unexpectedResponse, "\(hint): \(Self.snippet(data))", location: source)
        }
        guard let total = hitValue as? Int, total >= 0 else {
            throw ConnectorError(.unexpectedResponse, "hitCount \(hitValue) is not a count", location: source)
        }
        let results: [[String: Any]]
        if let list = answer["resultList"] {
            guard let container = list as? [String: Any] else {
                throw ConnectorError(.unexpectedResponse, "resultList is not an object", location: source)
            }
            results = JSONValue.objects(container["result"])
        } else {
            results = []
        }
        if total > 0, answer["resultList"] == nil {
            throw ConnectorError(
                .unexpectedResponse, "hitCount is \(total) but the answer has no resultList", location: source)
        }

        var page = Page(
            total: total, nextCursor: JSONValue.string(answer["nextCursorMark"]), records: [], diagnostics: [])
        for (index, result) in results.enumerated() {
            do {
                page.records.append(try EuropePMCRecordMapper.record(result))
            } catch let error as ConnectorError {
                page.diagnostics.append(Diagnostic(
                    .warning, "result \(index + 1) skipped: \(error.message)", location: source))
            }
        }
        return page
    }

    /// Parses a saved answer (`litharvest parse --database europepmc FILE`).
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let data = try SavedJSONAnswer.contents(ofFile: path, database: "Europe PMC")
        let page = try parse(data, source: path)
        for record in page.records { try emit(record) }
        var diagnostics = page.diagnostics
        diagnostics.append(Diagnostic(
            .note, "Europe PMC reported \(page.total) records for the saved search; the file holds \(page.records.count)",
            location: path))
        return ParseReport(recordsRead: page.records.count, diagnostics: diagnostics)
    }

    /// The first characters of a body, for messages.
    static func snippet(_ data: Data) -> String {
        let text = Normalize.text(String(decoding: data.prefix(200), as: UTF8.self)) ?? "an empty body"
        return data.count > 200 ? text + "…" : text
    }
}

/// Reading values out of `JSONSerialization` objects.
enum JSONValue {
    /// A string or number as trimmed text; nil for anything else or empty text.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: Normalize.text(text)
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// A whole number given as a number or as digits.
    static func integer(_ value: Any?) -> Int? {
        if let number = value as? Int { return number }
        return string(value).flatMap { Int($0) }
    }

    /// The objects of a list that Europe PMC writes as an array, or as one object when it holds one.
    static func objects(_ value: Any?) -> [[String: Any]] {
        if let list = value as? [Any] { return list.compactMap { $0 as? [String: Any] } }
        if let single = value as? [String: Any] { return [single] }
        return []
    }

    /// The objects under `object[outer][inner]`, as in `{"authorList": {"author": [...]}}`.
    static func objects(_ object: [String: Any], _ outer: String, _ inner: String) -> [[String: Any]] {
        objects((object[outer] as? [String: Any])?[inner])
    }

    /// The strings under `object[outer][inner]`, as in `{"keywordList": {"keyword": ["a", "b"]}}`.
    static func strings(_ object: [String: Any], _ outer: String, _ inner: String) -> [String] {
        let value = (object[outer] as? [String: Any])?[inner]
        if let list = value as? [Any] { return list.compactMap { string($0) } }
        return string(value).map { [$0] } ?? []
    }
}
