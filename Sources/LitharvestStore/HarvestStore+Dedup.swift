package import Foundation
package import LitharvestModel
import GRDB

/// Cross-database, cross-run deduplication of a review's records.
extension HarvestStore {
    /// What deduplicating `runID` reads: every record of the run and of the earlier complete or incomplete
    /// runs (each once, in its latest version), with where each was seen.
    package func dedupInput(runID: Int64) throws -> DedupInput {
        var recordIDs: [Int64] = []
        var inRun: [Bool] = []
        var earlier: [Bool] = []
        let reader = StoredRecordReader()
        try read { db in
            try requireRun(db, runID)
            // A cursor, so that only a batch of the stored bytes is in memory besides the records.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    WITH links AS (
                        SELECT jr.record_id, jr.run_id, jr.content_hash FROM job_records jr
                        JOIN runs ru ON ru.id = jr.run_id
                        WHERE jr.run_id = ?1 OR (jr.run_id < ?1 AND ru.status IN \(Schema.historyStatuses))
                    ),
                    latest AS (
                        SELECT record_id, MAX(run_id) AS run_id, MAX(run_id = ?1) AS in_run, MAX(run_id < ?1) AS earlier
                        FROM links GROUP BY record_id
                    )
                    SELECT l.record_id, l.in_run, l.earlier,
                        (SELECT v.content FROM links k JOIN record_versions v ON v.content_hash = k.content_hash
                         WHERE k.record_id = l.record_id AND k.run_id = l.run_id LIMIT 1) AS content
                    FROM latest l ORDER BY l.record_id
                    """,
                arguments: [runID])
            while let row = try rows.next() {
                recordIDs.append(row[0])
                inRun.append(row[1])
                earlier.append(row[2])
                try reader.append(row, column: 3)
            }
        }
        let records = try mapErrors { try reader.finish() }
        let hadHistory = try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id < ? AND status IN \(Schema.historyStatuses))",
                arguments: [runID]) ?? false
        }
        return DedupInput(
            recordIDs: recordIDs, records: records, inRun: inRun, earlier: earlier, hadHistory: hadHistory)
    }

    /// Replaces the stored clusters and open maybe pairs with those of a deduplication of `input` and stores
    /// the run's PRISMA counts.
    ///
    /// - Parameters:
    ///   - representativeOf: for each record of `input`, the index of its cluster's representative.
    ///   - maybePairs: pairs of record indices left for a person, with the reason.
    package func saveDeduplication(
        runID: Int64, input: DedupInput, representativeOf: [Int], maybePairs: [(first: Int, second: Int, reason: String)],
        summary: RunDedupSummary
    ) throws {
        let recordIDs = input.recordIDs
        let perDatabaseJSON = String(decoding: try JSONEncoder().encode(summary.identifiedPerDatabase), as: UTF8.self)
        try write { db in
            try db.execute(sql: "DELETE FROM record_clusters")
            for (index, recordID) in recordIDs.enumerated() {
                let representative = representativeOf[index]
                try db.execute(
                    sql: "INSERT INTO record_clusters (record_id, cluster, is_representative) VALUES (?, ?, ?)",
                    arguments: [recordID, recordIDs[representative], representative == index])
            }
            try db.execute(sql: "DELETE FROM maybe_pairs")
            for pair in maybePairs {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO maybe_pairs (first_record, second_record, reason) VALUES (?, ?, ?)",
                    arguments: [recordIDs[pair.first], recordIDs[pair.second], pair.reason])
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO run_dedup (run_id, identified_per_database, identified, duplicates_removed,
                        unique_count, new_clusters, previous_unique, method)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    runID, perDatabaseJSON, summary.identified, summary.duplicatesRemoved, summary.unique,
                    summary.newClusters, summary.previousUnique, summary.method,
                ])
        }
    }

    /// The deduplication counts stored for `runID`, or nil when the run was not deduplicated.
    package func dedupSummary(runID: Int64) throws -> RunDedupSummary? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run_dedup WHERE run_id = ?", arguments: [runID])
            else { return nil }
            let perDatabaseJSON: String = row["identified_per_database"]
            let perDatabase = try JSONDecoder().decode([String: Int].self, from: Data(perDatabaseJSON.utf8))
            return RunDedupSummary(
                identifiedPerDatabase: perDatabase, identified: row["identified"],
                duplicatesRemoved: row["duplicates_removed"], unique: row["unique_count"],
                newClusters: row["new_clusters"], previousUnique: row["previous_unique"], method: row["method"])
        }
    }

    /// Every member of the cluster holding `key` (including `key`), as of the latest deduplication;
    /// `[key]` alone when the record is in no cluster.
    package func clusterMembers(of key: RecordKey) throws -> [RecordKey] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r2.database, r2.native_id FROM records r
                    JOIN record_clusters c ON c.record_id = r.id
                    JOIN record_clusters c2 ON c2.cluster = c.cluster
                    JOIN records r2 ON r2.id = c2.record_id
                    WHERE r.database = ? AND r.native_id = ?
                    ORDER BY r2.database, r2.native_id
                    """,
                arguments: [key.database, key.nativeID])
            let members = rows.map { RecordKey(database: $0["database"], nativeID: $0["native_id"]) }
            return members.isEmpty ? [key] : members
        }
    }

    /// The pairs the latest deduplication left for a person, with both records' latest content.
    package func maybePairs() throws -> [StoredMaybePair] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.reason,
                        (SELECT v.content FROM job_records jr JOIN record_versions v ON v.content_hash = jr.content_hash
                         WHERE jr.record_id = m.first_record ORDER BY jr.run_id DESC LIMIT 1) AS first,
                        (SELECT v.content FROM job_records jr JOIN record_versions v ON v.content_hash = jr.content_hash
                         WHERE jr.record_id = m.second_record ORDER BY jr.run_id DESC LIMIT 1) AS second
                    FROM maybe_pairs m ORDER BY m.first_record, m.second_record
                    """)
            return try rows.map { row in
                StoredMaybePair(
                    first: try StoredRecordReader.record(row, "first"), second: try StoredRecordReader.record(row, "second"),
                    reason: row["reason"])
            }
        }
    }

    /// Stores a person's decision on a pair (replacing an earlier one); later deduplications respect it.
    package func saveDecision(_ decision: PairDecision, decidedAt: Date = Date()) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO pair_decisions
                        (first_database, first_native_id, second_database, second_native_id, same, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    decision.first.database, decision.first.nativeID, decision.second.database,
                    decision.second.nativeID, decision.same, decidedAt.timeIntervalSince1970,
                ])
        }
    }

    /// Every stored decision.
    package func pairDecisions() throws -> [PairDecision] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pair_decisions").map { row in
                PairDecision(
                    RecordKey(database: row["first_database"], nativeID: row["first_native_id"]),
                    RecordKey(database: row["second_database"], nativeID: row["second_native_id"]), same: row["same"])
            }
        }
    }

    /// The clusters holding `runID`'s records, as of the latest deduplication: each cluster's members (the
    /// representative first) and whether an earlier complete or incomplete run saw any of them.
    package func clusters(runID: Int64) throws -> [StoredCluster] {
        let rows = try read { db in
            try requireRun(db, runID)
            return try Row.fetchAll(
                db,
                sql: """
                    WITH run_clusters AS (
                        SELECT DISTINCT c.cluster FROM job_records jr JOIN record_clusters c ON c.record_id = jr.record_id
                        WHERE jr.run_id = ?1
                    )
                    SELECT c.cluster, c.is_representative,
                        EXISTS (SELECT 1 FROM job_records e JOIN runs ru ON ru.id = e.run_id
                                WHERE e.record_id = c.record_id AND e.run_id < ?1
                                  AND ru.status IN \(Schema.historyStatuses)) AS earlier,
                        (SELECT v.content FROM job_records jr JOIN record_versions v ON v.content_hash = jr.content_hash
                         WHERE jr.record_id = c.record_id ORDER BY jr.run_id DESC LIMIT 1) AS content
                    FROM record_clusters c JOIN run_clusters USING (cluster)
                    ORDER BY c.cluster, c.is_representative DESC, c.record_id
                    """,
                arguments: [runID])
        }
        var output: [StoredCluster] = []
        var currentCluster: Int64? = nil
        var members: [LitharvestModel.Record] = []
        var seenEarlier = false
        func flush() {
            guard let first = members.first else { return }
            output.append(StoredCluster(representative: first, others: Array(members.dropFirst()), seenEarlier: seenEarlier))
        }
        for row in rows {
            let cluster: Int64 = row["cluster"]
            if cluster != currentCluster {
                flush()
                currentCluster = cluster
                members = []
                seenEarlier = false
            }
            members.append(try StoredRecordReader.record(row, "content"))
            if row["earlier"] as Bool { seenEarlier = true }
        }
        flush()
        return output
    }
}

/// A maybe pair as stored, for `litharvest dedup --review`.
package struct StoredMaybePair: Sendable {
    /// One record.
    package var first: LitharvestModel.Record
    /// The other.
    package var second: LitharvestModel.Record
    /// Which evidence agreed and which conflicted.
    package var reason: String
}

/// What a deduplication of one run reads from the store.
package struct DedupInput: Sendable {
    /// The store's ids of the records, in the order of ``records``.
    package var recordIDs: [Int64]
    /// The records, each in its latest version.
    package var records: [LitharvestModel.Record]
    /// Whether the run itself saw each record.
    package var inRun: [Bool]
    /// Whether an earlier complete or incomplete run saw each record.
    package var earlier: [Bool]
    /// Whether any earlier run counts as history (false for a review's first run).
    package var hadHistory: Bool
}

/// A cluster as stored: its representative, the other members and whether it was seen before.
package struct StoredCluster: Sendable {
    /// The member chosen to stand for the study.
    package var representative: LitharvestModel.Record
    /// The other members.
    package var others: [LitharvestModel.Record]
    /// Whether an earlier complete or incomplete run saw any member.
    package var seenEarlier: Bool
}
