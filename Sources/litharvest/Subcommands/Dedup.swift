import ArgumentParser
import Foundation
import LitharvestCore
import LitharvestDedup
import LitharvestImport

/// `litharvest dedup`: clusters the records of export files (standalone), or reviews the maybe pairs of a
/// review's store.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster duplicate records across databases.",
        discussion: """
            Standalone: reads records from files and writes clusters.csv (record_id,cluster_id, one row per \
            input record; a record's id is its id in the file: CSL-JSON id, RIS ID/AN, CSV record_id or ID, \
            EndNote rec-number) and, with --maybe, the pairs left for a person (fill the decision column with \
            same or different and pass the file back with --decisions). With --review: shows the maybe pairs \
            of the review's store side by side and stores your decisions; every later run respects them.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Review the store's maybe pairs (same/different), then re-cluster the latest run.")
    var review = false

    @Option(name: .long, parsing: .upToNextOption, help: "Files to read.")
    var input: [String] = []

    @Option(name: .long, help: "Input format: csljson, ris, csv, endnote-xml (others LitharvestImport reads), or jsonl; detected when omitted.")
    var format: String?

    @Option(name: .long, help: "Where to write clusters.csv.")
    var output: String?

    @Option(name: .long, help: "Where to write the maybe pairs (CSV).")
    var maybe: String?

    @Option(name: .long, help: "Earlier decisions on maybe pairs (CSV: first,second,decision).")
    var decisions: String?

    func validate() throws {
        if review { return }
        if input.isEmpty { throw ValidationError("name at least one file with --input (or use --review)") }
        if output == nil { throw ValidationError("--output is required") }
        if let format, format != "jsonl", ImportFormat(name: format) == nil {
            throw ValidationError(
                "unknown --format '\(format)'; known: jsonl, \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        if review { return try runReview() }
        var records: [Record] = []
        for file in input {
            // Assigned rather than appended when it is the first file: appending copies every record.
            if records.isEmpty { records = try read(file) } else { records += try read(file) }
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
                + "\(result.maybePairs.count) maybe pairs, dedup \(String(format: "%.2f", seconds)) s")
    }

    private func read(_ file: String) throws -> [Record] {
        if format == "jsonl" || format == nil && file.hasSuffix(".jsonl") { return try RecordLines.read(file) }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ValidationError("\(file): no such readable file")
        }
        let parser = ImportParser(database: "input", format: format.flatMap(ImportFormat.init(name:)))
        let (records, report) = try parser.records(atPath: file)
        for diagnostic in report.diagnostics { Console.error("\(file): \(diagnostic)") }
        if records.isEmpty { throw ValidationError("\(file): no records") }
        return records
    }

    private func runReview() throws {
        let config = try options.loadConfig()
        let store = try options.openStore(for: config)
        let decided = try DedupReview(store: store).run()
        DedupReview.say("\(decided) decision(s) stored.")
        if decided > 0, let latest = try store.latestFinishedRun() {
            let summary = try store.deduplicate(runID: latest.id)
            DedupReview.say("Run \(latest.id) re-clustered: \(summary.unique) unique, \(summary.duplicatesRemoved) duplicates removed.")
        }
    }
}

/// Reads litharvest's JSON-lines record files (what `--format jsonl` writes).
enum RecordLines {
    static func read(_ path: String) throws -> [Record] {
        let records: [Record]
        do {
            records = try JSONLinesReader.records(atPath: path)
        } catch {
            throw ValidationError(error.description)
        }
        if records.isEmpty { throw ValidationError("\(path): no records") }
        return records
    }
}
