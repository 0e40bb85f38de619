import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestStore

/// `litharvest report`: the PRISMA-S search log of a run.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the PRISMA-S search log of a run (Markdown or JSON).",
        discussion: """
            One entry per database and search: database and platform, the query exactly as sent and as the \
            database translated it, limits and date windows, search date (UTC), counts reported, retrieved and \
            new, warnings, status. The PRISMA flow diagram and the HTML report (`--format html|svg`) have not \
            landed yet.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json, html, svg
    }

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("run"), help: "The run to report (default: the latest finished run).")
    var runID: Int64?

    @Option(help: "md or json.")
    var format: Format = .md

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if format == .html || format == .svg {
            throw ValidationError("--format \(format.rawValue): the PRISMA flow diagram and HTML report have not landed yet; use md or json")
        }
    }

    func run() throws {
        let review = try options.loadConfig()
        let store = try options.openStore(for: review)
        let summary = try options.resolveRun(runID, in: store, command: "report")
        var newCounts: [String: Int] = [:]
        for job in summary.jobs { newCounts[SearchLog.key(job.report.search, job.report.database)] = job.newCount }
        let log = SearchLog(
            review: summary.review, run: summary.id, runStatus: summary.status.rawValue, startedAt: summary.startedAt,
            toolVersion: summary.toolVersion, reports: summary.jobs.map(\.report), newCounts: newCounts,
            labels: try options.registry().databaseLabels)
        let text: String
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
        default:
            text = log.markdown
        }
        let sink = try output.map { try FileSink(path: $0) } ?? FileSink()
        try sink.write(text)
        try sink.close()
    }
}
