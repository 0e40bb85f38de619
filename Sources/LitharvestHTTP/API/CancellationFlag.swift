import Foundation
import Synchronization

/// A one-way switch that stops a run: checked between requests, inside transfers (libcurl's progress
/// callback aborts them) and by every wait, which it wakes early.
package final class CancellationFlag: Sendable {
    private struct State {
        var cancelled = false
        var children: [CancellationFlag] = []
    }

    private let state = Mutex(State())
    private let condition = NSCondition()

    /// Creates an unset flag.
    package init() {}

    /// Whether `cancel()` was called (on this flag or a parent).
    package var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// A flag that is cancelled with this one but can also be cancelled alone (a job's timeout).
    package func makeChild() -> CancellationFlag {
        let child = CancellationFlag()
        let alreadyCancelled = state.withLock { state in
            if !state.cancelled { state.children.append(child) }
            return state.cancelled
        }
        if alreadyCancelled { child.cancel() }
        return child
    }

    /// Sets the flag (and its children's) and wakes every waiter.
    package func cancel() {
        let children = state.withLock { state in
            state.cancelled = true
            defer { state.children = [] }
            return state.children
        }
        condition.lock()
        condition.broadcast()
        condition.unlock()
        for child in children { child.cancel() }
    }

    /// Blocks the calling thread for `seconds`, or less if the flag is set meanwhile.
    ///
    /// - Returns: false when woken by cancellation.
    @discardableResult
    package func sleep(seconds: Double) -> Bool {
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
    package func check(url: String = "") throws(HTTPError) {
        if isCancelled { throw HTTPError(kind: .cancelled, url: url, message: "the run was cancelled") }
    }
}
