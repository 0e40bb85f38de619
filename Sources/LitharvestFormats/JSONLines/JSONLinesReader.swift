import Dispatch
import Foundation
import Synchronization
package import LitharvestModel

/// Reads JSON-lines record files, one ``Record`` per line, as ``JSONLinesWriter`` (`--format jsonl`) writes them.
///
/// A file is read in blocks and each block's lines are decoded by `JSONDecoder` on all cores, so a large file
/// takes little more memory than its records; `JSONDecoder` decides what a record is and words the error for
/// a line that is not one. Lines of only spaces (or a carriage return) are skipped.
package enum JSONLinesReader {
    /// The records of the file at `path`, in file order.
    ///
    /// - Throws: ``JSONLinesReadError`` when the file cannot be read or a line is not a record (the first one).
    package static func records(atPath path: String) throws(JSONLinesReadError) -> [Record] {
        try records(atPath: path, blockSize: blockSize)
    }

    /// `records(atPath:)` reading `blockSize` bytes at a time (small in tests, to cut lines across blocks).
    static func records(atPath path: String, blockSize: Int) throws(JSONLinesReadError) -> [Record] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
        defer { try? handle.close() }
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        var reader = LineBlocks(source: path)
        var pending: [UInt8] = []
        var consumed = 0
        var reservedRoom = false
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: blockSize) } catch { throw .unreadable(path) }
            let atEnd = data?.isEmpty ?? true
            if let data { pending.append(contentsOf: data) }
            // Whole lines only; a line cut by the block boundary waits for the next block.
            let end = atEnd ? pending.count : (pending.lastIndex(of: newline).map { $0 + 1 } ?? 0)
            if end > 0 {
                try pending.withUnsafeBufferPointer { bytes throws(JSONLinesReadError) in
                    try reader.read(UnsafeBufferPointer(rebasing: bytes[..<end]))
                }
                consumed += end
                pending.removeFirst(end)
                if let fileSize, !reservedRoom {
                    reader.reserveRoom(fileSize: fileSize, consumed: consumed)
                    reservedRoom = true
                }
            }
            if atEnd { return reader.records }
        }
    }

    /// The records in `bytes` (UTF-8 lines), in order; `source` names them in errors (a file name).
    ///
    /// - Throws: ``JSONLinesReadError`` for the first line that is not a record.
    package static func records(in bytes: [UInt8], source: String) throws(JSONLinesReadError) -> [Record] {
        var reader = LineBlocks(source: source)
        try bytes.withUnsafeBufferPointer { bytes throws(JSONLinesReadError) in try reader.read(bytes) }
        return reader.records
    }

    /// Bytes read from the file at a time.
    static let blockSize = 8 << 20
    /// Bytes of lines one core decodes as a unit.
    static let pieceSize = 256 << 10
    static let newline = UInt8(ascii: "\n")
}

/// A file that is not (wholly) a JSON-lines record file.
package struct JSONLinesReadError: Error, Sendable, CustomStringConvertible {
    /// The file (or the name given to the data).
    package var source: String
    /// The first line that is not a record; nil when the file itself could not be read.
    package var line: Int?
    /// `JSONDecoder`'s account of what is wrong with the line, or why the file could not be read.
    package var reason: String

    /// Creates an error.
    package init(source: String, line: Int?, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    static func unreadable(_ path: String) -> Self {
        Self(source: path, line: nil, reason: "no such readable file")
    }

    /// `file:line: not a litharvest record (reason)`, or `file: reason`.
    package var description: String {
        guard let line else { return "\(source): \(reason)" }
        return "\(source):\(line): not a litharvest record (\(reason))"
    }
}

/// Decodes blocks of whole lines in order, keeping the records and the line count.
private struct LineBlocks {
    let source: String
    private(set) var records: [Record] = []
    private var linesBefore = 0
    /// One decoder a core, kept from piece to piece and block to block.
    private let decoders = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map { _ in JSONDecoder() }

    init(source: String) {
        self.source = source
    }

    /// Reserves room for the whole file from the bytes per record of the first block, so a large file's
    /// records are not copied again and again as the array grows.
    mutating func reserveRoom(fileSize: Int, consumed: Int) {
        guard consumed > 0, consumed < fileSize else { return }
        // Generous: the pages of room never used are never touched, so they take no memory.
        records.reserveCapacity(Int(Double(records.count) * Double(fileSize) / Double(consumed) * 1.2))
    }

    /// Decodes `bytes`, which end with a line break or with the data.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONLinesReadError) {
        let bounds = Self.pieceBounds(bytes)
        var pieces = [Piece](repeating: Piece(), count: bounds.count - 1)
        // Each core takes the next piece not yet taken, with its own decoder.
        let nextPiece = Atomic<Int>(0)
        pieces.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            nonisolated(unsafe) let bytes = bytes
            let decoders = decoders
            DispatchQueue.concurrentPerform(iterations: decoders.count) { core in
                while case let index = nextPiece.add(1, ordering: .relaxed).oldValue, index < output.count {
                    let piece = UnsafeBufferPointer(rebasing: bytes[bounds[index]..<bounds[index + 1]])
                    output[index] = Piece(piece, decoder: decoders[core])
                }
            }
        }
        for index in pieces.indices {
            var piece = pieces[index]
            pieces[index] = Piece()
            if let failure = piece.failure {
                throw JSONLinesReadError(source: source, line: linesBefore + failure.line, reason: failure.reason)
            }
            records.appendMoving(&piece.records)
            linesBefore += piece.lines
        }
    }

    /// Cuts `bytes` into pieces of about ``JSONLinesReader/pieceSize`` bytes, each ending after a line break.
    private static func pieceBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var bounds = [0]
        var cut = 0
        while cut < bytes.count {
            cut = min(bytes.count, cut + JSONLinesReader.pieceSize)
            while cut < bytes.count && bytes[cut - 1] != JSONLinesReader.newline { cut += 1 }
            bounds.append(cut)
        }
        if bounds.count == 1 { bounds.append(0) }
        return bounds
    }

    /// One piece's records, decoded on one core.
    private struct Piece {
        var records: [Record] = []
        /// Lines in the piece, blank ones included.
        var lines = 0
        /// The first line (counted within the piece) that is not a record, and why.
        var failure: (line: Int, reason: String)?

        init() {}

        init(_ bytes: UnsafeBufferPointer<UInt8>, decoder: JSONDecoder) {
            records.reserveCapacity(ByteScan.count(of: JSONLinesReader.newline, in: bytes) + 1)
            var start = 0
            while start < bytes.count {
                let end = ByteScan.firstIndex(of: JSONLinesReader.newline, in: bytes, from: start)
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                lines += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                do {
                    records.append(try decoder.decode(Record.self, from: Data(buffer: line)))
                } catch {
                    failure = (lines, "\(error)")
                    return
                }
            }
        }
    }
}

extension [Record] {
    /// Appends the records of `other` and empties it, moving them: copying would retain and then release
    /// every string and array of every record.
    fileprivate mutating func appendMoving(_ other: inout [Record]) {
        let count = other.count
        guard count > 0 else { return }
        let start = self.count
        // Room filled with a placeholder (no storage of its own), then each record swapped in for it.
        let placeholder = Record(database: "", nativeID: "")
        append(contentsOf: repeatElement(placeholder, count: count))
        withUnsafeMutableBufferPointer { target in
            other.withUnsafeMutableBufferPointer { source in
                guard let to = target.baseAddress, let from = source.baseAddress else { return }
                (to + start).moveUpdate(from: from, count: count)
                from.initialize(repeating: placeholder, count: count)
            }
        }
        other.removeAll()
    }
}
