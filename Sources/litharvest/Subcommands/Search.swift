import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestCore
import LitharvestModel

/// `litharvest search`: one query against one database, printed, nothing stored.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one query against one database and print the records (nothing is stored).",
        discussion: """
            The total the database reported and the number retrieved are always shown (on standard error for \
            machine formats). --since/--until filter on the date records were added to the database \
            (PubMed: creation date, CRDT). Exit status: 0 complete, 3 partial, 1 failed, 64 usage error, \
            130 interrupted.
            """)

    @Option(name: .shortAndLong, help: "Database id (see `litharvest connectors`).")
    var database: String

    @Option(name: .shortAndLong, help: "The query, in the database's own syntax.")
    var query: String

    @Option(help: "Only records added on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(help: "Only records added on or before this date (YYYY-MM-DD).")
    var until: String?

    @Option(help: "Retrieve at most this many records.")
    var limit: Int?

    @Option(help: "Records per request, for connectors that page (the `page_size` option; PubMed/PMC default: 500).")
    var pageSize: Int?

    @Option(name: .customLong("batch-size"), help: .hidden)
    var deprecatedBatchSize: Int?

    @OptionGroup var output: OutputOptions

    @Option(help: "Base URL to use instead of the database's (also LITHARVEST_<ID>_ENDPOINT).")
    var endpoint: String?

    @Option(help: "A review config whose connectors/ folder holds connector specs (also LITHARVEST_CONNECTORS_DIR).")
    var config: String = ConnectorCatalog.defaultConfigPath

    @Option(help: "Keep every raw response in this directory (secrets masked).")
    var archive: String?

    @Flag(help: "Log every HTTP exchange to standard error.")
    var verbose = false

    func validate() throws {
        if let since, SimpleDate(parsing: since) == nil { throw ValidationError("--since: '\(since)' is not a date (YYYY-MM-DD)") }
        if let until, SimpleDate(parsing: until) == nil { throw ValidationError("--until: '\(until)' is not a date (YYYY-MM-DD)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if pageSize != nil, deprecatedBatchSize != nil { throw ValidationError("give --page-size only (--batch-size is its old name)") }
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--query is empty") }
    }

    /// `--page-size` as the database's `page_size` option, checked against the range it declares.
    private func pageSizeOption(registry: ConnectorRegistry) throws -> [String: String] {
        if deprecatedBatchSize != nil { Console.warn("--batch-size is deprecated; use --page-size") }
        guard let size = pageSize ?? deprecatedBatchSize else { return [:] }
        // An unknown database is reported by SingleSearch, with the list of known ones.
        guard let descriptor = registry[database]?.descriptor else { return [:] }
        guard let option = descriptor.options.first(where: { $0.name == "page_size" }) else {
            throw ValidationError("--page-size: \(descriptor.id) has no page size to set")
        }
        switch option.check(String(size)) {
        case .success(let value): return [option.name: value]
        case .failure(let problem): throw ValidationError("--page-size for \(descriptor.id) must be \(problem.requirement)")
        }
    }

    func run() throws {
        let trap = SignalTrap()
        let registry = try Failure.mapped(command: nil) { try ConnectorCatalog.registry(configPath: config) }
        let environment = try HarvestEnvironment(archiveDirectory: archive)
        let options = try pageSizeOption(registry: registry)
        let search = try Failure.mapped(command: "search") {
            try SingleSearch(
                database: database, registry: registry, environment: environment, endpoint: endpoint, options: options)
        }
        let showProgress = Console.stderrIsTerminal
        let queryValue = Query(
            text: query, from: since.flatMap(SimpleDate.init(parsing:)), until: until.flatMap(SimpleDate.init(parsing:)),
            limit: limit)
        var progress: (@Sendable (Int, Int?) -> Void)?
        if showProgress {
            progress = { retrieved, total in
                let totalText = total.map { String($0) } ?? "?"
                FileHandle.standardError.write(Data("\rretrieved \(retrieved) of \(totalText)".utf8))
            }
        }
        let outcome = search.run(
            queryValue, environment: environment, cancellation: trap.flag, observer: HTTPLog.observer(verbose: verbose),
            progress: progress)
        if showProgress { Console.error("") }
        let report = outcome.report
        guard report.status == .ok || report.status == .partial else {
            Console.error("litharvest search: \(report.database): \(report.reason ?? report.status.rawValue)")
            throw trap.flag.isCancelled ? ExitStatus.interrupted : ExitStatus.failure
        }

        let sink = try output.makeSink()
        var writer = output.makeWriter(into: sink, registry: registry)
        try writer.begin()
        for record in outcome.records { try writer.write(record) }
        try writer.finish()

        let summary = Self.summary(of: report, descriptor: search.factory.descriptor)
        if output.format.isMachineReadable || output.output != nil {
            try sink.close()
            summary.forEach(Console.error)
        } else {
            try sink.write("\n" + summary.joined(separator: "\n") + "\n")
            try sink.close()
        }
        if report.status == .partial { throw ExitStatus.incomplete }
    }

    static func summary(of report: JobReport, descriptor: ConnectorDescriptor) -> [String] {
        var lines = [
            "\(descriptor.name): \(report.reportedCount.map(String.init) ?? "no count") reported, "
                + "\(report.retrievedCount) retrieved"
        ]
        lines.append("query sent: \(report.querySent ?? "")")
        if let translation = report.queryTranslation { lines.append("query as translated: \(translation)") }
        for diagnostic in report.diagnostics { lines.append(diagnostic.description) }
        if report.status == .partial, let reason = report.reason { lines.append("PARTIAL: \(reason)") }
        return lines
    }
}
