import Dispatch
import Synchronization

/// Maps `items` on all cores in chunks (for encoding and decoding many records); plain `map` for few items.
func chunkedMap<T: Sendable, U: Sendable>(
    _ items: [T], chunkSize: Int = 2_000, _ transform: @Sendable (T) throws -> U
) throws -> [U] {
    guard items.count > chunkSize else { return try items.map(transform) }
    let chunkCount = (items.count + chunkSize - 1) / chunkSize
    let results = Mutex<[Int: Result<[U], any Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let range = (chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize)
        let result = Result { try items[range].map(transform) }
        results.withLock { $0[chunk] = result }
    }
    return try results.withLock { results in
        var mapped: [U] = []
        mapped.reserveCapacity(items.count)
        for chunk in 0..<chunkCount {
            mapped += try results[chunk]!.get()
        }
        return mapped
    }
}
