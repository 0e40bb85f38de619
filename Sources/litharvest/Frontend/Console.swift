import Foundation
import LitharvestCore
import LitharvestModel

/// Standard output and error, with a buffered sink for records.
enum Console {
    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `warning: text` to standard error.
    static func warn(_ text: String) {
        error("warning: " + text)
    }

    /// Whether standard error is a terminal (live progress only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
