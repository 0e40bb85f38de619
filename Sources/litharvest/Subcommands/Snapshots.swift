import ArgumentParser
import Foundation
import LitharvestApp

/// `litharvest snapshots`: every stored run with per-database counts.
struct Snapshots: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List stored runs with per-database counts.")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let context = try options.loadContext()
        let store = try options.openStore(context)
        let runs = try store.runs()
        if json {
            let items: [[String: Any]] = runs.map { run in
                var item: [String: Any] = [
                    "run": run.id, "status": run.status.rawValue, "started_at": Self.format(run.startedAt),
                    "tool_version": run.toolVersion,
                ]
                item["finished_at"] = run.finishedAt.map(Self.format)
                item["jobs"] = run.jobs.map { job -> [String: Any] in
                    var entry: [String: Any] = [
                        "search": job.report.search, "database": job.report.database, "status": job.report.status.rawValue,
                        "retrieved": job.report.retrievedCount, "new": job.newCount,
                    ]
                    entry["reported"] = job.report.reportedCount
                    entry["reason"] = job.report.reason
                    return entry
                }
                return item
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard !runs.isEmpty else {
            print("no runs yet in \(store.path)")
            return
        }
        for run in runs {
            print("Run \(run.id)  \(Self.format(run.startedAt))  \(run.status.rawValue)")
            var table = [["  SEARCH", "DATABASE", "REPORTED", "RETRIEVED", "NEW", "STATUS"]]
            for job in run.jobs {
                table.append([
                    "  " + job.report.search, job.report.database, job.report.reportedCount.map(String.init) ?? "–",
                    String(job.report.retrievedCount), String(job.newCount), job.report.status.rawValue,
                ])
            }
            RunOutput.printAligned(table)
            print("")
        }
    }

    static func format(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
