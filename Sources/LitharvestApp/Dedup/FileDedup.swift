import Foundation
package import LitharvestDedup
import LitharvestFormats
package import LitharvestModel

/// `litharvest dedup --input …`: clusters the records of export files, outside any review store, and writes
/// `clusters.csv` (`record_id,cluster_id`) and the maybe pairs for a person.
package enum FileDedup {
    /// The input format name of litharvest's JSON lines (what `--format jsonl` writes).
    package static let jsonLines = "jsonl"

    /// The records of `file` in `format` (jsonl, an ``ImportFormat`` name, or nil: jsonl for `.jsonl` files,
    /// else detected); `onDiagnostic` hears the importer's skipped records.
    ///
    /// - Throws: ``UsageProblem`` for an unreadable file or one without records.
    package static func records(
        of file: String, format: String?, onDiagnostic: (Diagnostic) -> Void
    ) throws -> [Record] {
        if format == jsonLines || format == nil && file.hasSuffix(".jsonl") {
            let records: [Record]
            do {
                records = try JSONLinesReader.records(atPath: file)
            } catch {
                throw UsageProblem(error.description)
            }
            if records.isEmpty { throw UsageProblem("\(file): no records") }
            return records
        }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw UsageProblem("\(file): no such readable file")
        }
        let parser = ImportParser(database: "input", format: format.flatMap(ImportFormat.init(name:)))
        let (records, report) = try parser.records(atPath: file)
        report.diagnostics.forEach(onDiagnostic)
        if records.isEmpty { throw UsageProblem("\(file): no records") }
        return records
    }

    /// Clusters `records`, respecting `decisions`.
    package static func cluster(_ records: [Record], decisions: [PairDecision]) -> DedupResult {
        Deduplicator(decisions: decisions).cluster(records)
    }

    /// `record_id,cluster_id`, one row per record in input order; a cluster's id is its representative's id.
    package static func writeClusters(_ result: DedupResult, records: [Record], to path: String) throws {
        var file = try CSVFileWriter(path: path)
        try file.row(["record_id", "cluster_id"], quoted: false)
        for (index, record) in records.enumerated() {
            let representative = result.clusters[result.clusterOfRecord[index]].representative
            try file.row(record.nativeID, records[representative].nativeID)
        }
        try file.close()
    }

    /// The maybe pairs side by side, with an empty `decision` column for the reviewer to fill.
    package static func writeMaybePairs(_ result: DedupResult, records: [Record], to path: String) throws {
        var file = try CSVFileWriter(path: path)
        try file.row(
            ["first", "second", "decision", "reason"] + sideBySideColumns.flatMap { ["first_\($0)", "second_\($0)"] },
            quoted: false)
        for pair in result.maybePairs {
            try file.row(fields(records[pair.first], records[pair.second], reason: pair.reason))
        }
        try file.close()
    }

    /// Decisions taken on a maybe-pair file (`first,second,decision` with `same` or `different`), each id
    /// resolved to its record's database (ids are unique across the input files).
    ///
    /// - Throws: ``UsageProblem`` naming the file and line of a row that is not a decision.
    package static func decisions(in path: String, records: [Record]) throws -> [PairDecision] {
        var databaseOf: [String: String] = [:]
        for record in records { databaseOf[record.nativeID] = record.database }
        func key(_ id: String) -> RecordKey { RecordKey(database: databaseOf[id] ?? "", nativeID: id) }
        guard FileManager.default.isReadableFile(atPath: path), let text = try? ImportText(contentsOfFile: path) else {
            throw UsageProblem("\(path): no such readable file")
        }
        var decisions: [PairDecision] = []
        for row in try CSVTable.rows(text, delimiter: ",").dropFirst() {
            let fields = row.fields
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count >= 3 else { throw UsageProblem("\(path):\(row.line): expected first,second,decision") }
            switch fields[2].lowercased() {
            case "same": decisions.append(PairDecision(key(fields[0]), key(fields[1]), same: true))
            case "different": decisions.append(PairDecision(key(fields[0]), key(fields[1]), same: false))
            case "": continue
            default:
                throw UsageProblem("\(path):\(row.line): decision must be 'same' or 'different', not '\(fields[2])'")
            }
        }
        return decisions
    }

    /// The fields a reviewer compares, each as a `first_…` and a `second_…` column.
    /// The other-language title and the romanised names come last, so a Korean pair can be told apart by
    /// its English title too.
    static let sideBySideColumns = [
        "title", "year", "authors", "journal", "volume", "issue", "pages", "doi", "other_title", "authors_romanised",
    ]

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
            record.otherTitle ?? "",
            record.authors.map { $0.alternateNames.first ?? "" }.contains { !$0.isEmpty }
                ? record.authors.map { $0.alternateNames.first ?? "" }.joined(separator: "; ") : "",
        ]
    }
}
