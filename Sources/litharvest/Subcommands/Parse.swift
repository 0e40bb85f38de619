import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestFormats

/// `litharvest parse`: normalizes saved responses or export files into records, storing nothing.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the normalized records of saved responses or export files (nothing is stored).",
        discussion: """
            Export files (RIS, MEDLINE/nbib, EndNote XML, BibTeX, CSV, CSL-JSON) are read by the shared importer, \
            whatever the database; other files (saved API responses, PubMed XML, Excel) by the database's own \
            parser, plain or gzip-compressed. Counts and skipped records go to standard error. Exit status: 0 \
            every file read, 3 a file lost records (an entry that could not be read, a file cut short), 1 a file \
            could not be read.
            """)

    @Option(name: .shortAndLong, help: "Database the files came from (see `litharvest connectors`).")
    var database: String

    @Option(help: "The files' export format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).")
    var inputFormat: String?

    @OptionGroup var output: OutputOptions

    @Option(help: "A review config whose connectors/ folder holds connector specs (also LITHARVEST_CONNECTORS_DIR).")
    var config: String = ConnectorCatalog.defaultConfigPath

    @Argument(help: "Files to read.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file") }
        if let inputFormat, ImportFormat(name: inputFormat) == nil {
            throw ValidationError("--input-format: unknown format '\(inputFormat)'; known: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let registry = try Failure.mapped(command: nil) { try ConnectorCatalog.registry(configPath: config) }
        guard let factory = registry[database] else {
            throw ValidationError("unknown database '\(database)'; known: \(registry.ids.joined(separator: ", "))")
        }
        let format = inputFormat.flatMap(ImportFormat.init(name:))
        let sink = try output.makeSink()
        var writer = output.makeWriter(into: sink, registry: registry)
        try writer.begin()
        var failed = false
        var lostRecords = false
        var total = 0
        for file in files {
            guard FileManager.default.isReadableFile(atPath: file) else {
                Console.error("litharvest parse: \(file): no such readable file")
                failed = true
                continue
            }
            do {
                let (parser, _) = try FileParsers.parser(
                    forFile: file, database: factory.descriptor.id, format: format, options: ImportOptions(), registry: registry)
                let report = try parser.parseFile(atPath: file) { try writer.write($0) }
                total += report.recordsRead
                Console.error("\(file): \(report.recordsRead) records")
                for diagnostic in report.diagnostics { Console.error("  \(diagnostic)") }
                if report.diagnostics.contains(where: { $0.severity == .error }) { lostRecords = true }
            } catch {
                Console.error("litharvest parse: \(file): \(error)")
                failed = true
            }
        }
        try writer.finish()
        try sink.close()
        if files.count > 1 { Console.error("\(total) records from \(files.count) files") }
        if failed { throw ExitStatus.failure }
        // An error diagnostic means records of the file were lost (an entry unreadable, a file cut short).
        if lostRecords { throw ExitStatus.incomplete }
    }
}
