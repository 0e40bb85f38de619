package import Foundation
package import LitharvestModel
import GRDB

/// The snapshot store of one review: every run, every job's report and the records each job returned, in an
/// SQLite file (WAL mode). Safe to use from several threads at once; writes are serialized and each
/// ``saveJob(runID:report:records:)`` is one transaction, so a process killed at any moment leaves what was
/// saved before intact.
///
/// "History" runs are those whose status is `complete` or `incomplete`: what they saw counts as already seen.
/// Interrupted and abandoned runs never count, so their records show up as new again in the next run.
package final class HarvestStore: Sendable {
    /// The store file.
    package let path: String
    private let pool: DatabasePool

    /// Opens or creates the store at `path` (creating parent folders) and brings its schema up to date.
    ///
    /// Throws ``StoreError`` `.unreadable` when the file is not a litharvest store (or was written by a newer
    /// litharvest), `.io` when it cannot be created or opened.
    package init(path: String) throws {
        self.path = path
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .io, path: path, message: "cannot create the folder \(parent): \(error.localizedDescription)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(.unreadable, path: path, message: "it is a folder, not a store file")
        }
        var configuration = Configuration()
        configuration.label = "litharvest store"
        configuration.foreignKeysEnabled = true
        // Another litharvest process (a report while a run writes) may hold the write lock briefly.
        configuration.busyMode = .timeout(30)
        pool = try Self.mapErrors(path: path) {
            try DatabasePool(path: path, configuration: configuration)
        }
        try Self.mapErrors(path: path) {
            let migrator = Schema.migrator
            try pool.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                if applicationID != Schema.applicationID, tableCount > 0 {
                    throw StoreError(
                        .unreadable, path: path, message: "it is an SQLite database but not a litharvest store")
                }
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError(
                        .unreadable, path: path,
                        message: "it was written by a newer litharvest (its schema has changes this version does not "
                            + "know)")
                }
            }
            try migrator.migrate(pool)
        }
    }

    // MARK: Runs

    /// Takes the exclusive run lock: an `flock` on `<path>.lock`, which gets our pid. Throws ``StoreError``
    /// `.locked(pid:)` when another process (or another unreleased lock in this one) holds it. The lock lasts
    /// until ``StoreLock/release()``, the lock's deinit, or the process's death.
    ///
    /// Once locked, any run still `running` belongs to a process that died, and is marked `abandoned`. So take
    /// the lock before ``beginRun(review:configPath:startedAt:toolVersion:)``.
    package func lockForRun() throws -> StoreLock {
        let lock = try StoreLock.acquire(path: path + ".lock")
        do {
            try write { db in
                try db.execute(
                    sql: """
                        UPDATE runs SET status = 'abandoned',
                            finished_at = (SELECT MAX(finished_at) FROM jobs WHERE jobs.run_id = runs.id)
                        WHERE status = 'running'
                        """
                )
            }
        } catch {
            lock.release()
            throw error
        }
        return lock
    }

    /// Starts a run with status `running`; returns its id.
    package func beginRun(review: String, configPath: String?, startedAt: Date, toolVersion: String) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (review, config_path, started_at, status, tool_version)
                    VALUES (?, ?, ?, 'running', ?)
                    """,
                arguments: [review, configPath, startedAt.timeIntervalSince1970, toolVersion]
            )
            return db.lastInsertedRowID
        }
    }

    /// Ends a run: `.complete` (every job ok), `.incomplete` (some job partial, failed or skipped),
    /// `.interrupted` (Ctrl-C, SIGTERM).
    package func finishRun(runID: Int64, status: RunStatus, finishedAt: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                arguments: [status.rawValue, finishedAt.timeIntervalSince1970, runID]
            )
            if db.changesCount == 0 {
                throw StoreError(.unknownRun(runID), path: path, message: "no such run")
            }
        }
    }

    /// Every run, newest first, with its jobs.
    package func runs() throws -> [RunSummary] {
        try read { db in
            let runRows = try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC")
            let newCounts = try Self.newCountsForAllJobs(db)
            var jobsByRun: [Int64: [StoredJob]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM jobs ORDER BY id") {
                let job = try storedJob(row, newCounts: newCounts)
                jobsByRun[job.runID, default: []].append(job)
            }
            return try runRows.map { try runSummary($0, jobs: jobsByRun[$0["id"]] ?? []) }
        }
    }

    /// The run with this id, or nil.
    package func run(id: Int64) throws -> RunSummary? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else {
                return nil
            }
            return try runSummary(row, jobs: jobs(db, runID: id))
        }
    }

    /// The newest run whose status is `complete` or `incomplete`, optionally only among runs older than
    /// `runID`.
    package func latestFinishedRun(before runID: Int64? = nil) throws -> RunSummary? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM runs WHERE status IN \(Schema.historyStatuses) AND id < ?
                        ORDER BY id DESC LIMIT 1
                        """,
                    arguments: [runID ?? Int64.max]
                )
            else { return nil }
            let id: Int64 = row["id"]
            return try runSummary(row, jobs: jobs(db, runID: id))
        }
    }

    // MARK: Jobs

    /// Stores one job's report and records in one transaction. Records are keyed by database and native id:
    /// a record several jobs return is stored once and linked to each; a record a job returns twice is linked
    /// once (its first occurrence). Returns the job's counts.
    package func saveJob(runID: Int64, report: JobReport, records: [LitharvestModel.Record]) throws -> JobSaveSummary {
        try saveJob(runID: runID, report: report, records: records, beforeCommit: nil)
    }

    /// ``saveJob(runID:report:records:)`` with a hook that runs inside the transaction just before it
    /// commits (tests throw from it to check that nothing is left behind).
    func saveJob(
        runID: Int64, report: JobReport, records: [LitharvestModel.Record], beforeCommit: ((Int64) throws -> Void)?
    ) throws -> JobSaveSummary {
        // Encoding and hashing happen outside the write lock, so concurrent jobs do them in parallel.
        let encoded = try mapErrors { try chunkedMap(records) { try EncodedRecord($0) } }
        let columns = try mapErrors { try JobColumns(report) }
        return try write { db in
            try insertJob(db, runID: runID, encoded: encoded, columns: columns, beforeCommit: beforeCommit)
        }
    }

    /// Inserts one job and files its records inside the caller's write transaction (``saveJob`` and
    /// ``importJob`` share it).
    func insertJob(
        _ db: Database, runID: Int64, encoded: [EncodedRecord], columns: JobColumns,
        beforeCommit: ((Int64) throws -> Void)?
    ) throws -> JobSaveSummary {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [runID]) != nil else {
            throw StoreError(.unknownRun(runID), path: path, message: "no such run")
        }
        try db.execute(
            sql: """
                INSERT INTO jobs (run_id, search, database, status, reason, reported_count, retrieved_count,
                    query_sent, query_translation, diagnostics, window_from, window_until, windows,
                    is_full_search, started_at, finished_at, connector_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [runID] + columns.arguments
        )
        let jobID = db.lastInsertedRowID
        // The records go to a temporary table first; set-based SQL then files them.
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS incoming (
                    position INTEGER PRIMARY KEY, database TEXT NOT NULL, native_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL, content BLOB NOT NULL);
                DELETE FROM incoming;
                """)
        let stage = try db.cachedStatement(sql: "INSERT INTO incoming VALUES (?, ?, ?, ?, ?)")
        for (position, record) in encoded.enumerated() {
            try stage.execute(arguments: [position, record.database, record.nativeID, record.hash, Data(record.content)])
        }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO records (database, native_id) SELECT database, native_id FROM incoming;
                INSERT OR IGNORE INTO record_versions (content_hash, content)
                    SELECT content_hash, content FROM incoming;
                INSERT OR IGNORE INTO job_records (job_id, record_id, run_id, content_hash, position)
                    SELECT ?, r.id, ?, i.content_hash, i.position
                    FROM incoming i JOIN records r ON r.database = i.database AND r.native_id = i.native_id
                    ORDER BY i.position;
                DELETE FROM incoming;
                """,
            arguments: [jobID, runID])
        let selection = Selection.job(jobID, runID: runID)
        let stored = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM job_records WHERE job_id = ?", arguments: [jobID]) ?? 0
        let new = try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM job_records seen
                WHERE seen.job_id = ? AND NOT \(Self.seenInHistory(before: "?"))
                """,
            arguments: [jobID, runID]) ?? 0
        let changed = try Self.changes(db, selection).count
        try beforeCommit?(jobID)
        return JobSaveSummary(stored: stored, new: new, changed: changed)
    }

    /// A run's jobs in the order they were saved.
    package func jobs(runID: Int64) throws -> [StoredJob] {
        try read { db in
            try requireRun(db, runID)
            return try jobs(db, runID: runID)
        }
    }

    // MARK: Records

    /// Records first seen in `runID`: returned by a job of that run (of `search`, when given) and never by a job
    /// of an earlier complete or incomplete run. Ordered by database, then native id. A record several jobs
    /// of the run returned comes once, with the content of the first saved of those jobs.
    package func newRecords(runID: Int64, search: String? = nil) throws -> [LitharvestModel.Record] {
        try read { db in
            try requireRun(db, runID)
            let selection = Selection.run(runID, search: search)
            return try Self.decodeRecords(
                db,
                sql: """
                    WITH \(selection.seenCTE)
                    SELECT v.content FROM seen
                    JOIN records r ON r.id = seen.record_id
                    JOIN record_versions v ON v.content_hash = seen.content_hash
                    WHERE NOT \(Self.seenInHistory(before: "?"))
                    ORDER BY r.database, r.native_id
                    """,
                arguments: selection.arguments + [runID])
        }
    }

    /// Records seen in `runID` (by jobs of `search`, when given) whose content differs from the content they had
    /// in the most recent earlier complete or incomplete run that saw them. Ordered by database, then native
    /// id.
    package func changedRecords(runID: Int64, search: String? = nil) throws -> [RecordChange] {
        try read { db in
            try requireRun(db, runID)
            return try Self.changes(db, .run(runID, search: search))
        }
    }

    /// Records a full re-run no longer returns. For each job of `runID` (of `search`, when given) that ended
    /// `ok` with a full search: the records the same search × database job returned in the most recent earlier
    /// complete or incomplete run where that job was also `ok` and full, and that this job did not return.
    /// A partial, failed or skipped job, and one narrowed by `--since`, reports nothing gone. Ordered by
    /// database, then native id, each record once, with the content it had in the earlier run.
    package func goneRecords(runID: Int64, search: String? = nil) throws -> [LitharvestModel.Record] {
        try read { db in
            try requireRun(db, runID)
            let searchFilter = search == nil ? "" : "AND j.search = ?"
            let arguments: StatementArguments = [runID, runID] + (search.map { [$0] } ?? [])
            return try Self.decodeRecords(
                db,
                sql: """
                    WITH pairs AS (
                        SELECT j.id AS job_id, (
                            SELECT p.id FROM jobs p JOIN runs pr ON pr.id = p.run_id
                            WHERE p.search = j.search AND p.database = j.database AND p.run_id < ?
                                AND pr.status IN \(Schema.historyStatuses)
                                AND p.status = 'ok' AND p.is_full_search = 1
                            ORDER BY p.run_id DESC, p.id DESC LIMIT 1
                        ) AS previous_job_id
                        FROM jobs j
                        WHERE j.run_id = ? AND j.status = 'ok' AND j.is_full_search = 1 \(searchFilter)
                    ),
                    gone AS (
                        SELECT before.record_id AS record_id, before.content_hash AS content_hash,
                            MIN(before.job_id) AS job_id
                        FROM pairs JOIN job_records before ON before.job_id = pairs.previous_job_id
                        WHERE NOT EXISTS (
                            SELECT 1 FROM job_records now
                            WHERE now.job_id = pairs.job_id AND now.record_id = before.record_id
                        )
                        GROUP BY before.record_id
                    )
                    SELECT v.content FROM gone
                    JOIN records r ON r.id = gone.record_id
                    JOIN record_versions v ON v.content_hash = gone.content_hash
                    ORDER BY r.database, r.native_id
                    """,
                arguments: arguments)
        }
    }

    /// For `--since last`: when the most recent complete or incomplete run (older than `runID`, when given) in
    /// which the `search` × `database` job ended `ok` started. Nil when there is none.
    package func lastSuccessfulSearch(search: String, database: String, before runID: Int64?) throws -> Date? {
        try read { db in
            let seconds = try Double.fetchOne(
                db,
                sql: """
                    SELECT r.started_at FROM jobs j JOIN runs r ON r.id = j.run_id
                    WHERE j.search = ? AND j.database = ? AND j.status = 'ok' AND j.run_id < ?
                        AND r.status IN \(Schema.historyStatuses)
                    ORDER BY r.id DESC LIMIT 1
                    """,
                arguments: [search, database, runID ?? Int64.max])
            return seconds.map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Every record the run saw (by jobs of `search`, when given), each once, ordered by database, then native
    /// id.
    package func records(runID: Int64, search: String? = nil) throws -> [LitharvestModel.Record] {
        try read { db in
            try requireRun(db, runID)
            let selection = Selection.run(runID, search: search)
            return try Self.decodeRecords(
                db,
                sql: """
                    WITH \(selection.seenCTE)
                    SELECT v.content FROM seen
                    JOIN records r ON r.id = seen.record_id
                    JOIN record_versions v ON v.content_hash = seen.content_hash
                    ORDER BY r.database, r.native_id
                    """,
                arguments: selection.arguments)
        }
    }

    // MARK: - Internals

    /// The integer an SQL query returns (for tests).
    func count(_ sql: String) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The text an SQL query returns (for tests).
    func text(_ sql: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: sql) }
    }

    /// Runs SQL in a write transaction (for tests).
    func execute(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }

    /// Which job links a query looks at.
    private enum Selection {
        /// The jobs of a run, or of one search in it.
        case run(Int64, search: String?)
        /// One job (of the given run).
        case job(Int64, runID: Int64)

        /// A CTE `seen(record_id, content_hash, job_id, run_id)`: each record once, from the first saved job.
        var seenCTE: String {
            let filter =
                switch self {
                case .run(_, let search): "j.run_id = ?" + (search == nil ? "" : " AND j.search = ?")
                case .job: "j.id = ?"
                }
            // SQLite takes the bare columns from the row where MIN() found its value.
            return """
                seen AS (
                    SELECT link.record_id AS record_id, link.content_hash AS content_hash,
                        MIN(link.job_id) AS job_id, j.run_id AS run_id
                    FROM jobs j JOIN job_records link ON link.job_id = j.id
                    WHERE \(filter)
                    GROUP BY link.record_id
                )
                """
        }

        var arguments: StatementArguments {
            switch self {
            case .run(let runID, let search): [runID] + (search.map { [$0] } ?? [])
            case .job(let jobID, _): [jobID]
            }
        }

        var runID: Int64 {
            switch self {
            case .run(let runID, _): runID
            case .job(_, let runID): runID
            }
        }
    }

    /// An `EXISTS` expression: the record `seen.record_id` was returned in a history run older than the run id
    /// `placeholder` stands for.
    private static func seenInHistory(before placeholder: String) -> String {
        """
        EXISTS (
            SELECT 1 FROM job_records history JOIN runs hr ON hr.id = history.run_id
            WHERE history.record_id = seen.record_id AND history.run_id < \(placeholder)
                AND hr.status IN \(Schema.historyStatuses)
        )
        """
    }

    /// Changed records among the selection. Candidates are found by hash; pairs whose decoded records are
    /// equal (the same content hashed differently by another version) are dropped.
    private static func changes(_ db: Database, _ selection: Selection) throws -> [RecordChange] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                WITH \(selection.seenCTE),
                pairs AS (
                    SELECT seen.record_id AS record_id, seen.content_hash AS after_hash, (
                        SELECT history.content_hash FROM job_records history JOIN runs hr ON hr.id = history.run_id
                        WHERE history.record_id = seen.record_id AND history.run_id < ?
                            AND hr.status IN \(Schema.historyStatuses)
                        ORDER BY history.run_id DESC, history.job_id ASC LIMIT 1
                    ) AS before_hash
                    FROM seen
                )
                SELECT b.content AS before, a.content AS after FROM pairs
                JOIN records r ON r.id = pairs.record_id
                JOIN record_versions a ON a.content_hash = pairs.after_hash
                JOIN record_versions b ON b.content_hash = pairs.before_hash
                WHERE pairs.before_hash <> pairs.after_hash
                ORDER BY r.database, r.native_id
                """,
            arguments: selection.arguments + [selection.runID])
        var changes: [RecordChange] = []
        while let row = try rows.next() {
            let before = try StoredRecordReader.record(row, "before")
            let after = try StoredRecordReader.record(row, "after")
            if before != after {
                changes.append(RecordChange(before: before, after: after))
            }
        }
        return changes
    }

    /// New-record counts of one run's jobs, by job id.
    private static func newCounts(_ db: Database, runID: Int64) throws -> [Int64: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT seen.job_id AS job_id, COUNT(*) AS count
                FROM jobs j JOIN job_records seen ON seen.job_id = j.id
                WHERE j.run_id = ? AND NOT \(seenInHistory(before: "?"))
                GROUP BY seen.job_id
                """,
            arguments: [runID, runID])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["job_id"], $0["count"]) })
    }

    /// New-record counts of every job in the store, by job id, in one pass: a record is new in a job when no
    /// history run older than the job's run saw it.
    private static func newCountsForAllJobs(_ db: Database) throws -> [Int64: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH first AS MATERIALIZED (
                    SELECT history.record_id AS record_id, MIN(history.run_id) AS run_id
                    FROM job_records history JOIN runs hr ON hr.id = history.run_id
                    WHERE hr.status IN \(Schema.historyStatuses)
                    GROUP BY history.record_id
                )
                SELECT link.job_id AS job_id, COUNT(*) AS count
                FROM job_records link LEFT JOIN first ON first.record_id = link.record_id
                WHERE first.run_id IS NULL OR first.run_id >= link.run_id
                GROUP BY link.job_id
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["job_id"], $0["count"]) })
    }

    private func jobs(_ db: Database, runID: Int64) throws -> [StoredJob] {
        let newCounts = try Self.newCounts(db, runID: runID)
        return try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE run_id = ? ORDER BY id", arguments: [runID])
            .map { try storedJob($0, newCounts: newCounts) }
    }

    func requireRun(_ db: Database, _ runID: Int64) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [runID]) != nil else {
            throw StoreError(.unknownRun(runID), path: path, message: "no such run")
        }
    }

    private func runSummary(_ row: Row, jobs: [StoredJob]) throws -> RunSummary {
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else {
            let id: Int64 = row["id"]
            throw StoreError(.unreadable, path: path, message: "run \(id) has unknown status '\(statusText)'")
        }
        let finished: Double? = row["finished_at"]
        return RunSummary(
            id: row["id"], review: row["review"], configPath: row["config_path"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            finishedAt: finished.map { Date(timeIntervalSince1970: $0) }, status: status,
            toolVersion: row["tool_version"], jobs: jobs)
    }

    private func storedJob(_ row: Row, newCounts: [Int64: Int]) throws -> StoredJob {
        let id: Int64 = row["id"]
        let report = try mapErrors { try JobColumns.report(from: row) }
        return StoredJob(id: id, runID: row["run_id"], report: report, newCount: newCounts[id] ?? 0)
    }

    static func decodeRecords(
        _ db: Database, sql: String, arguments: StatementArguments
    ) throws -> [LitharvestModel.Record] {
        try StoredRecordReader.records(db, sql: sql, arguments: arguments)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try pool.read(body) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try pool.write(body) }
    }

    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        try Self.mapErrors(path: path, body)
    }

    /// Turns SQLite and coding errors into ``StoreError``s naming the store.
    private static func mapErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as ExistingJobError {
            throw error
        } catch let error as DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT:
                throw StoreError(.unreadable, path: path, message: message)
            default:
                throw StoreError(.io, path: path, message: message)
            }
        } catch let error as StoredFormError {
            throw StoreError(.unreadable, path: path, message: error.message)
        } catch {
            throw StoreError(.io, path: path, message: "\(error)")
        }
    }
}
