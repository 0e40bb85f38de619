import Dispatch
import Foundation
package import LitharvestHTTP
import Synchronization
package import LitharvestModel

/// Runs every job of a harvest at once with Dispatch: each job on its own serial queue (so a job blocked in
/// a slow transfer holds only its own thread, never a shared worker), all of them sharing the per-host rate
/// limiters. A job that fails, stalls or times out ends as a failed report; it never delays the others.
package final class Harvester: Sendable {
    /// What the scheduler tells its caller as jobs progress (called from job threads).
    package enum Event: Sendable {
        /// A job started sending requests.
        case started(search: String, database: String)
        /// A job retrieved `retrieved` of `total` records so far.
        case progress(search: String, database: String, retrieved: Int, total: Int?)
        /// A job ended (after its result was handed to the sink).
        case finished(JobReport, saved: JobSinkOutcome?)
    }

    /// Where finished jobs go (the store). Called on the job's own thread; an error marks the job failed.
    package typealias JobSink = @Sendable (JobReport, [Record]) throws -> JobSinkOutcome

    private let transportFactory: @Sendable (CancellationFlag) -> any HTTPTransport
    private let limiters: RateLimiterRegistry
    private let retryPolicy: RetryPolicy
    private let archive: ResponseArchive?
    private let cancellation: CancellationFlag
    private let observer: (@Sendable (HTTPClient.Event) -> Void)?

    /// Creates a scheduler. `transportFactory` makes each job's transport from the job's cancellation flag
    /// (a child of `cancellation`, also set by the job's timeout).
    package init(
        limiters: RateLimiterRegistry, cancellation: CancellationFlag, retryPolicy: RetryPolicy = RetryPolicy(),
        archive: ResponseArchive? = nil, observer: (@Sendable (HTTPClient.Event) -> Void)? = nil,
        transportFactory: @escaping @Sendable (CancellationFlag) -> any HTTPTransport
    ) {
        self.limiters = limiters
        self.cancellation = cancellation
        self.retryPolicy = retryPolicy
        self.archive = archive
        self.observer = observer
        self.transportFactory = transportFactory
    }

    /// Runs `jobs` concurrently and returns their reports in the order given, once all have ended.
    /// Jobs not yet started when the run is cancelled are reported as skipped; a job cut short by
    /// cancellation is reported as skipped too and its records are not handed to the sink.
    package func run(_ jobs: [HarvestJob], sink: @escaping JobSink, onEvent: @escaping @Sendable (Event) -> Void) -> [JobReport] {
        for job in jobs {
            if let key = HTTPRequest.limiterKey(for: job.settings.endpoint) {
                limiters.configure(host: key, requestsPerSecond: job.settings.requestsPerSecond)
            }
        }
        let reports = Mutex<[Int: JobReport]>([:])
        let group = DispatchGroup()
        for (index, job) in jobs.enumerated() {
            let queue = DispatchQueue(label: "litharvest.job.\(job.search).\(job.database)")
            queue.async(group: group) {
                let report = self.execute(job, sink: sink, onEvent: onEvent)
                reports.withLock { $0[index] = report }
            }
        }
        group.wait()
        return reports.withLock { table in jobs.indices.compactMap { table[$0] } }
    }

    private func execute(_ job: HarvestJob, sink: JobSink, onEvent: @escaping @Sendable (Event) -> Void) -> JobReport {
        let startedAt = Date()
        var report = JobReport(
            search: job.search, database: job.database, status: .skipped, querySent: job.query.text,
            windowFrom: job.query.from, windowUntil: job.query.until, isFullSearch: job.isFullSearch,
            startedAt: startedAt, finishedAt: startedAt, connectorVersion: job.factory.descriptor.version)
        if let reason = job.skipReason ?? (cancellation.isCancelled ? "the run was interrupted before this job started" : nil) {
            report.reason = reason
            return finish(report, records: [], sink: sink, onEvent: onEvent)
        }
        onEvent(.started(search: job.search, database: job.database))

        let flag = cancellation.makeChild()
        let timedOut = Atomic<Bool>(false)
        if let timeout = job.timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                timedOut.store(true, ordering: .relaxed)
                flag.cancel()
            }
        }
        let client = HTTPClient(
            transport: transportFactory(flag), limiters: limiters, retryPolicy: retryPolicy, archive: archive,
            cancellation: flag, redactor: SecretRedactor(values: job.settings.secretValues),
            observer: observer)
        let context = SearchContext(
            http: client, settings: job.settings, cancellation: flag,
            progress: { retrieved, total in
                onEvent(.progress(search: job.search, database: job.database, retrieved: retrieved, total: total))
            })
        do {
            let result = try job.factory.make().search(job.query, context: context)
            report.reportedCount = result.reportedCount
            report.retrievedCount = result.records.count
            report.querySent = result.querySent
            report.queryTranslation = result.queryTranslation
            report.diagnostics = result.diagnostics
            report.windows = result.windows
            switch result.completeness {
            case .complete:
                report.status = .ok
            case .partial(let reason):
                report.status = .partial
                report.reason = reason
            }
            report.markPartialForErrors()
            report.finishedAt = Date()
            return finish(report, records: result.records, sink: sink, onEvent: onEvent)
        } catch {
            report.finishedAt = Date()
            if timedOut.load(ordering: .relaxed) {
                report.status = .failed
                report.reason = "timed out after \(Int(job.timeout ?? 0)) s"
            } else if cancellation.isCancelled {
                report.status = .skipped
                report.reason = "the run was interrupted while this job was running; nothing of it was kept"
            } else if let error = error as? ConnectorError, error.kind == .missingKey || error.kind == .unavailable {
                // No key, or a database reached only through exports (`litharvest import`): nothing was searched.
                report.status = .skipped
                report.reason = error.message
            } else {
                report.status = .failed
                report.reason = "\(error)"
            }
            return finish(report, records: [], sink: sink, onEvent: onEvent)
        }
    }

    private func finish(_ report: JobReport, records: [Record], sink: JobSink, onEvent: @Sendable (Event) -> Void) -> JobReport {
        var report = report
        var outcome: JobSinkOutcome?
        do {
            outcome = try sink(report, records)
        } catch {
            report.status = .failed
            report.reason = "could not store the results: \(error)"
        }
        onEvent(.finished(report, saved: outcome))
        return report
    }
}

/// What the sink did with a job's records (for the run table).
package struct JobSinkOutcome: Sendable, Hashable {
    /// Records never seen in an earlier run.
    package var new: Int
    /// Records whose content changed since the last run that saw them.
    package var changed: Int

    /// Creates an outcome.
    package init(new: Int, changed: Int) {
        self.new = new
        self.changed = changed
    }
}
