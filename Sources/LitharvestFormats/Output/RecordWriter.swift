package import LitharvestModel

/// Streams records out in one format, record by record, so output of any size needs no more memory than one
/// record. Call ``begin()``, ``write(_:)`` for each record, then ``finish()``.
package protocol RecordWriter {
    /// Writes whatever precedes the first record (an opening bracket, a header row).
    mutating func begin() throws
    /// Writes one record.
    mutating func write(_ record: Record) throws
    /// Writes whatever follows the last record.
    mutating func finish() throws
}

/// Where writers put bytes: a file, standard output, a buffer in a test.
package protocol ByteSink: AnyObject {
    /// Appends UTF-8 text.
    func write(_ text: String) throws
}

/// A sink collecting text in memory (tests, small outputs).
package final class StringSink: ByteSink {
    /// Everything written so far.
    package private(set) var text = ""

    /// Creates an empty sink.
    package init() {}

    package func write(_ text: String) throws { self.text += text }
}
