import Foundation
import LitharvestCore

/// Standard output and error, with a buffered sink for records.
enum Console {
    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether standard error is a terminal (live progress only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A buffered file (or stdout) sink for record writers.
final class FileSink: ByteSink {
    private let handle: FileHandle
    private let closeOnFinish: Bool
    private var buffer = Data()

    /// Standard output.
    init() {
        handle = FileHandle.standardOutput
        closeOnFinish = false
    }

    /// A new file at `path` (replaced if it exists).
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationFailure("cannot create output file \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationFailure("cannot open output file \(path)")
        }
        self.handle = handle
        closeOnFinish = true
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if closeOnFinish { try handle.close() }
    }
}

/// An error whose message is shown as is.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
