import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestFormats
import LitharvestModel

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
        let context = try options.loadContext()
        let use = ImportFiles(
            context: context, database: database, search: search, query: query,
            searchedOn: date.flatMap(SimpleDate.init(parsing:)), format: format.flatMap(ImportFormat.init(name:)),
            options: ImportOptions(columns: try columns.map(ImportOptions.columnMapping) ?? [:]), runID: runID,
            replace: replace)
        let outcome = try Failure.mapped(command: "import") {
            try use.execute(files, openStore: { try options.openStore(context) }) { file in
                let skipped = file.report.diagnostics.filter { $0.severity >= .warning }.count
                Console.error("\(file.path): \(file.report.recordsRead) records read, \(skipped) skipped or with problems")
                for diagnostic in file.report.diagnostics { Console.error("  \(diagnostic)") }
            }
        }
        if let dedup = outcome.dedup {
            Console.error(
                "dedup of run \(dedup.runID): \(dedup.summary.identified) records identified, "
                    + "\(dedup.summary.duplicatesRemoved) duplicates removed, \(dedup.summary.unique) unique, "
                    + "\(dedup.summary.newClusters) new")
        }
        print(
            "\(outcome.read) records read, \(outcome.skipped) skipped or with problems, \(outcome.saved.stored) stored, "
                + "\(outcome.saved.new) new, \(outcome.saved.changed) changed: \(database) job of search "
                + "'\(outcome.search)' in run \(outcome.runID)" + (outcome.createdRun ? " (new run)" : ""))
        if outcome.status == .partial {
            Console.error("litharvest import: the job is partial: \(outcome.reason ?? "records were lost")")
            throw ExitStatus.incomplete
        }
    }
}
