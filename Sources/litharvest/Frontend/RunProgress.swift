import Foundation
import LitharvestCore
import LitharvestModel
import Synchronization

/// Shows a run as it goes: live per-job progress bars on a terminal, plain time-stamped log lines
/// otherwise (cron, CI, pipes).
final class RunProgress: Sendable {
    private struct Line {
        var label: String
        var retrieved = 0
        var total: Int?
        var state = "waiting"
    }

    private let live: Bool
    private let lines: Mutex<[Line]>
    private let indexByKey: [String: Int]

    init(jobs: [HarvestJob], live: Bool) {
        self.live = live
        var index: [String: Int] = [:]
        var lines: [Line] = []
        for job in jobs {
            index[Self.key(job.search, job.database)] = lines.count
            lines.append(Line(label: "\(job.database) · \(job.search)"))
        }
        self.indexByKey = index
        self.lines = Mutex(lines)
        if live { draw(initial: true) }
    }

    static func key(_ search: String, _ database: String) -> String { search + "\u{1F}" + database }

    func handle(_ event: Harvester.Event) {
        switch event {
        case .started(let search, let database):
            update(search, database) { $0.state = "searching" }
            log("\(database)/\(search): started")
        case .progress(let search, let database, let retrieved, let total):
            update(search, database) {
                $0.retrieved = retrieved
                $0.total = total
            }
        case .finished(let report, let saved):
            update(report.search, report.database) {
                $0.retrieved = report.retrievedCount
                $0.total = report.reportedCount ?? $0.total
                $0.state = report.status.rawValue
            }
            var text = "\(report.database)/\(report.search): \(report.status.rawValue)"
            text += ", reported \(report.reportedCount.map(String.init) ?? "–"), retrieved \(report.retrievedCount)"
            if let saved { text += ", new \(saved.new)" }
            if let reason = report.reason { text += " — \(reason)" }
            log(text)
        }
    }

    private func update(_ search: String, _ database: String, _ change: (inout Line) -> Void) {
        guard let index = indexByKey[Self.key(search, database)] else { return }
        lines.withLock { change(&$0[index]) }
        if live { draw(initial: false) }
    }

    private func log(_ text: String) {
        guard !live else { return }
        let stamp = ISO8601DateFormatter().string(from: Date())
        Console.error("\(stamp) \(text)")
    }

    private func draw(initial: Bool) {
        let snapshot = lines.withLock { $0 }
        var out = initial ? "" : "\u{1B}[\(snapshot.count)A"
        let width = snapshot.map(\.label.count).max() ?? 10
        for line in snapshot {
            let fraction = line.total.map { $0 > 0 ? min(1, Double(line.retrieved) / Double($0)) : 1 } ?? 0
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            let count = "\(line.retrieved)/\(line.total.map(String.init) ?? "?")"
            out += "\u{1B}[2K" + line.label.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(bar) \(count.padding(toLength: 14, withPad: " ", startingAt: 0)) \(line.state)\n"
        }
        FileHandle.standardError.write(Data(out.utf8))
    }
}
