import ArgumentParser
import Foundation
import LitharvestApp

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
        let context = try options.loadContext()
        let store = try options.openStore(context)
        let trap = SignalTrap()
        let environment = try HarvestEnvironment(archiveDirectory: context.review.archivePath)
        let harvest = HarvestRun(context: context, store: store)
        let outcome = try Failure.mapped(command: "run") { () throws -> HarvestRun.Outcome in
            let jobs = try harvest.plan(only: only, sinceLast: since == "last", environment: environment)
            let progress = RunProgress(jobs: jobs, live: Console.stderrIsTerminal && !json)
            return try harvest.execute(
                jobs, environment: environment, cancellation: trap.flag,
                observer: HTTPLog.observer(verbose: verbose), onEvent: progress.handle)
        }
        if let dedup = outcome.dedup, !json {
            Console.error(
                "dedup: \(dedup.identified) records identified, \(dedup.duplicatesRemoved) duplicates removed, "
                    + "\(dedup.unique) unique, \(dedup.newClusters) new")
        }
        if json {
            try RunOutput.printJSON(
                runID: outcome.runID, status: outcome.status, reports: outcome.reports, outcomes: outcome.outcomes)
        } else {
            RunOutput.printTable(
                runID: outcome.runID, status: outcome.status, reports: outcome.reports, outcomes: outcome.outcomes,
                searches: context.review.searches.map(\.name))
        }
        if outcome.interrupted { throw ExitStatus.interrupted }
        if !outcome.allOK { throw ExitStatus.incomplete }
    }
}
