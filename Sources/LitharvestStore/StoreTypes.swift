package import Foundation
package import LitharvestModel

/// Where a run stands.
package enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not finished (or its process died and no later run has taken the lock yet).
    case running
    /// Every job ended `ok`.
    case complete
    /// Every job ended, some of them `partial`, `failed` or `skipped`.
    case incomplete
    /// Stopped by Ctrl-C or SIGTERM.
    case interrupted
    /// Its process died; found `running` when a later run took the lock.
    case abandoned

    /// Whether the run counts as history: what it saw is "already seen" for later runs. Interrupted and
    /// abandoned runs do not count, so nothing they saw is lost for screening.
    package var isHistory: Bool { self == .complete || self == .incomplete }
}

/// One run as stored, with its jobs.
package struct RunSummary: Sendable {
    /// The run's id (ids grow with time).
    package var id: Int64
    /// The review's name.
    package var review: String
    /// The config file the run read.
    package var configPath: String?
    /// When the run started.
    package var startedAt: Date
    /// When it finished (for an abandoned run, when its last job finished, if any did).
    package var finishedAt: Date?
    /// Where it stands.
    package var status: RunStatus
    /// The litharvest version that ran it.
    package var toolVersion: String
    /// Its jobs, in the order they were saved.
    package var jobs: [StoredJob]

    /// Creates a summary.
    package init(
        id: Int64, review: String, configPath: String?, startedAt: Date, finishedAt: Date?, status: RunStatus,
        toolVersion: String, jobs: [StoredJob]
    ) {
        self.id = id
        self.review = review
        self.configPath = configPath
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.toolVersion = toolVersion
        self.jobs = jobs
    }
}

/// One saved job.
package struct StoredJob: Sendable {
    /// The job's id.
    package var id: Int64
    /// The run it belongs to.
    package var runID: Int64
    /// The report as saved (times are kept to the microsecond).
    package var report: JobReport
    /// Records of this job never seen in an earlier complete or incomplete run (see
    /// ``HarvestStore/newRecords(runID:search:)``).
    package var newCount: Int

    /// Creates a stored job.
    package init(id: Int64, runID: Int64, report: JobReport, newCount: Int) {
        self.id = id
        self.runID = runID
        self.report = report
        self.newCount = newCount
    }
}

/// Counts for one saved job.
package struct JobSaveSummary: Sendable, Equatable {
    /// Distinct records stored for the job (duplicates within the job are stored once).
    package var stored: Int
    /// Records never seen in an earlier complete or incomplete run.
    package var new: Int
    /// Records whose content differs from the latest earlier complete or incomplete run that saw them.
    package var changed: Int

    /// Creates a summary.
    package init(stored: Int, new: Int, changed: Int) {
        self.stored = stored
        self.new = new
        self.changed = changed
    }
}

/// A record whose content changed since an earlier run.
package struct RecordChange: Sendable {
    /// The content in the latest earlier complete or incomplete run that saw it.
    package var before: Record
    /// The content in this run.
    package var after: Record

    /// Creates a change.
    package init(before: Record, after: Record) {
        self.before = before
        self.after = after
    }
}
