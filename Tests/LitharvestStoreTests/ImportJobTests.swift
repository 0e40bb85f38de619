import Foundation
import LitharvestModel
import Testing

@testable import LitharvestStore

@Suite("Imported jobs")
struct ImportJobTests {
    @Test func importAddsAJobToAFinishedRunAndRecomputesItsStatus() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A")])])
        // Run 2: Cochrane was blocked (skipped), so the run is incomplete.
        let run2 = try store.simulateRun(
            [(report(), [record("A")]), (report(database: "cochrane", status: .skipped), [])], status: .incomplete, at: 100)

        let summary = try store.importJob(
            runID: run2, report: report(database: "cochrane", count: 2),
            records: [record("CN-1", database: "cochrane"), record("CN-2", database: "cochrane")], replace: true)
        #expect(summary == JobSaveSummary(stored: 2, new: 2, changed: 0))
        let run = try #require(try store.run(id: run2))
        #expect(run.status == .complete)
        #expect(run.jobs.map(\.report.database) == ["pubmed", "cochrane"])
        #expect(run.jobs.last?.report.status == .ok)
        #expect(run.jobs.last?.newCount == 2)
        #expect(ids(try store.newRecords(runID: run2)) == ["CN-1", "CN-2"])
    }

    @Test func anExistingJobIsKeptUnlessReplaceIsGiven() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let run1 = try store.simulateRun([(report(database: "cochrane"), [record("CN-1", database: "cochrane")])])

        #expect(throws: ExistingJobError(runID: run1, search: "ims", database: "cochrane")) {
            try store.importJob(
                runID: run1, report: report(database: "cochrane"), records: [record("CN-9", database: "cochrane")],
                replace: false)
        }
        #expect(ids(try store.records(runID: run1)) == ["CN-1"])

        _ = try store.importJob(
            runID: run1, report: report(database: "cochrane", count: 1), records: [record("CN-9", database: "cochrane")],
            replace: true)
        #expect(ids(try store.records(runID: run1)) == ["CN-9"])
        #expect(try store.jobs(runID: run1).count == 1)
        #expect(try store.count("SELECT COUNT(*) FROM job_records") == 1)
    }
}
