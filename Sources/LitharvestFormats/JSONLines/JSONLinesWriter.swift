import Foundation
public import LitharvestModel

/// One JSON object per line: the full normalized record, lossless (it decodes back into ``Record``).
public struct JSONLinesWriter: RecordWriter {
    private let sink: any ByteSink
    private let encoder: JSONEncoder

    /// Creates a writer into `sink`.
    public init(sink: any ByteSink) {
        self.sink = sink
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    public mutating func begin() throws {}

    public mutating func write(_ record: Record) throws {
        try sink.write(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n")
    }

    public mutating func finish() throws {}
}
