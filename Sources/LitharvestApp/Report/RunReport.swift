import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel
import LitharvestReport
package import LitharvestStore

/// `litharvest report`: a run's PRISMA-S search log, its PRISMA 2020 flow diagram, or both in one HTML page.
package struct RunReport {
    /// What to write.
    package enum Format: String, Sendable, CaseIterable {
        /// The search log as Markdown.
        case md
        /// The search log as JSON.
        case json
        /// One self-contained HTML page: summary, diagram, per-database table, search log, new records.
        case html
        /// The PRISMA 2020 flow diagram.
        case svg
    }

    /// The review.
    package var context: ReviewContext
    /// Its store.
    package var store: HarvestStore

    /// Creates the use case.
    package init(context: ReviewContext, store: HarvestStore) {
        self.context = context
        self.store = store
    }

    /// The report of `summary` as `format`.
    ///
    /// - Parameter environment: the process environment, whose configured API keys the HTML page masks.
    package func text(
        of summary: RunSummary, as format: Format,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        var newCounts: [String: Int] = [:]
        for job in summary.jobs { newCounts[SearchLog.key(job.report.search, job.report.database)] = job.newCount }
        let labels = context.registry.databaseLabels
        let dedup = try store.dedupSummary(runID: summary.id)
        var log = SearchLog(
            review: summary.review, run: summary.id, runStatus: summary.status.rawValue, startedAt: summary.startedAt,
            toolVersion: summary.toolVersion, reports: summary.jobs.map(\.report), newCounts: newCounts,
            labels: labels)
        if let dedup {
            log.recordDeduplication(
                method: dedup.method, identified: dedup.identified, duplicatesRemoved: dedup.duplicatesRemoved,
                unique: dedup.unique, newUnique: dedup.newClusters, previousUnique: dedup.previousUnique)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
        case .md:
            return log.markdown
        case .svg:
            return PrismaFlowDiagram(flow: try prismaFlow(of: summary, log: log, dedup: dedup, labels: labels))
                .svgDocument
        case .html:
            // One record per new study when the run has been deduplicated (as `new` lists them), so the list
            // matches the diagram's "records screened".
            let newRecords = try store.newClusterRecords(runID: summary.id) ?? store.newRecords(runID: summary.id)
            let flow = try prismaFlow(of: summary, log: log, dedup: dedup, labels: labels, newRecords: newRecords.count)
            let redactor = SecretRedactor(values: configuredKeys(environment))
            return HTMLReport(
                log: log, flow: flow, newRecords: newRecords, labels: labels, redact: { redactor.redact(text: $0) }
            ).html
        }
    }

    /// The flow numbers of `summary`: from its deduplication when the run has been deduplicated, otherwise from
    /// its jobs and the store (duplicates "not determined"; the previous version is every earlier run that counts
    /// as history, and its records are the records those runs saw first, each new in exactly one).
    private func prismaFlow(
        of summary: RunSummary, log: SearchLog, dedup: RunDedupSummary?, labels: @escaping DatabaseLabels,
        newRecords: Int? = nil
    ) throws -> PrismaFlow {
        let earlier = try store.runs().filter { $0.id < summary.id && $0.status.isHistory }.sorted { $0.id < $1.id }
        if let dedup {
            return try PrismaFlow(
                review: summary.review, run: summary.id, searchedAt: log.startedAt, reports: summary.jobs.map(\.report),
                dedup: dedup, previousRuns: earlier.map(\.id), labels: labels)
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
    private func configuredKeys(_ environment: [String: String]) -> [String] {
        let registry = context.registry
        var variables = Set(registry.ids.compactMap { registry[$0]?.descriptor.key?.environmentVariable })
        for settings in context.review.databases.values {
            if let variable = settings.apiKeyVariable { variables.insert(variable) }
        }
        return variables.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
