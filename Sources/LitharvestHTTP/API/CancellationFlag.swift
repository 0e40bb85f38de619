import Foundation
import Synchronization

/// A one-way switch that stops a run: checked between requests, inside transfers (libcurl's progress
/// callback aborts them) and by every wait, which it wakes early.
public final class CancellationFlag: Sendable {
    private let state = Mutex(false)
    private let condition = NSCondition()

    /// Creates an unset flag.
    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { state.withLock { $0 } }

    /// Sets the flag and wakes every waiter.
    public func cancel() {
        state.withLock { $0 = true }
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks the calling thread for `seconds`, or less if the flag is set meanwhile.
    ///
    /// - Returns: false when woken by cancellation.
    @discardableResult
    public func sleep(seconds: Double) -> Bool {
        guard seconds > 0 else { return !isCancelled }
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !isCancelled {
            if !condition.wait(until: deadline) { return !isCancelled }
        }
        return false
    }

    /// Throws ``HTTPError/Kind/cancelled`` when set.
    public func check(url: String = "") throws(HTTPError) {
        if isCancelled { throw HTTPError(kind: .cancelled, url: url, message: "the run was cancelled") }
    }
}
