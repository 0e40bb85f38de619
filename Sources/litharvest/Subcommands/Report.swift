import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestHTTP
import LitharvestStore

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json, html, svg
    }

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("run"), help: "The run to report (default: the latest finished run).")
    var runID: Int64?

    @Option(help: "md, json, svg (flow diagram) or html (report page).")
    var format: Format = .md

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let review = try options.loadConfig()
        let store = try options.openStore(for: review)
        let summary = try options.resolveRun(runID, in: store, command: "report")
        var newCounts: [String: Int] = [:]
        for job in summary.jobs { newCounts[SearchLog.key(job.report.search, job.report.database)] = job.newCount }
        let registry = try options.registry()
        let dedup = try store.dedupSummary(runID: summary.id)
        var log = SearchLog(
            review: summary.review, run: summary.id, runStatus: summary.status.rawValue, startedAt: summary.startedAt,
            toolVersion: summary.toolVersion, reports: summary.jobs.map(\.report), newCounts: newCounts,
            labels: registry.databaseLabels)
        if let dedup {
            log.recordDeduplication(
                method: dedup.method, identified: dedup.identified, duplicatesRemoved: dedup.duplicatesRemoved,
                unique: dedup.unique, newUnique: dedup.newClusters, previousUnique: dedup.previousUnique)
        }
        let text: String
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
        case .md:
            text = log.markdown
        case .svg:
            text = PrismaFlowDiagram(
                flow: try prismaFlow(of: summary, in: store, log: log, dedup: dedup, labels: registry.databaseLabels)
            ).svgDocument
        case .html:
            // One record per new study when the run has been deduplicated (as `new` lists them), so the list
            // matches the diagram's "records screened".
            let newRecords = try store.newClusterRecords(runID: summary.id) ?? store.newRecords(runID: summary.id)
            let flow = try prismaFlow(
                of: summary, in: store, log: log, dedup: dedup, labels: registry.databaseLabels,
                newRecords: newRecords.count)
            let redactor = SecretRedactor(values: configuredKeys(review))
            text = HTMLReport(
                log: log, flow: flow, newRecords: newRecords, labels: registry.databaseLabels,
                redact: { redactor.redact(text: $0) }
            ).html
        }
        let sink = try output.map { try FileSink(path: $0) } ?? FileSink()
        try sink.write(text)
        try sink.close()
    }

    /// The flow numbers of `summary`: from its deduplication when the run has been deduplicated, otherwise from
    /// its jobs and the store (duplicates "not determined"; the previous version is every earlier run that counts
    /// as history, and its records are the records those runs saw first, each new in exactly one).
    private func prismaFlow(
        of summary: RunSummary, in store: HarvestStore, log: SearchLog, dedup: RunDedupSummary?, labels: DatabaseLabels,
        newRecords: Int? = nil
    ) throws -> PrismaFlow {
        let earlier = try store.runs().filter { $0.id < summary.id && $0.status.isHistory }.sorted { $0.id < $1.id }
        if let dedup {
            return try PrismaFlow(
                review: summary.review, run: summary.id, searchedAt: log.startedAt, reports: summary.jobs.map(\.report),
                dedup: dedup,
                previousRuns: earlier.map(\.id), labels: labels)
        }
        let previous = earlier.isEmpty
            ? nil
            : PrismaFlow.PreviousVersion(
                runs: earlier.map(\.id), records: try earlier.reduce(0) { $0 + (try store.newRecords(runID: $1.id).count) })
        return try PrismaFlow(
            review: summary.review, run: summary.id, searchedAt: log.startedAt, reports: summary.jobs.map(\.report),
            newRecords: try newRecords ?? store.newRecords(runID: summary.id).count, previous: previous,
            labels: labels)
    }

    /// The API keys the environment holds for the review's databases, so the page can never carry one.
    private func configuredKeys(_ review: ReviewConfig) -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let registry = (try? options.registry()) ?? ConnectorRegistry.builtIn
        var variables = Set(registry.ids.compactMap { registry[$0]?.descriptor.key?.environmentVariable })
        for settings in review.databases.values { if let variable = settings.apiKeyVariable { variables.insert(variable) } }
        return variables.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
