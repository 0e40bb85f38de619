import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// One response of a declarative connector, read: the total it reported, its records and the next
/// cursor. Reading applies the spec's error rules first, so an error body is never taken for 0 hits.
struct DeclarativePage {
    var total: Int?
    var records: [Record]
    var cursor: String?
    var diagnostics: [Diagnostic]

    /// Reads `body` as `spec` describes.
    ///
    /// - Parameters:
    ///   - status: The HTTP status, or nil for a saved file.
    ///   - location: The (redacted) URL or file path, for messages.
    /// - Throws: ``ConnectorError``: `databaseError` (or the rule's kind) when an error rule matches or the
    ///   status is not 2xx, `unexpectedResponse` when the body is not what the spec describes.
    static func read(_ body: Data, status: Int?, spec: ConnectorSpec, location: String) throws -> DeclarativePage {
        let name = spec.descriptor.name
        let root: SourceNode
        do {
            switch spec.response.format {
            case .json:
                root = .json(try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]))
            case .xml, .html:
                let parsed =
                    spec.response.format == .xml
                    ? try XMLDocument.parse(body, source: location) : try XMLDocument.parseHTML(body, source: location)
                // The node keeps its document alive.
                guard let top = parsed.root else { throw XMLError(kind: .malformed, message: "no root element") }
                root = .xml(top, namespaces: spec.response.namespaces)
            }
        } catch {
            if let status, !(200..<300).contains(status) {
                throw ConnectorError(.databaseError, "\(name) answered HTTP \(status)", location: location)
            }
            throw ConnectorError(
                .unexpectedResponse,
                "\(name) sent a body that is not \(spec.response.format.rawValue.uppercased()) "
                    + "(\(error)); it begins: \(Self.preview(body))", location: location)
        }
        for rule in spec.response.errors {
            let found = try root.strings(rule.path).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            guard let value = found.first(where: { rule.values.isEmpty || rule.values.contains($0) }) else { continue }
            let message = try rule.message.map { try root.strings($0).joined(separator: "; ") } ?? ""
            throw ConnectorError(
                rule.kind,
                "\(name) reported an error at \(rule.path): \(value)" + (message.isEmpty ? "" : " — \(message)"),
                location: location)
        }
        if let status, !(200..<300).contains(status) {
            throw ConnectorError(.databaseError, "\(name) answered HTTP \(status)", location: location)
        }

        let nodes = try root.nodes(spec.response.records)
        var total: Int?
        if let totalPath = spec.paging.total {
            if let text = try root.strings(totalPath).first?.trimmingCharacters(in: .whitespaces) {
                guard let number = Int(text.replacingOccurrences(of: ",", with: "")), number >= 0 else {
                    throw ConnectorError(
                        .unexpectedResponse, "the total at \(totalPath) is '\(text)', not a count", location: location)
                }
                total = number
            } else if spec.paging.totalRequired {
                throw ConnectorError(
                    .unexpectedResponse,
                    "\(name)'s answer has no total at \(totalPath), which every answer of it carries (a real "
                        + "zero-hit answer says 0), so it is not taken for 0 hits; the body: "
                        + Self.preview(body, limit: 400), location: location)
            } else if nodes.isEmpty && spec.response.absentRecordsMeanNoHits {
                total = 0
            } else {
                throw ConnectorError(
                    .unexpectedResponse, "\(name)'s answer has no total at \(totalPath)", location: location)
            }
        }
        if nodes.isEmpty && !spec.response.absentRecordsMeanNoHits && (total ?? 1) > 0 {
            throw ConnectorError(
                .unexpectedResponse,
                "\(name)'s answer has no records at \(spec.response.records)"
                    + (total.map { " although it reports \($0) hits" } ?? "")
                    + "; if that is how it says 'no hits', declare `empty: records_absent` in \(spec.sourcePath)",
                location: location)
        }

        let mapper = try RecordMapper(spec: spec)
        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        for (index, node) in nodes.enumerated() {
            if let record = try mapper.record(from: node) {
                records.append(record)
            } else {
                let paths = spec.fields.rules[.nativeID]?.paths.map(\.description).joined(separator: ", ") ?? ""
                diagnostics.append(Diagnostic(
                    .warning, "record \(index + 1) has no native id (\(paths)); skipped", location: location))
            }
        }
        let cursor = try spec.paging.cursor.flatMap { try root.strings($0).first }
        return DeclarativePage(total: total, records: records, cursor: cursor, diagnostics: diagnostics)
    }

    /// The first characters of a body, for messages about bodies of the wrong kind.
    static func preview(_ body: Data, limit: Int = 120) -> String {
        let text = String(decoding: body.prefix(limit), as: UTF8.self).collapsingWhitespace()
        return text.isEmpty ? "(empty)" : "'\(text)'"
    }
}
