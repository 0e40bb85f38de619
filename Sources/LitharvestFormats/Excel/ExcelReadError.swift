/// A legacy `.xls` file that cannot be read, with the file and the byte offset where reading stopped.
public struct ExcelReadError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file (or other source name) being read, when known.
    public var source: String?
    /// Byte offset in the file, or in the named stream when `stream` is set.
    public var offset: Int?
    /// The compound-file stream the offset refers to (`Workbook`), nil for file offsets.
    public var stream: String?
    /// What is wrong, in a sentence.
    public var message: String

    /// Creates an error.
    public init(_ message: String, source: String? = nil, offset: Int? = nil, stream: String? = nil) {
        self.message = message
        self.source = source
        self.offset = offset
        self.stream = stream
    }

    public var description: String {
        var place = source ?? "<xls>"
        if let offset {
            place += stream.map { " (\($0) stream offset \(offset))" } ?? " (offset \(offset))"
        }
        return "\(place): \(message)"
    }
}
