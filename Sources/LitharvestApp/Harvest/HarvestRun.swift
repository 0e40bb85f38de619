import Foundation
package import LitharvestCore
package import LitharvestHTTP
package import LitharvestModel
package import LitharvestStore
import Synchronization

/// New/changed counts per job, filled in from job threads.
package final class OutcomeTable: Sendable {
    private let table = Mutex<[String: JobSinkOutcome]>([:])

    /// Creates an empty table.
    package init() {}

    /// Records the outcome of one job.
    package func set(_ outcome: JobSinkOutcome, search: String, database: String) {
        table.withLock { $0[Self.key(search, database)] = outcome }
    }

    /// The outcome of one job, if it was stored.
    package func get(search: String, database: String) -> JobSinkOutcome? {
        table.withLock { $0[Self.key(search, database)] }
    }

    private static func key(_ search: String, _ database: String) -> String { search + "\u{1F}" + database }
}

/// `litharvest run`: every search × database job of a review at once, stored as one run, then deduplicated.
package struct HarvestRun {
    /// What a run did.
    package struct Outcome: Sendable {
        /// The run's id in the store.
        package var runID: Int64
        /// How the run ended.
        package var status: RunStatus
        /// One report per job, in plan order.
        package var reports: [JobReport]
        /// New and changed counts per stored job.
        package var outcomes: OutcomeTable
        /// The run's deduplication counts (nil when the run was interrupted).
        package var dedup: RunDedupSummary?
        /// Whether the run was stopped by a signal.
        package var interrupted: Bool { status == .interrupted }
        /// Whether every job ended `ok`.
        package var allOK: Bool { reports.allSatisfy { $0.status == .ok } }
    }

    /// The review.
    package var context: ReviewContext
    /// The store to write to.
    package var store: HarvestStore

    /// Creates the use case.
    package init(context: ReviewContext, store: HarvestStore) {
        self.context = context
        self.store = store
    }

    /// The jobs a run would have (for progress display before it starts).
    ///
    /// - Throws: ``UsageProblem`` when `only` names a database the config does not search.
    package func plan(only: [String], sinceLast: Bool, environment: HarvestEnvironment) throws -> [HarvestJob] {
        let review = context.review
        let unknown = only.filter { !review.databaseIDs.contains($0) }
        if !unknown.isEmpty {
            throw UsageProblem(
                "--only: \(unknown.joined(separator: ", ")) not searched by this config (it searches \(review.databaseIDs.joined(separator: ", ")))")
        }
        let planner = RunPlanner(review: review, registry: context.registry, resolver: environment.resolver)
        return try planner.jobs(only: Set(only), sinceLast: sinceLast, store: store)
    }

    /// Runs `jobs` (from ``plan(only:sinceLast:environment:)``) as a new run while holding the store's lock.
    ///
    /// - Throws: ``StoreBusy`` when another run holds the store.
    package func execute(
        _ jobs: [HarvestJob], environment: HarvestEnvironment, cancellation: CancellationFlag,
        observer: (@Sendable (HTTPClient.Event) -> Void)?, onEvent: @escaping @Sendable (Harvester.Event) -> Void
    ) throws -> Outcome {
        let lock = try ReviewContext.lock(store)
        defer { lock.release() }
        let review = context.review
        let runID = try store.beginRun(
            review: review.review, configPath: review.sourcePath, startedAt: Date(), toolVersion: LitharvestVersion.current)
        let harvester = environment.harvester(
            cancellation: cancellation, retryPolicy: review.retryPolicy, observer: observer)
        let outcomes = OutcomeTable()
        let store = self.store
        let reports = harvester.run(
            jobs,
            sink: { report, records in
                let saved = try store.saveJob(runID: runID, report: report, records: records)
                let outcome = JobSinkOutcome(new: saved.new, changed: saved.changed)
                outcomes.set(outcome, search: report.search, database: report.database)
                return outcome
            },
            onEvent: onEvent)

        let interrupted = cancellation.isCancelled
        let allOK = reports.allSatisfy { $0.status == .ok }
        let status: RunStatus = interrupted ? .interrupted : (allOK ? .complete : .incomplete)
        try store.finishRun(runID: runID, status: status, finishedAt: Date())
        let dedup = interrupted ? nil : try store.deduplicate(runID: runID)
        return Outcome(runID: runID, status: status, reports: reports, outcomes: outcomes, dedup: dedup)
    }
}
