import Foundation
import GRDB
import LitharvestModel

/// The store's schema, versioned with GRDB migrations. Never edit a registered migration: add a new one.
enum Schema {
    /// `PRAGMA application_id` of a litharvest store ("LHST").
    static let applicationID: Int32 = 0x4C48_5354

    /// Run statuses whose records count as already seen by later runs.
    static let historyStatuses = "('complete', 'incomplete')"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            // Times are Unix seconds (UTC) as REAL; dates without time are `YYYY-MM-DD` text.
            try db.execute(
                sql: """
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        review TEXT NOT NULL,
                        config_path TEXT,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        status TEXT NOT NULL,
                        tool_version TEXT NOT NULL
                    );
                    CREATE INDEX runs_by_status ON runs(status, id);

                    CREATE TABLE jobs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        search TEXT NOT NULL,
                        database TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reason TEXT,
                        reported_count INTEGER,
                        retrieved_count INTEGER NOT NULL,
                        query_sent TEXT,
                        query_translation TEXT,
                        diagnostics TEXT NOT NULL,
                        window_from TEXT,
                        window_until TEXT,
                        windows TEXT NOT NULL,
                        is_full_search INTEGER NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL NOT NULL,
                        connector_version TEXT NOT NULL
                    );
                    CREATE INDEX jobs_by_run ON jobs(run_id, search);
                    CREATE INDEX jobs_by_search ON jobs(search, database, run_id);

                    CREATE TABLE records (
                        id INTEGER PRIMARY KEY,
                        database TEXT NOT NULL,
                        native_id TEXT NOT NULL,
                        UNIQUE (database, native_id)
                    );

                    CREATE TABLE record_versions (
                        content_hash TEXT PRIMARY KEY NOT NULL,
                        content TEXT NOT NULL
                    );

                    CREATE TABLE job_records (
                        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                        record_id INTEGER NOT NULL REFERENCES records(id),
                        run_id INTEGER NOT NULL,
                        content_hash TEXT NOT NULL REFERENCES record_versions(content_hash),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (job_id, record_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX job_records_by_record ON job_records(record_id, run_id, content_hash);
                    """
            )
        }
        migrator.registerMigration("v2-dedup") { db in
            // Clusters are recomputed for every run (over all history), so only the latest assignment and
            // each run's PRISMA counts are kept; people's decisions on maybe pairs are kept for ever.
            try db.execute(
                sql: """
                    CREATE TABLE run_dedup (
                        run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
                        identified_per_database TEXT NOT NULL,
                        identified INTEGER NOT NULL,
                        duplicates_removed INTEGER NOT NULL,
                        unique_count INTEGER NOT NULL,
                        new_clusters INTEGER NOT NULL,
                        previous_unique INTEGER,
                        method TEXT NOT NULL
                    );

                    CREATE TABLE record_clusters (
                        record_id INTEGER PRIMARY KEY REFERENCES records(id),
                        cluster INTEGER NOT NULL,
                        is_representative INTEGER NOT NULL
                    );
                    CREATE INDEX record_clusters_by_cluster ON record_clusters(cluster);

                    CREATE TABLE maybe_pairs (
                        first_record INTEGER NOT NULL REFERENCES records(id),
                        second_record INTEGER NOT NULL REFERENCES records(id),
                        reason TEXT NOT NULL,
                        PRIMARY KEY (first_record, second_record)
                    ) WITHOUT ROWID;

                    CREATE TABLE pair_decisions (
                        first_database TEXT NOT NULL,
                        first_native_id TEXT NOT NULL,
                        second_database TEXT NOT NULL,
                        second_native_id TEXT NOT NULL,
                        same INTEGER NOT NULL,
                        decided_at REAL NOT NULL,
                        PRIMARY KEY (first_database, first_native_id, second_database, second_native_id)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v3-encoded-records") { db in
            // Record contents move from JSON text to `RecordEncoding`, which reads back several times faster;
            // the content hashes (of the canonical JSON) stay as they were. The table is rebuilt because its
            // column changes type; GRDB checks foreign keys at the end of the migration.
            try db.execute(
                sql: """
                    CREATE TABLE record_versions_encoded (
                        content_hash TEXT PRIMARY KEY NOT NULL,
                        content BLOB NOT NULL
                    )
                    """)
            let insert = try db.makeStatement(sql: "INSERT INTO record_versions_encoded VALUES (?, ?)")
            let rows = try Row.fetchCursor(db, sql: "SELECT content_hash, content FROM record_versions")
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                let hash: String = row[0]
                let json: String = row[1]
                let record: LitharvestModel.Record
                do {
                    record = try decoder.decode(LitharvestModel.Record.self, from: Data(json.utf8))
                } catch {
                    throw StoredFormError(message: "the stored record with hash \(hash) cannot be read: \(error)")
                }
                try insert.execute(arguments: [hash, Data(RecordEncoding.encode(record))])
            }
            try db.execute(
                sql: """
                    DROP TABLE record_versions;
                    ALTER TABLE record_versions_encoded RENAME TO record_versions;
                    """)
        }
        return migrator
    }
}
