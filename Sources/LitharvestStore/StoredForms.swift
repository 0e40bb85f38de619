import Crypto
import Foundation
import GRDB
import LitharvestModel

/// A record as stored: its compact encoding (``RecordEncoding``) and the SHA-256 of its canonical JSON (sorted
/// keys), the content hash every version of the store has used.
struct EncodedRecord: Sendable {
    var database: String
    var nativeID: String
    var content: [UInt8]
    var hash: String

    init(_ record: LitharvestModel.Record) throws {
        database = record.database
        nativeID = record.nativeID
        content = RecordEncoding.encode(record)
        hash = ContentHash.hexDigest(try CanonicalJSON.encode(record))
    }
}

/// The content hash the store keeps: SHA-256 (swift-crypto's) in lowercase hex.
enum ContentHash {
    static func hexDigest(_ bytes: some DataProtocol) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(SHA256.byteCount * 2)
        for byte in SHA256.hash(data: bytes) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The one JSON form the store writes, so equal values always give equal bytes (and hashes).
enum CanonicalJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}

/// A job report as the `jobs` table's columns (after `run_id`).
struct JobColumns {
    var arguments: StatementArguments

    init(_ report: JobReport) throws {
        let diagnostics = String(decoding: try CanonicalJSON.encode(report.diagnostics), as: UTF8.self)
        let windows = String(decoding: try CanonicalJSON.encode(report.windows), as: UTF8.self)
        arguments = [
            report.search, report.database, report.status.rawValue, report.reason, report.reportedCount,
            report.retrievedCount, report.querySent, report.queryTranslation, diagnostics,
            report.windowFrom?.description, report.windowUntil?.description, windows, report.isFullSearch,
            report.startedAt.timeIntervalSince1970, report.finishedAt.timeIntervalSince1970,
            report.connectorVersion,
        ]
    }

    /// Rebuilds the report from a `jobs` row.
    static func report(from row: Row) throws -> JobReport {
        let id: Int64 = row["id"]
        let statusText: String = row["status"]
        guard let status = JobReport.Status(rawValue: statusText) else {
            throw StoredFormError(message: "job \(id) has unknown status '\(statusText)'")
        }
        let decoder = JSONDecoder()
        let diagnosticsText: String = row["diagnostics"]
        let windowsText: String = row["windows"]
        let diagnostics: [Diagnostic]
        let windows: [DateWindow]
        do {
            diagnostics = try decoder.decode([Diagnostic].self, from: Data(diagnosticsText.utf8))
            windows = try decoder.decode([DateWindow].self, from: Data(windowsText.utf8))
        } catch {
            throw StoredFormError(message: "job \(id) has unreadable diagnostics or windows: \(error)")
        }
        return JobReport(
            search: row["search"], database: row["database"], status: status, reason: row["reason"],
            reportedCount: row["reported_count"], retrievedCount: row["retrieved_count"],
            querySent: row["query_sent"], queryTranslation: row["query_translation"], diagnostics: diagnostics,
            windowFrom: try date(row, "window_from", job: id), windowUntil: try date(row, "window_until", job: id),
            windows: windows, isFullSearch: row["is_full_search"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            finishedAt: Date(timeIntervalSince1970: row["finished_at"]),
            connectorVersion: row["connector_version"])
    }

    private static func date(_ row: Row, _ column: String, job: Int64) throws -> SimpleDate? {
        guard let text: String = row[column] else { return nil }
        guard let date = SimpleDate(parsing: text) else {
            throw StoredFormError(message: "job \(job) has an unreadable \(column) '\(text)'")
        }
        return date
    }
}

/// Stored data this version cannot read back.
struct StoredFormError: Error {
    var message: String
}
