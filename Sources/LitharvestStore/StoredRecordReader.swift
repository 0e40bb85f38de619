import Dispatch
import Foundation
import GRDB
import LitharvestModel

/// Reads stored records (``RecordEncoding``) from the rows of a query: their bytes are copied in batches, and
/// each batch is decoded on the other cores while the next one is read, so a million records are read with a
/// few batches of bytes in memory besides the records themselves.
final class StoredRecordReader {
    /// Records copied before a batch is handed to the decoders.
    static let batchSize = 8_192
    /// Records one core decodes as a unit.
    static let sliceSize = 512
    /// Batches read but not yet decoded at most (bounds the memory the bytes take).
    static let batchesInFlight = 2

    private var bytes: [UInt8] = []
    /// Where each record of the batch ends in `bytes`.
    private var ends: [Int] = []
    private var batches: [Batch] = []
    private let decoding = DispatchGroup()
    private let room = DispatchSemaphore(value: StoredRecordReader.batchesInFlight)

    /// Adds the record in column `index` of `row` (its bytes are copied: the row's are valid only until the
    /// cursor moves).
    func append(_ row: Row, column index: Int) throws {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { throw StoredFormError(message: "a stored record has no content") }
            data.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        ends.append(bytes.count)
        if ends.count == Self.batchSize { startDecoding() }
    }

    /// Every record added, in order.
    func finish() throws -> [LitharvestModel.Record] {
        startDecoding()
        decoding.wait()
        var records: [LitharvestModel.Record] = []
        records.reserveCapacity(batches.reduce(0) { $0 + $1.count })
        for batch in batches {
            for slice in batch.slices { records += try slice.get() }
            // Each batch's own array goes as soon as its records are in the whole one.
            batch.slices = []
        }
        batches = []
        return records
    }

    /// The records column `index` of the query's rows holds, in row order.
    static func records(
        _ db: Database, sql: String, arguments: StatementArguments, column index: Int = 0
    ) throws -> [LitharvestModel.Record] {
        let reader = StoredRecordReader()
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try reader.append(row, column: index) }
        return try reader.finish()
    }

    /// One record from column `column` of `row`.
    static func record(_ row: Row, _ column: String) throws -> LitharvestModel.Record {
        try row.withUnsafeData(named: column) { data in
            guard let data else { throw StoredFormError(message: "a stored record has no content") }
            return try data.withUnsafeBytes { bytes throws(StoredFormError) in try RecordEncoding.decode(bytes) }
        }
    }

    private func startDecoding() {
        guard !ends.isEmpty else { return }
        let batch = Batch(bytes: bytes, ends: ends)
        batches.append(batch)
        bytes = []
        ends = []
        bytes.reserveCapacity(batch.bytes.count)
        ends.reserveCapacity(Self.batchSize)
        room.wait()
        let room = self.room
        DispatchQueue.global().async(group: decoding) {
            batch.decode()
            room.signal()
        }
    }

    /// One batch's bytes and, once decoded, its records.
    ///
    /// `@unchecked Sendable`: `slices` is written by the one work item that decodes the batch and read only
    /// after the reader's dispatch group has waited for it.
    private final class Batch: @unchecked Sendable {
        let bytes: [UInt8]
        let ends: [Int]
        var slices: [Result<[LitharvestModel.Record], StoredFormError>] = []
        var count: Int { ends.count }

        init(bytes: [UInt8], ends: [Int]) {
            self.bytes = bytes
            self.ends = ends
        }

        func decode() {
            let sliceCount = (ends.count + StoredRecordReader.sliceSize - 1) / StoredRecordReader.sliceSize
            var slices = [Result<[LitharvestModel.Record], StoredFormError>](repeating: .success([]), count: sliceCount)
            let ends = self.ends
            bytes.withUnsafeBytes { bytes in
                slices.withUnsafeMutableBufferPointer { slices in
                    nonisolated(unsafe) let slices = slices
                    nonisolated(unsafe) let bytes = bytes
                    DispatchQueue.concurrentPerform(iterations: sliceCount) { slice in
                        let size = StoredRecordReader.sliceSize
                        let range = (slice * size)..<min(ends.count, (slice + 1) * size)
                        slices[slice] = Result { () throws(StoredFormError) in
                            var decoded: [LitharvestModel.Record] = []
                            decoded.reserveCapacity(range.count)
                            for index in range {
                                let start = index == 0 ? 0 : ends[index - 1]
                                decoded.append(
                                    try RecordEncoding.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<ends[index]])))
                            }
                            return decoded
                        }
                    }
                }
            }
            self.slices = slices
        }
    }
}
