import Synchronization

/// Keeps idle easy handles so connections to a host are reused across requests and threads.
final class CurlHandlePool: Sendable {
    /// A handle parked in the pool. Invariant: a handle is either in `idle` or owned by exactly one
    /// in-flight request, never both, so moving it across threads is safe.
    private struct Parked: @unchecked Sendable {
        let handle: CurlEasyHandle
    }

    private let idle = Mutex<[Parked]>([])
    private let capacity: Int

    init(capacity: Int = 16) {
        self.capacity = capacity
    }

    func take() -> CurlEasyHandle? {
        if let parked = idle.withLock({ $0.popLast() }) { return parked.handle }
        return CurlEasyHandle()
    }

    func give(back handle: CurlEasyHandle) {
        handle.reset()
        let parked = Parked(handle: handle)
        idle.withLock { handles in
            if handles.count < capacity { handles.append(parked) }
        }
    }

    /// Frees every idle handle (call before the process exits, so no handle outlives OpenSSL's teardown).
    func drain() {
        idle.withLock { $0.removeAll() }
    }
}
