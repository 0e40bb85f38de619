package import Foundation
package import LitharvestModel

/// The text of an export file, decoded whatever encoding the exporting tool chose: UTF-8 with or without a
/// byte-order mark, UTF-16 LE/BE with a mark (Web of Science, some EndNote versions), EUC-KR (Korean
/// databases; a note says so) and, as a last resort, Windows-1252 for files that are not valid UTF-8 (older
/// commercial readers; a warning says so).
package struct ImportText: Sendable {
    /// The file the text came from, for messages.
    package let path: String
    /// The file name without its folders, for ids made up from the file (`export.ris#3`); worked out once,
    /// because readers use it for every record.
    package let fileName: String
    /// The decoded text, without a byte-order mark.
    package var text: String
    /// Notes about the decoding (a fallback encoding), to add to the parse report.
    package var diagnostics: [Diagnostic]

    /// Creates a text directly (tests, in-memory input).
    package init(path: String, text: String, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.fileName = (path as NSString).lastPathComponent
        self.text = text
        self.diagnostics = diagnostics
    }

    /// Reads and decodes the file at `path`.
    ///
    /// - Throws: ``ConnectorError`` (`.malformedFile`) naming the file when it cannot be read.
    package init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectorError(.unreadableFile, "cannot read the file", location: path)
        }
        try self.init(data: data, path: path)
    }

    /// Decodes `data`, naming it `path` in messages.
    package init(data: Data, path: String) throws {
        self.path = path
        self.fileName = (path as NSString).lastPathComponent
        self.diagnostics = []
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = try Self.decode(data.dropFirst(3), .utf8, path: path)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            text = try Self.decode(data.dropFirst(2), .utf16LittleEndian, path: path)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = try Self.decode(data.dropFirst(2), .utf16BigEndian, path: path)
        } else if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let korean = String(data: data, encoding: Self.eucKR),
                  korean.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) {
            // Korean sites (KISS, RISS, KoreaMed) still export EUC-KR. Latin-1 text with accents is not valid
            // EUC-KR (its trail bytes are 0xA1–0xFE), so this does not capture Windows-1252 files.
            text = korean
            diagnostics.append(Diagnostic(.note, "the file is not UTF-8; read as EUC-KR (Korean)", location: path))
        } else if let latin = String(data: data, encoding: .windowsCP1252) {
            text = latin
            diagnostics.append(Diagnostic(
                .warning, "the file is not valid UTF-8; read as Windows-1252 (check accented characters)", location: path
            ))
        } else {
            throw ConnectorError(.unreadableFile, "the file is neither UTF-8, UTF-16 nor Windows-1252 text", location: path)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    }

    /// EUC-KR, which Foundation names only by its CoreFoundation number (kCFStringEncodingEUC_KR).
    static let eucKR = String.Encoding(rawValue: 0x8000_0940)

    private static func decode(_ data: Data, _ encoding: String.Encoding, path: String) throws -> String {
        guard let text = String(data: data, encoding: encoding) else {
            throw ConnectorError(.unreadableFile, "the file has a \(encoding) byte-order mark but is not valid \(encoding)", location: path)
        }
        return text
    }

    /// The lines, with CR, LF and CRLF endings all accepted and removed.
    package var lines: [Substring] {
        // Splitting on Character would treat "\r\n" as one character already; "\r" alone (old Mac) too.
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// `path:line`, for diagnostics.
    package func location(line: Int) -> String {
        "\(path):\(line)"
    }
}
