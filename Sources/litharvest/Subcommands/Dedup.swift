import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestFormats
import LitharvestModel

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

    @Option(name: .long, help: "Input format: csljson, ris, csv, endnote-xml (others LitharvestFormats reads), or jsonl; detected when omitted.")
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
        if let format, format != FileDedup.jsonLines, ImportFormat(name: format) == nil {
            throw ValidationError(
                "unknown --format '\(format)'; known: jsonl, \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        if review { return try runReview() }
        var records: [Record] = []
        for file in input {
            let read = try Failure.mapped(command: "dedup") {
                try FileDedup.records(of: file, format: format) { Console.error("\(file): \($0)") }
            }
            // Assigned rather than appended when it is the first file: appending copies every record.
            if records.isEmpty { records = read } else { records += read }
        }
        let known = try Failure.mapped(command: "dedup") {
            try decisions.map { try FileDedup.decisions(in: $0, records: records) } ?? []
        }
        let started = Date()
        let result = FileDedup.cluster(records, decisions: known)
        let seconds = Date().timeIntervalSince(started)
        guard let output else { return }
        try FileDedup.writeClusters(result, records: records, to: output)
        if let maybe { try FileDedup.writeMaybePairs(result, records: records, to: maybe) }
        Console.error(
            "\(records.count) records → \(result.clusters.count) clusters (\(result.duplicatesRemoved) duplicates), "
                + "\(result.maybePairs.count) maybe pairs, dedup \(String(format: "%.2f", seconds)) s")
    }

    private func runReview() throws {
        let context = try options.loadContext()
        let store = try options.openStore(context)
        let review = MaybePairReview(store: store)
        let decided = try DedupReviewPrompt(review: review).run()
        DedupReviewPrompt.say("\(decided) decision(s) stored.")
        if decided > 0, let (runID, summary) = try review.recluster() {
            DedupReviewPrompt.say(
                "Run \(runID) re-clustered: \(summary.unique) unique, \(summary.duplicatesRemoved) duplicates removed.")
        }
    }
}
