package import LitharvestModel

/// Splits one stream of records into chunks of at most `maxRecordsPerChunk` records, each written by a
/// fresh writer (Covidence imports at most 15,000 references per file). Every chunk is complete on its own:
/// its writer's ``RecordWriter/begin()`` and ``RecordWriter/finish()`` run (a CSV header in every file, a
/// closing bracket for CSL-JSON). An empty stream still gives one (empty) chunk.
package struct ChunkedWriter: RecordWriter {
    /// Covidence's per-import limit.
    package static let covidenceLimit = 15_000

    private let maxRecordsPerChunk: Int
    private let open: (Int) throws -> any RecordWriter
    private let close: (Int) throws -> Void
    private var current: (any RecordWriter)?
    private var chunk = 0
    private var inChunk = 0

    /// Creates a splitting writer.
    ///
    /// - Parameters:
    ///   - maxRecordsPerChunk: records per chunk (at least 1).
    ///   - open: makes the writer of chunk `n` (numbered from 1), e.g. into a new file `name-n.ris`.
    ///   - close: called after chunk `n`'s writer finished, e.g. to close its file.
    package init(
        maxRecordsPerChunk: Int, open: @escaping (Int) throws -> any RecordWriter,
        close: @escaping (Int) throws -> Void = { _ in }
    ) {
        self.maxRecordsPerChunk = max(1, maxRecordsPerChunk)
        self.open = open
        self.close = close
    }

    package mutating func begin() throws {
        try startChunk()
    }

    package mutating func write(_ record: Record) throws {
        if current == nil {
            try startChunk()
        } else if inChunk == maxRecordsPerChunk {
            try endChunk()
            try startChunk()
        }
        try current?.write(record)
        inChunk += 1
    }

    package mutating func finish() throws {
        if current != nil { try endChunk() }
    }

    /// Chunks started so far.
    package var chunkCount: Int { chunk }

    private mutating func startChunk() throws {
        chunk += 1
        inChunk = 0
        var writer = try open(chunk)
        try writer.begin()
        current = writer
    }

    private mutating func endChunk() throws {
        try current?.finish()
        current = nil
        try close(chunk)
    }
}
