import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestFormats

/// `litharvest export`: a run's records (or only its new ones) in the formats reviewers import elsewhere.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a run's records as RIS, MEDLINE (nbib), BibTeX, CSL-JSON, CSV or JSONL.",
        discussion: """
            Exports every record the run saw (default: the latest finished run), or with --new only the \
            records first seen in it. --split N writes files of at most N records each (Covidence imports \
            at most 15,000 per file): name-001.ris, name-002.ris, …
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("run"), help: "The run to export (default: the latest finished run).")
    var runID: Int64?

    @Flag(help: "Only the records first seen in the run (the records to screen).")
    var new = false

    @Option(help: "Only records of this search.")
    var search: String?

    @Flag(help: "One record per duplicate cluster: its representative, completed from the other members, with every member's database and id among its identifiers.")
    var clusters = false

    @Option(help: "Record format: \(OutputFormat.allCases.filter { $0 != .table }.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat

    @Option(name: .shortAndLong, help: "Write to this file (required with --split) instead of standard output.")
    var output: String?

    @Option(help: "At most this many records per file.")
    var split: Int?

    func validate() throws {
        if format == .table { throw ValidationError("--format table is for the terminal; choose a file format") }
        if let split {
            guard split >= 1 else { throw ValidationError("--split must be at least 1") }
            guard output != nil else { throw ValidationError("--split needs --output (the files are named after it)") }
        }
        if clusters, search != nil {
            throw ValidationError("--clusters exports whole studies across searches; it cannot be combined with --search")
        }
    }

    func run() throws {
        let context = try options.loadContext()
        try Failure.mapped(command: "export") { try context.requireSearch(search) }
        let store = try options.openStore(context)
        let summary = try Failure.mapped(command: "export") {
            try ReviewContext.resolveRun(runID, in: store, command: "export")
        }
        let records = try RunRecords.selected(
            clusters ? .clusters(newOnly: new) : .records(newOnly: new), runID: summary.id, search: search, in: store)
        let files = try RunRecords.write(
            records, format: format, to: output, split: split, labels: context.registry.databaseLabels)
        if format == .nbib, records.contains(where: { $0.pmid == nil }) {
            Console.error("note: records without a PMID are written with an AID line only; tools that expect PMID- may skip them")
        }
        let what = new ? "new record(s)" : "record(s)"
        Console.error(
            "\(records.count) \(what) of run \(summary.id) as \(format.rawValue)"
                + (files.isEmpty ? "" : " → " + files.joined(separator: ", ")))
    }
}
