import ArgumentParser
import Foundation
import LitharvestApp

/// `litharvest new`: the records to screen — first seen in the latest run (or a given one).
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List records first seen in the latest finished run (the records to screen).",
        discussion: """
            A record is new when no earlier complete or incomplete run saw it (interrupted runs do not count, so \
            nothing is lost for screening). --changed lists records whose content changed since the last run \
            that saw them; --gone lists records a full re-run no longer returns (failed jobs report nothing gone).
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "Only records of this search.")
    var search: String?

    @Option(name: .customLong("run"), help: "The run to look at (default: the latest finished run; see `litharvest snapshots`).")
    var runID: Int64?

    @Flag(help: "List records whose content changed instead.")
    var changed = false

    @Flag(help: "List records the run no longer returned instead.")
    var gone = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if changed && gone { throw ValidationError("choose one of --changed and --gone") }
    }

    func run() throws {
        let context = try options.loadContext()
        try Failure.mapped(command: "new") { try context.requireSearch(search) }
        let store = try options.openStore(context)
        let summary = try Failure.mapped(command: "new") { try ReviewContext.resolveRun(runID, in: store, command: "new") }
        let listing: RunRecords.Listing = changed ? .changed : gone ? .gone : .new
        let records = try RunRecords.listed(listing, runID: summary.id, search: search, in: store)
        let what = changed ? "changed" : gone ? "no longer returned" : "new"
        let sink = try output.makeSink()
        var writer = output.makeWriter(into: sink, registry: context.registry)
        try writer.begin()
        for record in records { try writer.write(record) }
        try writer.finish()
        let started = ISO8601DateFormatter().string(from: summary.startedAt)
        let line = "\(records.count) \(what) record(s) in run \(summary.id) (\(started), \(summary.status.rawValue))"
            + (search.map { ", search \($0)" } ?? "")
        if output.format.isMachineReadable || output.output != nil {
            try sink.close()
            Console.error(line)
        } else {
            try sink.write((records.isEmpty ? "" : "\n") + line + "\n")
            try sink.close()
        }
    }
}
