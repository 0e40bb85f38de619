import Foundation
import LitharvestModel
import Testing

@testable import LitharvestStore

@Suite("Snapshots: new, changed, gone")
struct SnapshotTests {
    @Test func newRecordsAreThoseNoEarlierRunSaw() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let run1 = try store.simulateRun([(report(), [record("C"), record("A"), record("B")])])
        #expect(ids(try store.newRecords(runID: run1)) == ["A", "B", "C"])

        let run2 = try store.simulateRun(
            [(report(), [record("A"), record("B"), record("C"), record("D")])], at: 100)
        #expect(ids(try store.newRecords(runID: run2)) == ["D"])
        #expect(try store.changedRecords(runID: run2).isEmpty)
        #expect(ids(try store.records(runID: run2)) == ["A", "B", "C", "D"])
        // Run 1 stays as it was.
        #expect(ids(try store.newRecords(runID: run1)) == ["A", "B", "C"])
    }

    @Test func saveJobReturnsCounts() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A"), record("B"), record("C")])])
        let run2 = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        let summary = try store.saveJob(
            runID: run2, report: report(count: 4),
            records: [record("A"), record("B", title: "A better title"), record("D"), record("E")])
        #expect(summary == JobSaveSummary(stored: 4, new: 2, changed: 1))
    }

    @Test func changedRecordsCompareWithTheLatestHistoryRun() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A"), record("B"), record("C")])])
        let run2 = try store.simulateRun(
            [(report(), [record("A"), record("B", title: "Corrected title"), record("C"), record("D")])], at: 100)

        let changes = try store.changedRecords(runID: run2)
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.before.nativeID == "B")
        #expect(change.before.title == "Title of B")
        #expect(change.after.title == "Corrected title")
        #expect(ids(try store.newRecords(runID: run2)) == ["D"])

        // Run 3 sees B as in run 2: nothing changed since then.
        let run3 = try store.simulateRun(
            [(report(), [record("A"), record("B", title: "Corrected title"), record("C")])], at: 200)
        #expect(try store.changedRecords(runID: run3).isEmpty)
        #expect(try store.newRecords(runID: run3).isEmpty)
    }

    @Test func changesAgainstInterruptedRunsDoNotCount() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A")])])
        try store.simulateRun([(report(), [record("A", title: "Interim")])], status: .interrupted, at: 100)
        let run3 = try store.simulateRun([(report(), [record("A", title: "Interim")])], at: 200)
        let changes = try store.changedRecords(runID: run3)
        #expect(changes.map(\.before.title) == ["Title of A"])
        #expect(changes.map(\.after.title) == ["Interim"])
    }

    @Test func goneRecordsOfAFullOkJob() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A"), record("B"), record("C")])])
        let run2 = try store.simulateRun([(report(), [record("A"), record("B"), record("C"), record("D")])], at: 100)
        #expect(try store.goneRecords(runID: run2).isEmpty)
        let run3 = try store.simulateRun([(report(), [record("A"), record("B")])], at: 200)
        #expect(ids(try store.goneRecords(runID: run3)) == ["C", "D"])
        #expect(ids(try store.goneRecords(runID: run3, search: "ims")) == ["C", "D"])
        #expect(try store.goneRecords(runID: run3, search: "other").isEmpty)
    }

    @Test func failedPartialSkippedAndNarrowedJobsReportNothingGone() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A"), record("B"), record("C")])])
        for status in [JobReport.Status.failed, .partial, .skipped] {
            let run = try store.simulateRun([(report(status: status), [record("A")])], status: .incomplete, at: 100)
            #expect(try store.goneRecords(runID: run).isEmpty, "status \(status)")
        }
        let narrowed = try store.simulateRun([(report(isFullSearch: false), [record("A")])], at: 200)
        #expect(try store.goneRecords(runID: narrowed).isEmpty)
        // The comparison skips those runs' jobs: a full ok run still compares with the first run.
        let full = try store.simulateRun([(report(), [record("A")])], at: 300)
        #expect(ids(try store.goneRecords(runID: full)) == ["B", "C"])
    }

    @Test func goneComparesSameSearchAndDatabaseOnly() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([
            (report(search: "ims", database: "pubmed"), [record("A"), record("B")]),
            (report(search: "ims", database: "kci"), [record("K1", database: "kci"), record("K2", database: "kci")]),
        ])
        // Only the pubmed job ran this time (kci was not configured any more): nothing of kci is gone.
        let run2 = try store.simulateRun([(report(search: "ims", database: "pubmed"), [record("A")])], at: 100)
        #expect(ids(try store.goneRecords(runID: run2)) == ["B"])
    }

    @Test func aRecordTwoSearchesFindIsStoredOnceAndLinkedToBoth() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let run1 = try store.simulateRun([
            (report(search: "ims"), [record("A"), record("B")]),
            (report(search: "diet"), [record("B"), record("C")]),
        ])
        #expect(ids(try store.newRecords(runID: run1)) == ["A", "B", "C"])
        #expect(ids(try store.newRecords(runID: run1, search: "ims")) == ["A", "B"])
        #expect(ids(try store.newRecords(runID: run1, search: "diet")) == ["B", "C"])
        #expect(ids(try store.records(runID: run1, search: "diet")) == ["B", "C"])
        #expect(try store.newRecords(runID: run1, search: "nothing").isEmpty)

        let jobs = try store.jobs(runID: run1)
        #expect(jobs.map(\.report.search) == ["ims", "diet"])
        #expect(jobs.map(\.newCount) == [2, 2])
        let versions = try Self.count(path, "SELECT COUNT(*) FROM records")
        #expect(versions == 3)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM job_records") == 4)

        let run2 = try store.simulateRun([
            (report(search: "ims"), [record("A"), record("B"), record("D")]),
            (report(search: "diet"), [record("B"), record("C"), record("D"), record("E")]),
        ], at: 100)
        #expect(ids(try store.newRecords(runID: run2)) == ["D", "E"])
        #expect(ids(try store.newRecords(runID: run2, search: "ims")) == ["D"])
        #expect(try store.jobs(runID: run2).map(\.newCount) == [1, 2])
    }

    @Test func aRecordRepeatedWithinAJobIsStoredOnce() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let runID = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        let summary = try store.saveJob(
            runID: runID, report: report(), records: [record("A"), record("B"), record("A", title: "Again")])
        #expect(summary == JobSaveSummary(stored: 2, new: 2, changed: 0))
        #expect(try store.records(runID: runID).map(\.title) == ["Title of A", "Title of B"])
    }

    @Test func sameNativeIDInTwoDatabasesAreTwoRecords() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let runID = try store.simulateRun([
            (report(database: "pubmed"), [record("123", database: "pubmed")]),
            (report(database: "europepmc"), [record("123", database: "europepmc")]),
        ])
        #expect(try store.newRecords(runID: runID).map(\.database) == ["europepmc", "pubmed"])
    }

    @Test func interruptedAndAbandonedRunsAreNotHistory() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(), [record("A")])])
        try store.simulateRun([(report(), [record("A"), record("B")])], status: .interrupted, at: 100)
        let run3 = try store.simulateRun([(report(), [record("A"), record("B")])], at: 200)
        #expect(ids(try store.newRecords(runID: run3)) == ["B"])

        try store.simulateRun([(report(), [record("A"), record("B"), record("C")])], status: .abandoned, at: 300)
        let run5 = try store.simulateRun(
            [(report(), [record("A"), record("B"), record("C")])], status: .incomplete, at: 400)
        #expect(ids(try store.newRecords(runID: run5)) == ["C"])
        // An incomplete run is history.
        let run6 = try store.simulateRun([(report(), [record("A"), record("B"), record("C")])], at: 500)
        #expect(try store.newRecords(runID: run6).isEmpty)
    }

    @Test func historyQueries() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        #expect(try store.latestFinishedRun() == nil)
        #expect(try store.lastSuccessfulSearch(search: "ims", database: "pubmed", before: nil) == nil)

        let run1 = try store.simulateRun([(report(), [record("A")])], at: 0)
        let run2 = try store.simulateRun(
            [(report(), [record("A")]), (report(database: "kci", status: .failed), [])], status: .incomplete,
            at: 1000)
        let run3 = try store.simulateRun([(report(), [record("A")])], status: .interrupted, at: 2000)
        let run4 = try store.simulateRun([(report(), [record("A")])], status: .running, at: 3000)

        #expect(try store.latestFinishedRun()?.id == run2)
        #expect(try store.latestFinishedRun(before: run2)?.id == run1)
        #expect(try store.latestFinishedRun(before: run1) == nil)
        #expect(try store.latestFinishedRun(before: run4)?.jobs.count == 2)

        #expect(try store.lastSuccessfulSearch(search: "ims", database: "pubmed", before: run4)
            == epoch.addingTimeInterval(1000))
        #expect(try store.lastSuccessfulSearch(search: "ims", database: "pubmed", before: nil)
            == epoch.addingTimeInterval(1000))
        #expect(try store.lastSuccessfulSearch(search: "ims", database: "pubmed", before: run2) == epoch)
        // kci failed in run 2 and never succeeded.
        #expect(try store.lastSuccessfulSearch(search: "ims", database: "kci", before: nil) == nil)
        _ = run3

        let runs = try store.runs()
        #expect(runs.map(\.id) == [run4, run3, run2, run1])
        #expect(runs.map(\.status) == [.running, .interrupted, .incomplete, .complete])
        #expect(runs.last?.finishedAt == epoch.addingTimeInterval(60))
        #expect(runs.first?.finishedAt == nil)
        let run = try #require(try store.run(id: run2))
        #expect(run.review == "test review")
        #expect(run.configPath == "/tmp/review.yaml")
        #expect(run.toolVersion == "0.1.0")
        #expect(run.startedAt == epoch.addingTimeInterval(1000))
        #expect(try store.run(id: 999) == nil)
    }

    @Test func newCountsAgreeBetweenRunsAndJobs() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        try store.simulateRun([(report(search: "s1"), [record("A"), record("B")])])
        try store.simulateRun([(report(search: "s1"), [record("A"), record("C")])], status: .interrupted, at: 10)
        try store.simulateRun([
            (report(search: "s1"), [record("A"), record("C"), record("D")]),
            (report(search: "s2"), [record("B"), record("E")]),
        ], status: .incomplete, at: 20)
        try store.simulateRun([(report(search: "s2"), [record("E"), record("F")])], status: .running, at: 30)
        for run in try store.runs() {
            let fromJobs = try store.jobs(runID: run.id).map(\.newCount)
            #expect(run.jobs.map(\.newCount) == fromJobs, "run \(run.id)")
        }
        #expect(try store.runs().map { $0.jobs.map(\.newCount) } == [[1], [2, 1], [1], [2]])
    }

    @Test func jobReportsRoundTrip() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let from = try #require(SimpleDate(year: 2020, month: 1, day: 1))
        let until = try #require(SimpleDate(year: 2024, month: 12, day: 31))
        let original = JobReport(
            search: "ims", database: "kci", status: .partial, reason: "stopped at the 10,000 cap",
            reportedCount: 12_345, retrievedCount: 2, querySent: "(\"bowel\"[tiab]) AND 2020:2024[dp]",
            queryTranslation: "bowel[All Fields]",
            diagnostics: [Diagnostic(.warning, "phrase dropped", location: "page 3"), Diagnostic(.note, "retry")],
            windowFrom: from, windowUntil: until,
            windows: [DateWindow(from: from, until: until, reportedCount: 12_345)], isFullSearch: false,
            startedAt: Date(timeIntervalSince1970: 1_750_000_000.25),
            finishedAt: Date(timeIntervalSince1970: 1_750_000_100.5), connectorVersion: "kci 2.1")
        let runID = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        _ = try store.saveJob(runID: runID, report: original, records: [record("A"), record("B")])
        let stored = try #require(try store.jobs(runID: runID).first)
        #expect(stored.runID == runID)
        #expect(stored.newCount == 2)
        #expect(stored.report == original)
        #expect(try store.run(id: runID)?.configPath == nil)
    }

    @Test func datesKeepSubMillisecondPrecision() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let now = Date()
        let runID = try store.beginRun(review: "r", configPath: nil, startedAt: now, toolVersion: "0.1.0")
        let started = try #require(try store.run(id: runID)?.startedAt)
        #expect(abs(started.timeIntervalSince(now)) < 0.000_01)
    }

    @Test func unknownRunsAreReported() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        #expect(throws: StoreError.self) { try store.saveJob(runID: 42, report: report(), records: [record("A")]) }
        do {
            try store.finishRun(runID: 42, status: .complete, finishedAt: epoch)
            Issue.record("finishing an unknown run succeeded")
        } catch let error as StoreError {
            #expect(error.kind == .unknownRun(42))
            #expect(error.description == "the store \(path) has no run 42")
        }
        for call in [
            { _ = try store.newRecords(runID: 42) }, { _ = try store.changedRecords(runID: 42) },
            { _ = try store.goneRecords(runID: 42) }, { _ = try store.records(runID: 42) },
            { _ = try store.jobs(runID: 42) },
        ] as [() throws -> Void] {
            #expect(throws: StoreError(.unknownRun(42), path: path, message: "no such run")) { try call() }
        }
        #expect(try Self.count(path, "SELECT COUNT(*) FROM jobs") == 0)
    }

    /// Counts rows with a separate connection, as another tool would.
    static func count(_ path: String, _ sql: String) throws -> Int {
        try HarvestStore(path: path).count(sql)
    }
}
