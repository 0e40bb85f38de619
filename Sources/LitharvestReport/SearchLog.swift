package import Foundation
package import LitharvestModel

/// The PRISMA-S search log of one run: per database, what was searched, how, when, and what came back.
/// Covers PRISMA-S items 1 (databases and platforms), 2 (each searched separately), 8 (strategies exactly as
/// run, and as the database translated them), 9 (limits), 12 (update method), 13 (search dates), 15 (records
/// per database) and 16 (deduplication). Secrets never enter it: queries and reports hold no keys.
package struct SearchLog: Sendable, Encodable {
    /// One database searched for one search.
    package struct Entry: Sendable, Encodable {
        /// Connector id.
        package var database: String
        /// "MEDLINE/PubMed".
        package var databaseName: String
        /// "NCBI E-utilities".
        package var platform: String
        /// The search's name in the config.
        package var search: String
        /// The query exactly as sent.
        package var query: String?
        /// The database's translation, when it reports one.
        package var queryTranslation: String?
        /// Date limits, as text ("records added 1980-01-01 – 2024-05-01").
        package var limits: String?
        /// Slices searched separately, with their counts.
        package var dateWindows: [DateWindow]
        /// Full re-run or narrowed to the time since the previous run.
        package var method: String
        /// When the search ran (UTC, ISO 8601).
        package var searchedAt: String
        /// The count the database reported.
        package var reported: Int?
        /// Records retrieved.
        package var retrieved: Int
        /// Records first seen in this run.
        package var new: Int
        /// ok, partial, failed, skipped.
        package var status: String
        /// Why the status is not ok.
        package var reason: String?
        /// Warnings and notes the database or connector gave.
        package var warnings: [String]
        /// The connector's version.
        package var connectorVersion: String
    }

    /// The review's name.
    package var review: String
    /// The run's number in the store.
    package var run: Int64
    /// The run's status.
    package var runStatus: String
    /// When the run started (UTC, ISO 8601).
    package var startedAt: String
    /// litharvest's version.
    package var toolVersion: String
    /// One entry per search × database.
    package var entries: [Entry]
    /// How duplicates were handled, in a sentence.
    package var deduplication: String

    /// Builds the log from a run's job reports; `labels` names databases and platforms, `newCounts` gives
    /// each job's new records (keyed by search and database).
    package init(
        review: String, run: Int64, runStatus: String, startedAt: Date, toolVersion: String, reports: [JobReport],
        newCounts: [String: Int], labels: DatabaseLabels
    ) {
        self.review = review
        self.run = run
        self.runStatus = runStatus
        self.startedAt = Self.timestamp(startedAt)
        self.toolVersion = toolVersion
        self.entries = reports.map { report in
            let label = labels(report.database)
            var limits: String?
            if report.windowFrom != nil || report.windowUntil != nil {
                limits = "records added to the database "
                    + "\(report.windowFrom.map(\.description) ?? "(any date)") – \(report.windowUntil.map(\.description) ?? "(search date)")"
            }
            return Entry(
                database: report.database, databaseName: label?.name ?? report.database, platform: label?.platform ?? "",
                search: report.search, query: report.querySent, queryTranslation: report.queryTranslation, limits: limits,
                dateWindows: report.windows,
                method: report.isFullSearch
                    ? "full search (the whole strategy re-run)"
                    : "update search narrowed to the time since the previous run (with overlap)",
                searchedAt: Self.timestamp(report.startedAt), reported: report.reportedCount,
                retrieved: report.retrievedCount, new: newCounts[Self.key(report.search, report.database)] ?? 0,
                status: report.status.rawValue, reason: report.reason,
                warnings: report.diagnostics.filter { $0.severity >= .note }.map { "\($0.severity.rawValue): \($0.message)" },
                connectorVersion: report.connectorVersion)
        }
        let identified = entries.reduce(0) { $0 + $1.retrieved }
        self.deduplication =
            "Records are kept once per database and native id (\(identified) retrieved in this run); cross-database "
            + "deduplication has not been run for it (`litharvest dedup`)."
    }

    /// States how the run's records were deduplicated and with what result (PRISMA-S item 16).
    package mutating func recordDeduplication(
        method: String, identified: Int, duplicatesRemoved: Int, unique: Int, newUnique: Int, previousUnique: Int?
    ) {
        var text = "\(method) Records identified: \(identified); duplicates removed: \(duplicatesRemoved); "
            + "unique records: \(unique); unique records not found by an earlier run: \(newUnique)"
        if let previousUnique { text += "; unique records of the previous version: \(previousUnique)" }
        deduplication = text + "."
    }

    /// The key of `newCounts`.
    package static func key(_ search: String, _ database: String) -> String { search + "\u{1F}" + database }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The log as Markdown.
    package var markdown: String {
        var out = "# Search log: \(review)\n\n"
        out += "Run \(run) (\(runStatus)), started \(startedAt) UTC, litharvest \(toolVersion).\n\n"
        out += "| Database | Platform | Search | Searched (UTC) | Reported | Retrieved | New | Status |\n"
        out += "|---|---|---|---|---:|---:|---:|---|\n"
        for entry in entries {
            out += "| \(cell(entry.databaseName)) | \(cell(entry.platform)) | \(cell(entry.search)) | \(entry.searchedAt) | "
                + "\(entry.reported.map(String.init) ?? "–") | \(entry.retrieved) | \(entry.new) | \(entry.status) |\n"
        }
        for entry in entries {
            out += "\n## \(entry.databaseName) (\(entry.platform.isEmpty ? entry.database : entry.platform)) — search \"\(entry.search)\"\n\n"
            out += "- Searched: \(entry.searchedAt) UTC\n"
            out += "- Method: \(entry.method)\n"
            out += "- Limits: \(entry.limits ?? "none")\n"
            if !entry.dateWindows.isEmpty {
                let windows = entry.dateWindows.map { "\($0.from)–\($0.until): \($0.reportedCount)" }.joined(separator: "; ")
                out += "- Searched in \(entry.dateWindows.count) date windows: \(windows)\n"
            }
            out += "- Records: \(entry.reported.map { "\($0) reported, " } ?? "")\(entry.retrieved) retrieved, \(entry.new) new\n"
            out += "- Status: \(entry.status)\(entry.reason.map { " — \($0)" } ?? "")\n"
            out += "- Connector version: \(entry.connectorVersion)\n"
            out += "\nQuery as sent:\n\n```\n\(entry.query ?? "(none)")\n```\n"
            if let translation = entry.queryTranslation {
                out += "\nQuery as the database translated it:\n\n```\n\(translation)\n```\n"
            }
            if !entry.warnings.isEmpty {
                out += "\nWarnings and notes:\n\n" + entry.warnings.map { "- \($0)\n" }.joined()
            }
        }
        out += "\n## Deduplication\n\n\(deduplication)\n"
        return out
    }

    private func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
