import Foundation
import LitharvestHTTP
import LitharvestTesting
import Synchronization
import Testing

@Suite("per-host rate limits, measured with timestamps")
struct RateLimiterTests {
    /// The most starts found in any one-second window of `times` (seconds).
    private func busiestSecond(_ times: [Double], window: Double = 1.0) -> Int {
        let sorted = times.sorted()
        var most = 0
        var first = 0
        for last in sorted.indices {
            while sorted[last] - sorted[first] >= window { first += 1 }
            most = max(most, last - first + 1)
        }
        return most
    }

    @Test func thirtyRequestsFromSixThreadsKeepThreePerSecond() throws {
        let server = try LoopbackServer { _ in .respond(.text("ok")) }
        defer { server.stop() }
        let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 0)
        limiters.configure(host: try #require(HTTPRequest.limiterKey(for: server.baseURL)), requestsPerSecond: 3)
        let starts = Mutex<[Double]>([])
        let client = HTTPClient(
            transport: CurlTransport(), limiters: limiters, retryPolicy: .none,
            observer: { event in
                if case .started(_, _, let at) = event { starts.withLock { $0.append(at) } }
            })
        let failures = Atomic<Int>(0)
        let start = DispatchTime.now()
        concurrently(threads: 6) { thread in
            for index in 0..<5 {
                do {
                    _ = try client.send(.get(server.url("/r?thread=\(thread)&n=\(index)")))
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        let elapsed = seconds(since: start)
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(server.requests.count == 30)
        #expect(elapsed >= 9.6, "30 requests at 3/s took only \(elapsed) s")
        // The limiter's start times are what the budget governs; arrival times at the server add the
        // scheduling jitter of a loaded machine, so they get the limiter's 50 ms safety margin back.
        let startTimes = starts.withLock { $0 }
        #expect(startTimes.count == 30)
        #expect(busiestSecond(startTimes) <= 3)
        let arrivals = server.requests.map { Double($0.receivedAtUptime) / 1e9 }
        #expect(busiestSecond(arrivals, window: 0.95) <= 3)
    }

    @Test func hostsHaveIndependentBudgets() {
        let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 2)
        limiters.configure(host: "fast.example", requestsPerSecond: 1000)
        let start = DispatchTime.now()
        for _ in 0..<20 { limiters.limiter(for: "fast.example").acquire() }
        #expect(seconds(since: start) < 1)
        #expect(limiters.limiter(for: "FAST.example") === limiters.limiter(for: "fast.example"))
    }

    @Test func theStricterBudgetWinsOnASharedHost() {
        let limiters = RateLimiterRegistry()
        limiters.configure(host: "eutils.ncbi.nlm.nih.gov", requestsPerSecond: 10)
        limiters.configure(host: "eutils.ncbi.nlm.nih.gov", requestsPerSecond: 3)
        limiters.configure(host: "eutils.ncbi.nlm.nih.gov", requestsPerSecond: 10)
        #expect(limiters.limiter(for: "eutils.ncbi.nlm.nih.gov").requestsPerSecond == 3)
    }

    @Test func waitingEndsOnCancellation() {
        let limiter = HostRateLimiter(requestsPerSecond: 0.1)
        limiter.acquire()
        let flag = CancellationFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.cancel() }
        let start = DispatchTime.now()
        #expect(limiter.acquire(cancellation: flag) == false)
        #expect(seconds(since: start) < 3)
    }
}
