/// The record formats litharvest prints.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, jsonl, csljson

    /// A writer for this format into `sink`.
    public func writer(into sink: any ByteSink) -> any RecordWriter {
        switch self {
        case .table: TableWriter(sink: sink)
        case .jsonl: JSONLinesWriter(sink: sink)
        case .csljson: CSLJSONWriter(sink: sink)
        }
    }

    /// Whether the output is meant for programs (summaries then go to stderr).
    public var isMachineReadable: Bool { self != .table }
}
