import Foundation

/// A buffered file (or stdout) sink for record writers.
package final class FileSink: ByteSink {
    private let handle: FileHandle
    private let closeOnFinish: Bool
    private var buffer = Data()

    /// Standard output.
    package init() {
        handle = FileHandle.standardOutput
        closeOnFinish = false
    }

    /// A new file at `path` (replaced if it exists).
    package init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw OutputFileError("cannot create output file \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputFileError("cannot open output file \(path)")
        }
        self.handle = handle
        closeOnFinish = true
    }

    package func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered.
    package func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    package func close() throws {
        try flush()
        if closeOnFinish { try handle.close() }
    }
}

/// An output file that cannot be created or opened.
package struct OutputFileError: Error, CustomStringConvertible, Sendable {
    package let description: String

    /// Creates the error.
    package init(_ description: String) {
        self.description = description
    }
}
