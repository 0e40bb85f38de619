import ArgumentParser
import LitharvestCore
package import LitharvestFormats

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `--output`, shared by every command that prints records.
struct OutputOptions: ParsableArguments {
    @Option(help: "Record format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write records to this file instead of standard output.")
    var output: String?

    /// Opens the sink the options name.
    func makeSink() throws -> FileSink {
        try output.map { try FileSink(path: $0) } ?? FileSink()
    }

    /// A writer for the chosen format, naming databases and platforms from `registry`.
    func makeWriter(into sink: any ByteSink, registry: ConnectorRegistry) -> any RecordWriter {
        format.writer(into: sink, databaseLabels: registry.databaseLabels)
    }
}
