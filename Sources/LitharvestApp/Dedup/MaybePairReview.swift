package import LitharvestModel
package import LitharvestStore

/// `litharvest dedup --review`: the store's maybe pairs, one decision at a time, then a re-clustering of the
/// latest run so the decisions take effect.
package struct MaybePairReview {
    /// The store whose pairs are reviewed.
    package let store: HarvestStore

    /// Creates the use case.
    package init(store: HarvestStore) { self.store = store }

    /// The pairs the latest deduplication left open.
    package func pairs() throws -> [StoredMaybePair] { try store.maybePairs() }

    /// Stores a decision on `pair`; later deduplications respect it.
    package func decide(_ pair: StoredMaybePair, same: Bool) throws {
        try store.saveDecision(PairDecision(RecordKey(pair.first), RecordKey(pair.second), same: same))
    }

    /// Re-clusters the latest finished run; nil when there is none.
    package func recluster() throws -> (runID: Int64, summary: RunDedupSummary)? {
        guard let latest = try store.latestFinishedRun() else { return nil }
        return (latest.id, try store.deduplicate(runID: latest.id))
    }

    /// Two records in two columns, one field per line.
    package static func sideBySide(_ a: Record, _ b: Record) -> String {
        func fields(_ record: Record) -> [(String, String)] {
            [
                ("record", "\(record.database):\(record.nativeID)"), ("title", record.title ?? ""),
                ("other title", record.otherTitle ?? ""),
                ("authors", record.authors.prefix(4).map(\.displayName).joined(separator: "; ")),
                ("journal", record.journal ?? record.journalAbbreviation ?? ""),
                ("year", record.year.map(String.init) ?? ""),
                ("vol(issue)", (record.volume ?? "") + (record.issue.map { "(\($0))" } ?? "")),
                ("pages", record.pages ?? ""), ("doi", record.doi ?? ""), ("pmid", record.pmid ?? ""),
            ]
        }
        let width = 48
        func cut(_ text: String) -> String {
            text.count <= width ? text.padding(toLength: width, withPad: " ", startingAt: 0)
                : String(text.prefix(width - 1)) + "…"
        }
        return zip(fields(a), fields(b)).filter { !$0.0.1.isEmpty || !$0.1.1.isEmpty }.map { left, right in
            left.0.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + cut(left.1) + " | " + right.1
        }.joined(separator: "\n")
    }
}
