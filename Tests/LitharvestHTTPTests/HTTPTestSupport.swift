import Foundation
import LitharvestHTTP
import LitharvestTesting

/// A client with fast retries, so fault tests take milliseconds, not the production backoff.
func fastClient(
    attempts: Int = 3, rate: Double = 0, configuration: CurlTransportConfiguration = .init(),
    archive: ResponseArchive? = nil, cancellation: CancellationFlag? = nil
) -> HTTPClient {
    let limiters = RateLimiterRegistry(defaultRequestsPerSecond: rate)
    return HTTPClient(
        transport: CurlTransport(configuration: configuration, cancellation: cancellation),
        limiters: limiters,
        retryPolicy: RetryPolicy(maxAttempts: attempts, baseDelay: 0.05, maxDelay: 0.2),
        archive: archive,
        cancellation: cancellation)
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Runs `body` on `threads` Dispatch queues at once and waits for all of them.
func concurrently(threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<threads {
        DispatchQueue(label: "test-worker-\(index)").async(group: group) { body(index) }
    }
    group.wait()
}

func gzipped(_ data: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return compressed
}
