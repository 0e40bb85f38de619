import Foundation
import LitharvestApp
import LitharvestCore
import LitharvestModel
import LitharvestStore

/// The run table and its JSON form.
enum RunOutput {
    static func printTable(runID: Int64, status: RunStatus, reports: [JobReport], outcomes: OutcomeTable, searches: [String]) {
        print("Run \(runID): \(status.rawValue)")
        var totalNew = 0
        for search in searches {
            let rows = reports.filter { $0.search == search }
            guard !rows.isEmpty else { continue }
            print("\nSearch \"\(search)\"")
            var table = [["DATABASE", "REPORTED", "RETRIEVED", "NEW", "STATUS"]]
            for report in rows {
                let outcome = outcomes.get(search: report.search, database: report.database)
                totalNew += outcome?.new ?? 0
                table.append([
                    report.database, report.reportedCount.map(String.init) ?? "–", String(report.retrievedCount),
                    outcome.map { String($0.new) } ?? "–", report.status.rawValue,
                ])
            }
            printAligned(table)
            for report in rows {
                if let reason = report.reason { print("  \(report.database): \(reason)") }
                for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
                    print("  \(report.database): \(diagnostic.severity.rawValue): \(diagnostic.message)")
                }
            }
        }
        print("\n\(totalNew) new record(s) to screen" + (totalNew > 0 ? " — list them with `litharvest new`" : ""))
    }

    static func printJSON(runID: Int64, status: RunStatus, reports: [JobReport], outcomes: OutcomeTable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        struct Job: Encodable {
            var report: JobReport
            var new: Int?
            var changed: Int?
        }
        struct Output: Encodable {
            var run: Int64
            var status: String
            var jobs: [Job]
        }
        let output = Output(
            run: runID, status: status.rawValue,
            jobs: reports.map { report in
                let outcome = outcomes.get(search: report.search, database: report.database)
                return Job(report: report, new: outcome?.new, changed: outcome?.changed)
            })
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    static func printAligned(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == 0 || index == row.count - 1
                    ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            print(line)
        }
    }
}
