import Foundation
import LitharvestModel
import LitharvestStore

/// A fresh store file in its own temporary folder (one level deeper than the folder, so opening it must
/// create a parent).
func temporaryStorePath(_ name: String = #function) -> String {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("litharvest-store-tests-\(UUID().uuidString)")
    return folder.appendingPathComponent("reviews").appendingPathComponent("litharvest.sqlite").path
}

/// Removes the temporary folder of a store made by ``temporaryStorePath(_:)``.
func removeStore(_ path: String) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
    try? FileManager.default.removeItem(at: folder)
}

/// A small record.
func record(_ nativeID: String, database: String = "pubmed", title: String? = nil) -> Record {
    Record(
        database: database, nativeID: nativeID, title: title ?? "Title of \(nativeID)",
        authors: [Author(family: "Kim", given: "Minji")], journal: "Journal of Tests",
        date: PublicationDate(year: 2024, month: 3), doi: "10.1000/\(nativeID.lowercased())")
}

/// Whole seconds, so dates survive the store exactly.
let epoch = Date(timeIntervalSince1970: 1_750_000_000)

/// A job report.
func report(
    search: String = "ims", database: String = "pubmed", status: JobReport.Status = .ok, count: Int = 0,
    isFullSearch: Bool = true
) -> JobReport {
    JobReport(
        search: search, database: database, status: status, reason: status == .ok ? nil : "because",
        reportedCount: count, retrievedCount: count, querySent: "query for \(search)", isFullSearch: isFullSearch,
        startedAt: epoch, finishedAt: epoch.addingTimeInterval(5), connectorVersion: "1.0")
}

extension HarvestStore {
    /// Runs one run with the given jobs and finishes it with `status`; returns the run id.
    @discardableResult
    func simulateRun(
        _ jobs: [(report: JobReport, records: [Record])], status: RunStatus = .complete, at offset: TimeInterval = 0
    ) throws -> Int64 {
        let runID = try beginRun(
            review: "test review", configPath: "/tmp/review.yaml", startedAt: epoch.addingTimeInterval(offset),
            toolVersion: "0.1.0")
        for job in jobs {
            var jobReport = job.report
            jobReport.retrievedCount = job.records.count
            _ = try saveJob(runID: runID, report: jobReport, records: job.records)
        }
        if status != .running {
            try finishRun(runID: runID, status: status, finishedAt: epoch.addingTimeInterval(offset + 60))
        }
        return runID
    }
}

/// Native ids, in order.
func ids(_ records: [Record]) -> [String] { records.map(\.nativeID) }
