import ArgumentParser
import Foundation
import LitharvestCore
import LitharvestDedup

/// The CSV files `dedup` reads and writes.
enum ClusterFiles {
    /// `record_id,cluster_id`, one row per record in input order; a cluster's id is its representative's id.
    static func writeClusters(_ result: DedupResult, records: [Record], to path: String) throws {
        var text = "record_id,cluster_id\n"
        for (index, record) in records.enumerated() {
            let cluster = result.clusters[result.clusterOfRecord[index]]
            text += CSVField.quoted(record.nativeID) + "," + CSVField.quoted(records[cluster.representative].nativeID) + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The maybe pairs side by side, with an empty `decision` column for the reviewer to fill.
    static func writeMaybePairs(_ result: DedupResult, records: [Record], to path: String) throws {
        var text = "first,second,decision,reason," + sideBySideColumns.flatMap { ["first_\($0)", "second_\($0)"] }
            .joined(separator: ",") + "\n"
        for pair in result.maybePairs {
            text += row(records[pair.first], records[pair.second], reason: pair.reason)
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

extension ClusterFiles {
    /// The fields a reviewer compares, each as a `first_…` and a `second_…` column.
    static let sideBySideColumns = ["title", "year", "authors", "journal", "volume", "issue", "pages", "doi"]

    /// One maybe-pair line (a separate function: the optimizer of Swift 6.3.1 crashes on it inlined).
    private static func row(_ a: Record, _ b: Record, reason: String) -> String {
        var fields: [String] = [a.nativeID, b.nativeID, "", reason]
        let left = comparedFields(a)
        let right = comparedFields(b)
        for index in left.indices {
            fields.append(left[index])
            fields.append(right[index])
        }
        return fields.map { CSVField.quoted($0) }.joined(separator: ",") + "\n"
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

/// Minimal CSV quoting for the files above (always quoted, doubled quotes).
enum CSVField {
    static func quoted(_ value: String) -> String { "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

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
