import Foundation

/// A CSV file written row by row through a buffer, so a million-row file is neither one giant string nor a
/// million small writes. Fields are quoted with quotes doubled inside (a header may be written unquoted);
/// rows end in LF.
package struct CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Creates (or empties) the file at `path`.
    package init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data().write(to: url)
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one row, each field in quotes unless `quoted` is false (a header of plain names).
    package mutating func row(_ fields: [String], quoted: Bool = true) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if quoted { Self.appendQuoted(field, to: &buffer) } else { buffer.append(contentsOf: field.utf8) }
        }
        try endRow()
    }

    /// Appends a row of two quoted fields (no array to build for each of a million rows).
    package mutating func row(_ first: String, _ second: String) throws {
        Self.appendQuoted(first, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        Self.appendQuoted(second, to: &buffer)
        try endRow()
    }

    /// Writes what is left and closes the file.
    package mutating func close() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll()
        try handle.close()
    }

    private mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// `"field"` with every quote inside doubled.
    static func appendQuoted(_ field: String, to buffer: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        buffer.append(quote)
        if field.utf8.contains(quote) {
            for byte in field.utf8 {
                buffer.append(byte)
                if byte == quote { buffer.append(quote) }
            }
        } else {
            buffer.append(contentsOf: field.utf8)
        }
        buffer.append(quote)
    }
}
