package import LitharvestModel
import GRDB

extension HarvestStore {
    /// Stores records read from an export file as the `report.search` × `report.database` job of an existing
    /// run, in one transaction: an existing job for the same search and database is replaced when `replace`
    /// is set (its record links go with it), otherwise ``ExistingJobError`` is thrown and nothing changes.
    /// A finished run's status is then recomputed as `litharvest run` decides it: `complete` when every job is
    /// `ok`, else `incomplete`; a running or interrupted run keeps its status.
    ///
    /// - Returns: the job's counts (stored, new against earlier runs, changed).
    package func importJob(
        runID: Int64, report: JobReport, records: [LitharvestModel.Record], replace: Bool
    ) throws -> JobSaveSummary {
        let encoded = try mapErrors { try chunkedMap(records) { try EncodedRecord($0) } }
        let columns = try mapErrors { try JobColumns(report) }
        return try write { db in
            let existing = try Int64.fetchAll(
                db, sql: "SELECT id FROM jobs WHERE run_id = ? AND search = ? AND database = ?",
                arguments: [runID, report.search, report.database])
            if !existing.isEmpty {
                guard replace else {
                    throw ExistingJobError(runID: runID, search: report.search, database: report.database)
                }
                for jobID in existing {
                    try db.execute(sql: "DELETE FROM job_records WHERE job_id = ?", arguments: [jobID])
                    try db.execute(sql: "DELETE FROM jobs WHERE id = ?", arguments: [jobID])
                }
            }
            let summary = try insertJob(db, runID: runID, encoded: encoded, columns: columns, beforeCommit: nil)
            let allOK = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM jobs WHERE run_id = ? AND status <> 'ok'", arguments: [runID]) == 0
            try db.execute(
                sql: "UPDATE runs SET status = ? WHERE id = ? AND status IN \(Schema.historyStatuses)",
                arguments: [allOK ? RunStatus.complete.rawValue : RunStatus.incomplete.rawValue, runID])
            return summary
        }
    }
}
