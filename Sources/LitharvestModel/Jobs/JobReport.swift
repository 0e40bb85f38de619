package import Foundation

/// What one search × database job did in a run: the facts a PRISMA-S search log and the store keep.
package struct JobReport: Sendable, Hashable, Codable {
    /// How the job ended.
    package enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every record the database reported was retrieved.
        case ok
        /// Some records are missing; `reason` says which and why.
        case partial
        /// The search could not be carried out; `reason` says why.
        case failed
        /// Not run (a missing key, a disabled database, an interrupted run); `reason` says why.
        case skipped
    }

    /// The search's name in the config.
    package var search: String
    /// Connector id.
    package var database: String
    /// How the job ended.
    package var status: Status
    /// Why it is not `ok`.
    package var reason: String?
    /// The count the database reported.
    package var reportedCount: Int?
    /// Records retrieved (and stored).
    package var retrievedCount: Int
    /// The query exactly as sent.
    package var querySent: String?
    /// The database's translation of the query.
    package var queryTranslation: String?
    /// Warnings and notes.
    package var diagnostics: [Diagnostic]
    /// The date limits applied to the whole search (config limits or `--since`).
    package var windowFrom: SimpleDate?
    /// The end of the date limits.
    package var windowUntil: SimpleDate?
    /// Slices the connector searched separately, with their counts.
    package var windows: [DateWindow]
    /// False when the query was narrowed to the time since an earlier run (`--since last`): records absent
    /// from such a job are not "gone".
    package var isFullSearch: Bool
    /// When the job started (UTC).
    package var startedAt: Date
    /// When it ended (UTC).
    package var finishedAt: Date
    /// The connector's version.
    package var connectorVersion: String

    /// Creates a report.
    package init(
        search: String, database: String, status: Status, reason: String? = nil, reportedCount: Int? = nil,
        retrievedCount: Int = 0, querySent: String? = nil, queryTranslation: String? = nil,
        diagnostics: [Diagnostic] = [], windowFrom: SimpleDate? = nil, windowUntil: SimpleDate? = nil,
        windows: [DateWindow] = [], isFullSearch: Bool = true, startedAt: Date, finishedAt: Date,
        connectorVersion: String
    ) {
        self.search = search
        self.database = database
        self.status = status
        self.reason = reason
        self.reportedCount = reportedCount
        self.retrievedCount = retrievedCount
        self.querySent = querySent
        self.queryTranslation = queryTranslation
        self.diagnostics = diagnostics
        self.windowFrom = windowFrom
        self.windowUntil = windowUntil
        self.windows = windows
        self.isFullSearch = isFullSearch
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.connectorVersion = connectorVersion
    }
}

extension JobReport {
    /// The messages of the error-severity diagnostics, joined: what the job lost (a query part the database
    /// dropped, a record or the end of a file it could not read).
    package var errorSummary: String? {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return nil }
        let shown = errors.prefix(3).map(\.description).joined(separator: "; ")
        return errors.count > 3 ? shown + "; and \(errors.count - 3) more" : shown
    }

    /// An `ok` job with error diagnostics did not deliver everything it was asked for: it becomes `partial`,
    /// with the errors as its reason (a job already partial keeps its reason and gains the errors).
    package mutating func markPartialForErrors() {
        guard let errors = errorSummary, status == .ok || status == .partial else { return }
        if status == .ok {
            status = .partial
            reason = errors
        } else if let reason, !reason.contains(errors) {
            self.reason = reason + "; " + errors
        }
    }
}
