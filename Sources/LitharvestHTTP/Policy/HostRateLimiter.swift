import Foundation
import Synchronization

/// Spaces request starts to one host: at most `requestsPerSecond` in any one-second window, evenly spread
/// (a start every 1/rate seconds), whatever the number of threads asking. Waits block the calling thread,
/// which is a dedicated job thread in litharvest's scheduler, and end early on cancellation.
package final class HostRateLimiter: Sendable {
    private struct State {
        var requestsPerSecond: Double
        /// Times of the most recent starts (monotonic seconds), newest last, at most `window` long.
        var recentStarts: [Double] = []
        var serverPauseUntil: Double = 0
    }

    private let state: Mutex<State>
    /// Extra slack on the one-second window, so starts seen by the server (after connection set-up jitter)
    /// still respect the budget.
    private let margin: Double

    /// Creates a limiter for `requestsPerSecond` (values ≤ 0 mean no limit).
    package init(requestsPerSecond: Double, margin: Double = 0.05) {
        self.state = Mutex(State(requestsPerSecond: requestsPerSecond))
        self.margin = margin
    }

    /// The current budget.
    package var requestsPerSecond: Double { state.withLock { $0.requestsPerSecond } }

    /// Lowers (never raises) the budget: when two databases share a host, the stricter one wins.
    package func restrict(to requestsPerSecond: Double) {
        guard requestsPerSecond > 0 else { return }
        state.withLock { state in
            if state.requestsPerSecond <= 0 || requestsPerSecond < state.requestsPerSecond {
                state.requestsPerSecond = requestsPerSecond
            }
        }
    }

    /// Holds every request to this host until `seconds` from now (a server's Retry-After).
    package func pause(for seconds: Double) {
        let until = Self.now() + seconds
        state.withLock { $0.serverPauseUntil = max($0.serverPauseUntil, until) }
    }

    /// Blocks until a request may start, then counts it as started.
    ///
    /// - Returns: false if `cancellation` was set while waiting (nothing is counted then).
    @discardableResult
    package func acquire(cancellation: CancellationFlag? = nil) -> Bool {
        start(cancellation: cancellation) != nil
    }

    /// Blocks until a request may start, counts it, and returns the start time the budget was charged with
    /// (monotonic seconds, ``HostRateLimiter/now()``); nil if cancelled while waiting.
    package func start(cancellation: CancellationFlag? = nil) -> Double? {
        while true {
            if cancellation?.isCancelled == true { return nil }
            let granted: Double? = state.withLock { state in
                let now = Self.now()
                let earliest = earliestStart(state)
                if now >= earliest {
                    state.recentStarts.append(now)
                    let keep = max(1, Int(state.requestsPerSecond.rounded(.up)))
                    if state.recentStarts.count > keep { state.recentStarts.removeFirst(state.recentStarts.count - keep) }
                    return now
                }
                return nil
            }
            if let granted { return granted }
            let wait = state.withLock { earliestStart($0) } - Self.now()
            guard wait > 0 else { continue }
            if let cancellation {
                if !cancellation.sleep(seconds: wait) { return nil }
            } else {
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }

    private func earliestStart(_ state: State) -> Double {
        var earliest = state.serverPauseUntil
        let rate = state.requestsPerSecond
        guard rate > 0, let last = state.recentStarts.last else { return earliest }
        earliest = max(earliest, last + 1 / rate)
        let budget = max(1, Int(rate.rounded(.up)))
        if state.recentStarts.count >= budget {
            // The start `budget` places back must have left the window.
            earliest = max(earliest, state.recentStarts[state.recentStarts.count - budget] + 1 + margin)
        }
        return earliest
    }

    /// Monotonic seconds, the clock start times are given in.
    package static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}

/// The limiters of every host, shared by all jobs of a run so two databases on one host share its budget.
package final class RateLimiterRegistry: Sendable {
    private let limiters = Mutex<[String: HostRateLimiter]>([:])
    /// Budget for hosts nobody configured.
    package let defaultRequestsPerSecond: Double

    /// Creates a registry; unconfigured hosts get `defaultRequestsPerSecond`.
    package init(defaultRequestsPerSecond: Double = 5) {
        self.defaultRequestsPerSecond = defaultRequestsPerSecond
    }

    /// Sets (or tightens) the budget of `host` (a ``HTTPRequest/limiterKey``: host, or host:port).
    package func configure(host: String, requestsPerSecond: Double) {
        let key = host.lowercased()
        let created: Bool = limiters.withLock { table in
            if table[key] == nil {
                table[key] = HostRateLimiter(requestsPerSecond: requestsPerSecond)
                return true
            }
            return false
        }
        if !created { limiter(for: key).restrict(to: requestsPerSecond) }
    }

    /// The limiter of `host`, created with the default budget on first use.
    package func limiter(for host: String) -> HostRateLimiter {
        let key = host.lowercased()
        return limiters.withLock { table in
            if let existing = table[key] { return existing }
            let limiter = HostRateLimiter(requestsPerSecond: defaultRequestsPerSecond)
            table[key] = limiter
            return limiter
        }
    }
}
