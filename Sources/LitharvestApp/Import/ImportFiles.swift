import Foundation
import LitharvestCore
package import LitharvestFormats
import LitharvestHTTP
package import LitharvestModel
package import LitharvestStore

/// `litharvest import`: export files a person downloaded, stored as one database's job of a search.
package struct ImportFiles {
    /// What one file gave.
    package struct FileResult: Sendable {
        /// The file.
        package var path: String
        /// What its parser reported (records read, records skipped with their line).
        package var report: ParseReport
    }

    /// What the import stored.
    package struct Outcome: Sendable {
        /// Records read from all files.
        package var read: Int
        /// Skipped records and records with problems.
        package var skipped: Int
        /// What the store did with them.
        package var saved: JobSaveSummary
        /// `partial` when a file lost records (an entry it could not read, a file cut short), else `ok`.
        package var status: JobReport.Status
        /// Why the job is partial.
        package var reason: String?
        /// The run the job went into.
        package var runID: Int64
        /// Whether that run was created for this import.
        package var createdRun: Bool
        /// The search the files answer.
        package var search: String
        /// The deduplication of the last run the import changed, and that run.
        package var dedup: (runID: Int64, summary: RunDedupSummary)?
    }

    /// The review.
    package var context: ReviewContext
    /// Connector id the records are stored under.
    package var database: String
    /// The config's search the files answer (nil: the config's only search).
    package var search: String?
    /// The query as it was run in the database.
    package var query: String?
    /// The day the search was run (nil: now).
    package var searchedOn: SimpleDate?
    /// The files' format (nil: detected per file).
    package var format: ImportFormat?
    /// Format options (CSV column mapping).
    package var options: ImportOptions
    /// The run to add the job to (nil: the latest finished run, or a new run).
    package var runID: Int64?
    /// Whether an existing job of the same search and database may be replaced.
    package var replace: Bool

    /// Creates the use case.
    package init(
        context: ReviewContext, database: String, search: String?, query: String?, searchedOn: SimpleDate?,
        format: ImportFormat?, options: ImportOptions, runID: Int64?, replace: Bool
    ) {
        self.context = context
        self.database = database
        self.search = search
        self.query = query
        self.searchedOn = searchedOn
        self.format = format
        self.options = options
        self.runID = runID
        self.replace = replace
    }

    /// Reads every file (all or nothing: a file that cannot be read stores nothing), then opens the store,
    /// stores them as one job and re-clusters the runs it changes. `onFile` hears each file's result as it is
    /// read.
    ///
    /// - Throws: ``UsageProblem`` for an unknown search or run, ``CommandFailure`` for an unreadable file or
    ///   a job already there without `replace`, ``StoreBusy`` when a run holds the store.
    package func execute(
        _ files: [String], openStore: () throws -> HarvestStore, onFile: (FileResult) -> Void
    ) throws -> Outcome {
        let searchName = try context.searchName(search)
        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        var read = 0
        var formats: Set<String> = []
        for file in files {
            do {
                let (parser, used) = try FileParsers.parser(
                    forFile: file, database: database, format: format, options: options, registry: context.registry)
                let report = try parser.parseFile(atPath: file) { records.append(relabel($0)) }
                read += report.recordsRead
                diagnostics += report.diagnostics
                formats.insert(used?.rawValue ?? "\(database) parser")
                onFile(FileResult(path: file, report: report))
            } catch {
                throw CommandFailure("\(file): \(error)\nlitharvest import: nothing was stored")
            }
        }

        let searchedAt = searchedOn.map { Date(timeIntervalSince1970: Double($0.dayNumber) * 86_400) }
        let now = Date()
        var report = JobReport(
            search: searchName, database: database, status: .ok, reportedCount: read, retrievedCount: records.count,
            querySent: query, diagnostics: diagnostics, startedAt: searchedAt ?? now, finishedAt: searchedAt ?? now,
            connectorVersion: "import \(formats.sorted().joined(separator: "+")) (litharvest \(LitharvestVersion.current))")
        report.markPartialForErrors()

        let store = try openStore()
        let lock = try ReviewContext.lock(store)
        defer { lock.release() }
        let targetRun: Int64
        var createdRun = false
        if let requested = runID {
            guard try store.run(id: requested) != nil else { throw UsageProblem("there is no run \(requested) in \(store.path)") }
            targetRun = requested
        } else if let latest = try store.latestFinishedRun() {
            targetRun = latest.id
        } else {
            targetRun = try store.beginRun(
                review: context.review.review, configPath: context.review.sourcePath, startedAt: searchedAt ?? now,
                toolVersion: LitharvestVersion.current)
            createdRun = true
        }
        let saved: JobSaveSummary
        do {
            saved = try store.importJob(runID: targetRun, report: report, records: records, replace: replace)
        } catch let error as ExistingJobError {
            if createdRun { try? store.finishRun(runID: targetRun, status: .interrupted, finishedAt: Date()) }
            throw CommandFailure("\(error)")
        }
        if createdRun { try store.finishRun(runID: targetRun, status: .complete, finishedAt: Date()) }
        // The imported records join the run's clusters and PRISMA counts; later runs' counts depend on this
        // run's records, so they are recomputed too, oldest first, leaving the clusters as of the latest run.
        let affected = try store.runs().filter { $0.id >= targetRun && $0.status.isHistory }.map(\.id).sorted()
        var dedup: (runID: Int64, summary: RunDedupSummary)?
        for runID in affected { dedup = (runID, try store.deduplicate(runID: runID)) }
        return Outcome(
            read: read, skipped: diagnostics.filter { $0.severity >= .warning }.count, saved: saved,
            status: report.status, reason: report.reason, runID: targetRun,
            createdRun: createdRun, search: searchName, dedup: dedup)
    }

    /// The database id the user named, also for records a database's own parser labelled differently.
    private func relabel(_ record: Record) -> Record {
        var record = record
        record.database = database
        return record
    }
}
