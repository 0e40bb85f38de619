public import Foundation
public import LitharvestCore
public import LitharvestDedup
import GRDB

/// Cross-database, cross-run deduplication of a review's records.
extension HarvestStore {
    /// Clusters the records of `runID` together with every record of the earlier complete or incomplete runs,
    /// respecting stored review decisions; stores the clusters, the open maybe pairs and the run's PRISMA
    /// counts (see ``dedupSummary(runID:)``), and returns the counts.
    @discardableResult
    public func deduplicate(runID: Int64) throws -> RunDedupSummary {
        let rows = try read { db in
            try requireRun(db, runID)
            return try Row.fetchAll(
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
        }
        let hadHistory = try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id < ? AND status IN \(Schema.historyStatuses))",
                arguments: [runID]) ?? false
        }
        let recordIDs: [Int64] = rows.map { $0["record_id"] }
        let inRun: [Bool] = rows.map { $0["in_run"] }
        let earlier: [Bool] = rows.map { $0["earlier"] }
        let contents: [String] = rows.map { $0["content"] }
        let records = try read { _ in try chunkedMap(contents) { try Self.decodeRecord($0, JSONDecoder()) } }
        let result = Deduplicator(decisions: try pairDecisions()).cluster(records)

        var perDatabase: [String: Int] = [:]
        var runClusters = Set<Int>()
        var earlierClusters = Set<Int>()
        for index in records.indices {
            let cluster = result.clusterOfRecord[index]
            if inRun[index] {
                perDatabase[records[index].database, default: 0] += 1
                runClusters.insert(cluster)
            }
            if earlier[index] { earlierClusters.insert(cluster) }
        }
        let identified = perDatabase.values.reduce(0, +)
        let summary = RunDedupSummary(
            identifiedPerDatabase: perDatabase, identified: identified,
            duplicatesRemoved: identified - runClusters.count, unique: runClusters.count,
            newClusters: runClusters.subtracting(earlierClusters).count,
            previousUnique: hadHistory ? earlierClusters.count : nil, method: Deduplicator.methodDescription)
        let perDatabaseJSON = String(decoding: try JSONEncoder().encode(perDatabase), as: UTF8.self)
        try write { db in
            try db.execute(sql: "DELETE FROM record_clusters")
            for (index, recordID) in recordIDs.enumerated() {
                let cluster = result.clusters[result.clusterOfRecord[index]]
                try db.execute(
                    sql: "INSERT INTO record_clusters (record_id, cluster, is_representative) VALUES (?, ?, ?)",
                    arguments: [recordID, recordIDs[cluster.representative], cluster.representative == index])
            }
            try db.execute(sql: "DELETE FROM maybe_pairs")
            for pair in result.maybePairs {
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
        return summary
    }

    /// The deduplication counts stored for `runID`, or nil when the run was not deduplicated.
    public func dedupSummary(runID: Int64) throws -> RunDedupSummary? {
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
    public func clusterMembers(of key: RecordKey) throws -> [RecordKey] {
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
    public func maybePairs() throws -> [StoredMaybePair] {
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
                    first: try Self.decodeRecord(row["first"], JSONDecoder()), second: try Self.decodeRecord(row["second"], JSONDecoder()),
                    reason: row["reason"])
            }
        }
    }

    /// Stores a person's decision on a pair (replacing an earlier one); later deduplications respect it.
    public func saveDecision(_ decision: PairDecision, decidedAt: Date = Date()) throws {
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
    public func pairDecisions() throws -> [PairDecision] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pair_decisions").map { row in
                PairDecision(
                    RecordKey(database: row["first_database"], nativeID: row["first_native_id"]),
                    RecordKey(database: row["second_database"], nativeID: row["second_native_id"]), same: row["same"])
            }
        }
    }

    /// One record per cluster first seen in `runID` (no member seen by an earlier complete or incomplete run):
    /// the representative, completed from the other members, with every member's id among its identifiers.
    /// Nil when the run was not deduplicated.
    public func newClusterRecords(runID: Int64) throws -> [LitharvestCore.Record]? {
        guard try dedupSummary(runID: runID) != nil else { return nil }
        let clusters = try clusterRecords(runID: runID)
        return clusters.filter { !$0.seenEarlier }.map(\.merged)
    }

    /// One record per cluster among `runID`'s records, merged as in ``newClusterRecords(runID:)``.
    public func clusterRepresentatives(runID: Int64) throws -> [LitharvestCore.Record] {
        try clusterRecords(runID: runID).map(\.merged)
    }

    private func clusterRecords(runID: Int64) throws -> [(merged: LitharvestCore.Record, seenEarlier: Bool)] {
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
        var output: [(merged: LitharvestCore.Record, seenEarlier: Bool)] = []
        var currentCluster: Int64? = nil
        var members: [LitharvestCore.Record] = []
        var seenEarlier = false
        func flush() {
            guard let first = members.first else { return }
            output.append((Representative.merged(first, with: Array(members.dropFirst())), seenEarlier))
        }
        for row in rows {
            let cluster: Int64 = row["cluster"]
            if cluster != currentCluster {
                flush()
                currentCluster = cluster
                members = []
                seenEarlier = false
            }
            members.append(try Self.decodeRecord(row["content"], JSONDecoder()))
            if row["earlier"] as Bool { seenEarlier = true }
        }
        flush()
        return output
    }
}

/// A maybe pair as stored, for `litharvest dedup --review`.
public struct StoredMaybePair: Sendable {
    /// One record.
    public var first: LitharvestCore.Record
    /// The other.
    public var second: LitharvestCore.Record
    /// Which evidence agreed and which conflicted.
    public var reason: String
}
