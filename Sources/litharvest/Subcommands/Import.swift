import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestHTTP
import LitharvestImport
import LitharvestStore

/// `litharvest import`: stores export files a person downloaded as one database's job of a search.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store export files (RIS, nbib, EndNote XML, BibTeX, CSV, CSL-JSON, PubMed XML, Excel) as a database's job.",
        discussion: """
            The files' records become the --database job of --search in the latest finished run (or --run ID; a \
            new run when the store has none), with --query and --date recorded for the PRISMA-S search log. A \
            job already there for the same search and database is replaced only with --replace. Formats are \
            detected from the content unless --format is given. Prints records read, skipped and new.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .shortAndLong, help: "Database the files were exported from (e.g. cochrane, riss, kiss, embase).")
    var database: String

    @Option(help: "The config's search the files answer (default: the config's only search).")
    var search: String?

    @Option(help: "The query as it was run in the database (recorded as the query sent).")
    var query: String?

    @Option(help: "The day the search was run, YYYY-MM-DD (default: today).")
    var date: String?

    @Option(help: "The files' format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).")
    var format: String?

    @Option(help: "For CSV: field=Header pairs, e.g. `title=Article Title,author=Authors,year=Publication Year`.")
    var columns: String?

    @Option(name: .customLong("run"), help: "The run to add the job to (default: the latest finished run).")
    var runID: Int64?

    @Flag(help: "Replace the run's existing job for this search and database.")
    var replace = false

    @Argument(help: "Export files to import (all become one job).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file") }
        if let format, ImportFormat(name: format) == nil {
            throw ValidationError("--format: unknown format '\(format)'; known: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let date, SimpleDate(parsing: date) == nil { throw ValidationError("--date: '\(date)' is not a YYYY-MM-DD date") }
        if database.isEmpty || !database.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            throw ValidationError("--database: '\(database)' is not a database id")
        }
        if let columns {
            do {
                _ = try ImportOptions.columnMapping(columns)
            } catch {
                throw ValidationError("--columns: \(error)")
            }
        }
    }

    func run() throws {
        let review = try options.loadConfig()
        let searchName = try resolveSearch(review)
        let registry = ConnectorRegistry.builtIn
        let importOptions = ImportOptions(columns: try columns.map(ImportOptions.columnMapping) ?? [:])
        let chosenFormat = format.flatMap(ImportFormat.init(name:))

        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        var read = 0
        var formats: Set<String> = []
        for file in files {
            do {
                let (parser, used) = try ExportFileParsers.parser(
                    forFile: file, database: database, format: chosenFormat, options: importOptions, registry: registry)
                let report = try parser.parseFile(atPath: file) { records.append(relabel($0)) }
                read += report.recordsRead
                diagnostics += report.diagnostics
                formats.insert(used?.rawValue ?? "\(database) parser")
                let skipped = report.diagnostics.filter { $0.severity >= .warning }.count
                Console.error("\(file): \(report.recordsRead) records read, \(skipped) skipped or with problems")
                for diagnostic in report.diagnostics { Console.error("  \(diagnostic)") }
            } catch {
                Console.error("litharvest import: \(file): \(error)")
                Console.error("litharvest import: nothing was stored")
                throw ExitStatus.failure
            }
        }

        let searchedAt = date.flatMap(SimpleDate.init(parsing:)).map { Date(timeIntervalSince1970: Double($0.dayNumber) * 86_400) }
        let now = Date()
        let report = JobReport(
            search: searchName, database: database, status: .ok, reportedCount: read, retrievedCount: records.count,
            querySent: query, diagnostics: diagnostics, startedAt: searchedAt ?? now, finishedAt: searchedAt ?? now,
            connectorVersion: "import \(formats.sorted().joined(separator: "+")) (litharvest \(LitharvestVersion.current))")

        let store = try options.openStore(for: review)
        let lock: StoreLock
        do {
            lock = try store.lockForRun()
        } catch {
            Console.error("litharvest import: \(error)")
            throw ExitStatus.locked
        }
        defer { lock.release() }

        let targetRun: Int64
        var createdRun = false
        if let requested = runID {
            guard try store.run(id: requested) != nil else { throw ValidationError("there is no run \(requested) in \(store.path)") }
            targetRun = requested
        } else if let latest = try store.latestFinishedRun() {
            targetRun = latest.id
        } else {
            targetRun = try store.beginRun(
                review: review.review, configPath: review.sourcePath, startedAt: searchedAt ?? now,
                toolVersion: LitharvestVersion.current)
            createdRun = true
        }
        let saved: JobSaveSummary
        do {
            saved = try store.importJob(runID: targetRun, report: report, records: records, replace: replace)
        } catch let error as ExistingJobError {
            Console.error("litharvest import: \(error)")
            if createdRun { try? store.finishRun(runID: targetRun, status: .interrupted, finishedAt: Date()) }
            throw ExitStatus.failure
        }
        if createdRun { try store.finishRun(runID: targetRun, status: .complete, finishedAt: Date()) }
        // The imported records join the run's clusters and PRISMA counts; later runs' counts depend on this
        // run's records, so they are recomputed too, oldest first, leaving the clusters as of the latest run.
        let affected = try store.runs().filter { $0.id >= targetRun && $0.status.isHistory }.map(\.id).sorted()
        var dedup: RunDedupSummary?
        for runID in affected { dedup = try store.deduplicate(runID: runID) }
        if let dedup {
            Console.error(
                "dedup of run \(affected.last ?? targetRun): \(dedup.identified) records identified, "
                    + "\(dedup.duplicatesRemoved) duplicates removed, \(dedup.unique) unique, \(dedup.newClusters) new")
        }

        let skipped = diagnostics.filter { $0.severity >= .warning }.count
        print(
            "\(read) records read, \(skipped) skipped or with problems, \(saved.stored) stored, \(saved.new) new, "
                + "\(saved.changed) changed: \(database) job of search '\(searchName)' in run \(targetRun)"
                + (createdRun ? " (new run)" : ""))
    }

    /// The database id the user named, also for records a database's own parser labelled differently.
    private func relabel(_ record: Record) -> Record {
        var record = record
        record.database = database
        return record
    }

    private func resolveSearch(_ review: ReviewConfig) throws -> String {
        let names = review.searches.map(\.name)
        if let search {
            guard names.contains(search) else {
                throw ValidationError("no search named '\(search)' in \(options.config) (it has: \(names.joined(separator: ", ")))")
            }
            return search
        }
        guard names.count == 1, let only = names.first else {
            throw ValidationError("--search: name one of the config's searches (\(names.joined(separator: ", ")))")
        }
        return only
    }
}
