import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestFormats

/// `litharvest report`: the PRISMA-S search log of a run, its PRISMA 2020 flow diagram, or both in one HTML page.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the PRISMA-S search log (md, json), the PRISMA 2020 flow diagram (svg) or an HTML report of a run.",
        discussion: """
            The search log has one entry per database and search: database and platform, the query exactly as \
            sent and as the database translated it, limits and date windows, search date (UTC), counts reported, \
            retrieved and new, warnings, status. `--format svg` writes the PRISMA 2020 flow diagram with the \
            identification stage filled (the template for updated reviews when earlier runs exist); later \
            stages are left for the team. `--format html` writes one self-contained page: summary, diagram, \
            per-database table, search log and the run's new records with links.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("run"), help: "The run to report (default: the latest finished run).")
    var runID: Int64?

    @Option(help: "md, json, svg (flow diagram) or html (report page).")
    var format: RunReport.Format = .md

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let context = try options.loadContext()
        let store = try options.openStore(context)
        let summary = try Failure.mapped(command: "report") {
            try ReviewContext.resolveRun(runID, in: store, command: "report")
        }
        let text = try RunReport(context: context, store: store).text(of: summary, as: format)
        let sink = try output.map { try FileSink(path: $0) } ?? FileSink()
        try sink.write(text)
        try sink.close()
    }
}

extension RunReport.Format: ExpressibleByArgument {}
