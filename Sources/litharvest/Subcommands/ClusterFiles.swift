import ArgumentParser
import Foundation
import LitharvestCore
import LitharvestDedup

/// The CSV files `dedup` reads and writes.
enum ClusterFiles {
    /// `record_id,cluster_id`, one row per record in input order; a cluster's id is its representative's id.
    static func writeClusters(_ result: DedupResult, records: [Record], to path: String) throws {
        var file = try QuotedCSVFile(path: path)
        try file.row(["record_id", "cluster_id"], quoted: false)
        for (index, record) in records.enumerated() {
            let representative = result.clusters[result.clusterOfRecord[index]].representative
            try file.row(record.nativeID, records[representative].nativeID)
        }
        try file.close()
    }

    /// The maybe pairs side by side, with an empty `decision` column for the reviewer to fill.
    static func writeMaybePairs(_ result: DedupResult, records: [Record], to path: String) throws {
        var file = try QuotedCSVFile(path: path)
        try file.row(
            ["first", "second", "decision", "reason"] + sideBySideColumns.flatMap { ["first_\($0)", "second_\($0)"] },
            quoted: false)
        for pair in result.maybePairs {
            try file.row(fields(records[pair.first], records[pair.second], reason: pair.reason))
        }
        try file.close()
    }
}

extension ClusterFiles {
    /// The fields a reviewer compares, each as a `first_…` and a `second_…` column.
    static let sideBySideColumns = ["title", "year", "authors", "journal", "volume", "issue", "pages", "doi"]

    /// One maybe-pair row's fields (a separate function: the optimizer of Swift 6.3.1 crashes on it inlined).
    private static func fields(_ a: Record, _ b: Record, reason: String) -> [String] {
        var fields: [String] = [a.nativeID, b.nativeID, "", reason]
        let left = comparedFields(a)
        let right = comparedFields(b)
        for index in left.indices {
            fields.append(left[index])
            fields.append(right[index])
        }
        return fields
    }

    /// `record`'s values in the order of ``sideBySideColumns``.
    private static func comparedFields(_ record: Record) -> [String] {
        [
            record.title ?? "", record.year.map { String($0) } ?? "",
            record.authors.map(\.displayName).joined(separator: "; "), record.journal ?? record.journalAbbreviation ?? "",
            record.volume ?? "", record.issue ?? "", record.pages ?? record.articleNumber ?? "", record.doi ?? "",
        ]
    }
}

/// A CSV file written row by row through a buffer, so a million-row file is neither one giant string nor a
/// million small writes.
struct QuotedCSVFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data().write(to: url)
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one row, each field in quotes (quotes inside doubled) unless `quoted` is false (a header).
    mutating func row(_ fields: [String], quoted: Bool = true) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if quoted { appendQuoted(field) } else { buffer.append(contentsOf: field.utf8) }
        }
        try endRow()
    }

    /// Appends a row of two quoted fields (no array to build for each of a million rows).
    mutating func row(_ first: String, _ second: String) throws {
        appendQuoted(first)
        buffer.append(UInt8(ascii: ","))
        appendQuoted(second)
        try endRow()
    }

    private mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is left and closes the file.
    mutating func close() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll()
        try handle.close()
    }

    private mutating func appendQuoted(_ field: String) {
        let quote = UInt8(ascii: "\"")
        buffer.append(quote)
        if field.utf8.contains(quote) {
            for byte in field.utf8 {
                buffer.append(byte)
                if byte == quote { buffer.append(quote) }
            }
        } else {
            buffer.append(contentsOf: field.utf8)
        }
        buffer.append(quote)
    }
}

/// Reads decisions (`first,second,decision` with `same` or `different`) taken on a maybe-pair file.
enum DecisionFile {
    /// Decisions with each id resolved to its record's database (ids are unique across the input files).
    static func read(_ path: String, records: [Record]) throws -> [PairDecision] {
        var databaseOf: [String: String] = [:]
        for record in records { databaseOf[record.nativeID] = record.database }
        func key(_ id: String) -> RecordKey { RecordKey(database: databaseOf[id] ?? "", nativeID: id) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(path): no such readable file")
        }
        var decisions: [PairDecision] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
            let fields = CSVField.split(String(line))
            guard fields.count >= 3 else { throw ValidationError("\(path):\(number + 1): expected first,second,decision") }
            switch fields[2].lowercased() {
            case "same": decisions.append(PairDecision(key(fields[0]), key(fields[1]), same: true))
            case "different": decisions.append(PairDecision(key(fields[0]), key(fields[1]), same: false))
            case "": continue
            default: throw ValidationError("\(path):\(number + 1): decision must be 'same' or 'different', not '\(fields[2])'")
            }
        }
        return decisions
    }
}

/// Splits a line of the CSV files above (quoted fields, doubled quotes).
enum CSVField {
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { current.append(character) }
            } else if character == "\"" { inQuotes = true } else if character == "," {
                fields.append(current); current = ""
            } else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
