import Foundation
package import LitharvestModel

/// One JSON object per line: the full normalized record, lossless (it decodes back into ``Record``).
package struct JSONLinesWriter: RecordWriter {
    private let sink: any ByteSink
    private let encoder: JSONEncoder

    /// Creates a writer into `sink`.
    package init(sink: any ByteSink) {
        self.sink = sink
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    package mutating func begin() throws {}

    package mutating func write(_ record: Record) throws {
        try sink.write(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n")
    }

    package mutating func finish() throws {}
}
