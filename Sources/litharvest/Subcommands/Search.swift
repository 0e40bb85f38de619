import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore

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

    @Option(help: "Records per fetch request, for connectors that page (PubMed/PMC default: 500).")
    var batchSize: Int?

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
        if let batchSize, !(1...10_000).contains(batchSize) { throw ValidationError("--batch-size must be 1–10000") }
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--query is empty") }
    }

    func run() throws {
        let trap = SignalTrap()
        let environment = try HarvestEnvironment(
            cancellation: trap.flag, archiveDirectory: archive, registry: try ConnectorCatalog.registry(configPath: config))
        defer { environment.shutdown() }
        let factory = try environment.factory(for: database)
        var settings = environment.resolver.settings(for: factory.descriptor, endpointOverride: endpoint)
        if let batchSize { settings.options["batch_size"] = String(batchSize) }
        if let key = factory.descriptor.key, key.isRequired, settings.apiKey == nil {
            Console.error(
                "litharvest search: \(factory.descriptor.name) needs a key: set \(key.environmentVariable) "
                    + "(\(key.howToObtain))")
            throw ExitStatus.failure
        }
        let showProgress = Console.stderrIsTerminal
        var context = SearchContext(
            http: environment.client(for: settings, verbose: verbose), settings: settings, cancellation: trap.flag)
        if showProgress {
            context.progress = { retrieved, total in
                let totalText = total.map { String($0) } ?? "?"
                FileHandle.standardError.write(Data("\rretrieved \(retrieved) of \(totalText)".utf8))
            }
        }
        let queryValue = Query(
            text: query, from: since.flatMap(SimpleDate.init(parsing:)), until: until.flatMap(SimpleDate.init(parsing:)),
            limit: limit)

        let result: SearchResult
        do {
            result = try factory.make().search(queryValue, context: context)
        } catch {
            if showProgress { Console.error("") }
            Console.error("litharvest search: \(factory.descriptor.id): \(error)")
            throw trap.flag.isCancelled ? ExitStatus.interrupted : ExitStatus.failure
        }
        if showProgress { Console.error("") }

        let sink = try output.makeSink()
        var writer = output.makeWriter(into: sink, registry: environment.registry)
        try writer.begin()
        for record in result.records { try writer.write(record) }
        try writer.finish()

        let summary = Self.summary(of: result, descriptor: factory.descriptor)
        if output.format.isMachineReadable || output.output != nil {
            try sink.close()
            summary.forEach(Console.error)
        } else {
            try sink.write("\n" + summary.joined(separator: "\n") + "\n")
            try sink.close()
        }
        if case .partial = result.completeness { throw ExitStatus.incomplete }
    }

    static func summary(of result: SearchResult, descriptor: ConnectorDescriptor) -> [String] {
        var lines = [
            "\(descriptor.name): \(result.reportedCount.map(String.init) ?? "no count") reported, "
                + "\(result.records.count) retrieved"
        ]
        lines.append("query sent: \(result.querySent)")
        if let translation = result.queryTranslation { lines.append("query as translated: \(translation)") }
        for diagnostic in result.diagnostics { lines.append(diagnostic.description) }
        if case .partial(let reason) = result.completeness { lines.append("PARTIAL: \(reason)") }
        return lines
    }
}
