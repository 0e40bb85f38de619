/// A legacy `.xls` file that cannot be read, with the file and the byte offset where reading stopped.
package struct ExcelReadError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file (or other source name) being read, when known.
    package var source: String?
    /// Byte offset in the file, or in the named stream when `stream` is set.
    package var offset: Int?
    /// The compound-file stream the offset refers to (`Workbook`), nil for file offsets.
    package var stream: String?
    /// What is wrong, in a sentence.
    package var message: String

    /// Creates an error.
    package init(_ message: String, source: String? = nil, offset: Int? = nil, stream: String? = nil) {
        self.message = message
        self.source = source
        self.offset = offset
        self.stream = stream
    }

    package var description: String {
        var place = source ?? "<xls>"
        if let offset {
            place += stream.map { " (\($0) stream offset \(offset))" } ?? " (offset \(offset))"
        }
        return "\(place): \(message)"
    }
}
