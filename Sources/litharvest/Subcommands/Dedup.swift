import ArgumentParser
import Foundation
import LitharvestCore
import LitharvestDedup

/// `litharvest dedup`: clusters the records of export files, writing one cluster id per record.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster duplicate records across databases.",
        discussion: """
            Standalone: reads records from files and writes clusters.csv (record_id,cluster_id, one row per \
            input record; a record's id is its id in the file) and, with --maybe, the pairs left for a \
            person to judge. --decisions reads earlier judgements (first,second,decision with decision \
            same or different) and respects them.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "Files to read.")
    var input: [String] = []

    @Option(name: .long, help: "Input format: jsonl (litharvest records, one JSON object per line).")
    var format: String = "jsonl"

    @Option(name: .long, help: "Where to write clusters.csv.")
    var output: String?

    @Option(name: .long, help: "Where to write the maybe pairs (CSV).")
    var maybe: String?

    @Option(name: .long, help: "Earlier decisions on maybe pairs (CSV: first,second,decision).")
    var decisions: String?

    func validate() throws {
        if input.isEmpty { throw ValidationError("name at least one file with --input") }
        if output == nil { throw ValidationError("--output is required") }
        guard Self.formats.contains(format) else {
            throw ValidationError("unknown --format '\(format)'; known: \(Self.formats.joined(separator: ", "))")
        }
    }

    static let formats = ["jsonl"]

    func run() throws {
        var records: [Record] = []
        for file in input {
            records += try RecordLines.read(file)
        }
        let known = try decisions.map { try DecisionFile.read($0, records: records) } ?? []
        let started = Date()
        let result = Deduplicator(decisions: known).cluster(records)
        let seconds = Date().timeIntervalSince(started)
        guard let output else { return }
        try ClusterFiles.writeClusters(result, records: records, to: output)
        if let maybe { try ClusterFiles.writeMaybePairs(result, records: records, to: maybe) }
        Console.error(
            "\(records.count) records → \(result.clusters.count) clusters (\(result.duplicatesRemoved) duplicates), "
                + "\(result.maybePairs.count) maybe pairs, \(String(format: "%.2f", seconds)) s")
    }
}

/// Reads litharvest's JSON-lines record files (what `--format jsonl` writes).
enum RecordLines {
    static func read(_ path: String) throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): no such readable file")
        }
        let decoder = JSONDecoder()
        var records: [Record] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            do {
                records.append(try decoder.decode(Record.self, from: Data(line)))
            } catch {
                throw ValidationError("\(path):\(lineNumber): not a litharvest record (\(error))")
            }
        }
        if records.isEmpty { throw ValidationError("\(path): no records") }
        return records
    }
}
