import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestHTTP
import LitharvestStore

/// `litharvest run`: re-runs every search of a review across its databases and stores a snapshot.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run every search of a review config across its databases and store a snapshot.",
        discussion: """
            Every search × database job runs at once; databases on one host share its request budget. \
            Exit status: 0 all jobs ok, 3 any job failed, partial or skipped, 2 config errors, 75 another run \
            holds the store, 130 interrupted (finished jobs are kept, the run is marked interrupted).
            """)

    @OptionGroup var options: ConfigOptions

    @Option(parsing: .upToNextOption, help: "Run only these databases.")
    var only: [String] = []

    @Option(help: "`last`: narrow each search to the time since the previous successful run (with a \(RunPlanner.sinceOverlapDays)-day overlap), where the database has a date filter.")
    var since: String?

    @Flag(help: "Print the run as JSON on standard output.")
    var json = false

    @Flag(help: "Log every HTTP exchange to standard error.")
    var verbose = false

    func validate() throws {
        if let since, since != "last" { throw ValidationError("--since takes only `last`") }
    }

    func run() throws {
        let review = try options.loadConfig()
        let unknown = only.filter { !review.databaseIDs.contains($0) }
        if !unknown.isEmpty {
            throw ValidationError("--only: \(unknown.joined(separator: ", ")) not searched by this config (it searches \(review.databaseIDs.joined(separator: ", ")))")
        }
        let store = try options.openStore(for: review)
        let lock: StoreLock
        do {
            lock = try store.lockForRun()
        } catch {
            Console.error("litharvest run: \(error)")
            throw ExitStatus.locked
        }
        defer { lock.release() }

        let trap = SignalTrap()
        let environment = try HarvestEnvironment(
            cancellation: trap.flag, archiveDirectory: review.archivePath, registry: try options.registry())
        defer { environment.shutdown() }
        let planner = RunPlanner(review: review, registry: environment.registry, resolver: environment.resolver)
        let jobs = try planner.jobs(only: Set(only), sinceLast: since == "last", store: store)
        let runID = try store.beginRun(
            review: review.review, configPath: review.sourcePath, startedAt: Date(), toolVersion: LitharvestVersion.current)

        let progress = RunProgress(jobs: jobs, live: Console.stderrIsTerminal && !json)
        let harvester = Harvester(
            limiters: environment.limiters, cancellation: trap.flag, retryPolicy: review.retryPolicy,
            archive: environment.archive,
            observer: environment.httpObserver(verbose: verbose)
        ) { CurlTransport(cancellation: $0) }
        let outcomes = OutcomeTable()
        let reports = harvester.run(
            jobs,
            sink: { report, records in
                let saved = try store.saveJob(runID: runID, report: report, records: records)
                let outcome = JobSinkOutcome(new: saved.new, changed: saved.changed)
                outcomes.set(outcome, search: report.search, database: report.database)
                return outcome
            },
            onEvent: progress.handle)

        let interrupted = trap.flag.isCancelled
        let allOK = reports.allSatisfy { $0.status == .ok }
        let status: RunStatus = interrupted ? .interrupted : (allOK ? .complete : .incomplete)
        try store.finishRun(runID: runID, status: status, finishedAt: Date())
        if !interrupted {
            let dedup = try store.deduplicate(runID: runID)
            if !json {
                Console.error(
                    "dedup: \(dedup.identified) records identified, \(dedup.duplicatesRemoved) duplicates removed, "
                        + "\(dedup.unique) unique, \(dedup.newClusters) new")
            }
        }

        if json {
            try RunOutput.printJSON(runID: runID, status: status, reports: reports, outcomes: outcomes)
        } else {
            RunOutput.printTable(runID: runID, status: status, reports: reports, outcomes: outcomes, searches: review.searches.map(\.name))
        }
        if interrupted { throw ExitStatus.interrupted }
        if !allOK { throw ExitStatus.incomplete }
    }
}
