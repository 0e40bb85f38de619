import Foundation
import Synchronization

/// A loopback HTTP/1.1 server for tests, bound to 127.0.0.1 on an ephemeral port.
///
/// It starts listening in `init`; `stop()` (also called from `deinit`) closes the listening socket
/// and every open connection, stalled ones included, and waits (bounded) for the server threads.
/// Each connection is served on its own thread, so a delayed or stalled connection never blocks
/// the others. Connections are kept alive (HTTP/1.1) until the client closes or asks to close.
///
/// The handler runs on the connection's thread; every request is recorded (`requests`) before the
/// handler is called.
package final class LoopbackServer: Sendable {
    private let core: ServerCore

    /// The ephemeral port the server listens on.
    package let port: Int

    package init(handler: @escaping @Sendable (RecordedRequest) -> ServerAction) throws {
        let (fd, port) = try Socket.listenOnLoopback()
        self.port = port
        core = ServerCore(listener: fd, handler: handler)
        core.start()
    }

    deinit {
        core.stop()
    }

    /// "http://127.0.0.1:<port>"
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL` + path and query ("/x?y"); a missing leading "/" is added.
    package func url(_ pathAndQuery: String) -> String {
        pathAndQuery.hasPrefix("/") ? baseURL + pathAndQuery : baseURL + "/" + pathAndQuery
    }

    /// Everything received so far, in arrival order.
    package var requests: [RecordedRequest] {
        core.state.withLock { $0.requests }
    }

    /// Closes the listening socket and all connections, then waits (at most a few seconds) for the
    /// server threads to finish. Idempotent. Called from a handler, it does not wait.
    package func stop() {
        core.stop()
    }
}

/// The shared state of a server, owned by its threads (they do not retain the `LoopbackServer`,
/// so dropping the last reference to it runs `deinit` and stops everything).
final class ServerCore: Sendable {
    struct State {
        var stopped = false
        var listenerClosed = false
        var requests: [RecordedRequest] = []
        /// Open connection sockets by connection id. A socket is closed only while holding the lock
        /// and removing it here, so `stop()` never shuts down a reused descriptor.
        var connections: [Int: Int32] = [:]
        var nextConnectionID = 1
        /// Accept thread plus connection threads still running.
        var liveThreads = 0
    }

    private static let threadKey = "LitharvestTesting.LoopbackServer"

    let listener: Int32
    let handler: @Sendable (RecordedRequest) -> ServerAction
    let state = Mutex(State())
    private let stopped = Atomic<Bool>(false)
    /// Marks this server's threads, so `stop()` called from a handler does not wait for itself.
    private let token = UUID().uuidString

    init(listener: Int32, handler: @escaping @Sendable (RecordedRequest) -> ServerAction) {
        self.listener = listener
        self.handler = handler
    }

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func start() {
        state.withLock { $0.liveThreads += 1 }
        spawn("loopback-accept") { [self] in acceptLoop() }
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let token = self.token
        let thread = Thread {
            Thread.current.threadDictionary[ServerCore.threadKey] = token
            body()
        }
        thread.name = name
        thread.start()
    }

    func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            stopped.store(true, ordering: .releasing)
            // On Linux, shutting down a listening socket makes a blocked accept() return.
            if !state.listenerClosed { Socket.shutdownBoth(listener) }
            for fd in state.connections.values { Socket.shutdownBoth(fd) }
        }
        if (Thread.current.threadDictionary[ServerCore.threadKey] as? String) == token { return }
        let deadline = DispatchTime.now().uptimeNanoseconds + 3_000_000_000
        while state.withLock({ $0.liveThreads }) > 0 && DispatchTime.now().uptimeNanoseconds < deadline {
            usleep(2_000)
        }
    }

    private func acceptLoop() {
        defer {
            state.withLock { state in
                state.listenerClosed = true
                Socket.closeSocket(listener)
                state.liveThreads -= 1
            }
        }
        while !isStopped {
            switch Socket.accept(listener) {
            case .failure(let error):
                if isStopped { return }
                if error.code == EINTR || error.code == ECONNABORTED { continue }
                usleep(10_000)  // e.g. EMFILE: back off rather than spin
            case .success(let fd):
                let id: Int? = state.withLock { state in
                    guard !state.stopped else { return nil }
                    let id = state.nextConnectionID
                    state.nextConnectionID += 1
                    state.connections[id] = fd
                    state.liveThreads += 1
                    return id
                }
                guard let id else {
                    Socket.closeSocket(fd)
                    return
                }
                spawn("loopback-conn-\(id)") { [self] in serve(fd: fd, id: id) }
            }
        }
    }

    private enum Ending {
        case keepOpen
        case orderlyClose
        case abortiveClose
    }

    private func serve(fd: Int32, id: Int) {
        var ending = Ending.orderlyClose
        defer { finish(fd: fd, id: id, ending: ending) }
        var reader = RequestReader(fd: fd)
        while !isStopped {
            guard let headBytes = reader.readHead() else { return }
            let receivedAt = Date()
            let receivedAtUptime = DispatchTime.now().uptimeNanoseconds
            guard let head = RequestHead(headBytes) else {
                _ = Socket.sendAll(fd, badRequest("Malformed request head"))
                return
            }
            let body: [UInt8]
            if head.isChunked {
                sendContinueIfExpected(head, fd: fd)
                guard let chunked = reader.readChunkedBody() else {
                    _ = Socket.sendAll(fd, badRequest("Malformed chunked body"))
                    return
                }
                body = chunked
            } else if let lengthText = head.header("Content-Length") {
                guard let length = Int(lengthText), length >= 0 else {
                    _ = Socket.sendAll(fd, badRequest("Bad Content-Length"))
                    return
                }
                if length > 0 { sendContinueIfExpected(head, fd: fd) }
                guard let exact = reader.readExact(length) else { return }
                body = exact
            } else {
                body = []
            }

            let request = RecordedRequest(
                method: head.method,
                target: head.target,
                headers: head.headers,
                body: Data(body),
                receivedAt: receivedAt,
                receivedAtUptime: receivedAtUptime,
                connectionID: id
            )
            state.withLock { $0.requests.append(request) }

            ending = perform(handler(request), fd: fd, head: head)
            if ending != .keepOpen { return }
        }
    }

    private func sendContinueIfExpected(_ head: RequestHead, fd: Int32) {
        if head.header("Expect")?.lowercased() == "100-continue" && head.version != "HTTP/1.0" {
            _ = Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
    }

    private func badRequest(_ message: String) -> [UInt8] {
        let response = ServerResponse.text(message + "\n", status: 400)
        return ResponseWriter.head(for: response, keepAlive: false) + Array(response.body)
    }

    private func perform(_ action: ServerAction, fd: Int32, head: RequestHead) -> Ending {
        switch action {
        case .respond(let response):
            let keepAlive = head.wantsKeepAlive && !ResponseWriter.asksToClose(response) && !isStopped
            var bytes = ResponseWriter.head(for: response, keepAlive: keepAlive)
            if head.method != "HEAD" && !ResponseWriter.isBodyless(response.status) {
                bytes += response.body
            }
            guard Socket.sendAll(fd, bytes) else { return .orderlyClose }
            return keepAlive ? .keepOpen : .orderlyClose

        case .delay(let seconds, let then):
            guard wait(seconds: seconds) else { return .orderlyClose }
            return perform(then, fd: fd, head: head)

        case .truncated(let response, let sendBytes):
            sendPartial(response, sendBytes: sendBytes, fd: fd, head: head)
            return .orderlyClose

        case .stall(let response, let sendBytes, let seconds):
            if sendPartial(response, sendBytes: sendBytes, fd: fd, head: head) {
                _ = wait(seconds: seconds)
            }
            return .orderlyClose

        case .reset:
            return .abortiveClose

        case .closeWithoutResponse:
            return .orderlyClose
        }
    }

    /// Sends the head (announcing the full body) and the first `sendBytes` of the body.
    @discardableResult
    private func sendPartial(_ response: ServerResponse, sendBytes: Int, fd: Int32, head: RequestHead) -> Bool {
        let count = min(max(sendBytes, 0), response.body.count)
        let bytes = ResponseWriter.head(for: response, keepAlive: false) + response.body.prefix(count)
        return Socket.sendAll(fd, bytes)
    }

    /// Sleeps for `seconds` in small steps; false if the server was stopped meanwhile.
    private func wait(seconds: Double) -> Bool {
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1_000_000_000)
        while true {
            if isStopped { return false }
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= end { return true }
            usleep(UInt32(min(end - now, 5_000_000) / 1_000))
        }
    }

    private func finish(fd: Int32, id: Int, ending: Ending) {
        switch ending {
        case .abortiveClose:
            Socket.setAbortiveClose(fd)
        case .orderlyClose, .keepOpen:
            // Lingering close: send FIN, then drain briefly so the client's unread data does not
            // turn our close into an RST that could destroy the response in flight.
            Socket.shutdownWrite(fd)
            if !isStopped {
                Socket.setReceiveTimeout(fd, milliseconds: 50)
                var scratch: [UInt8] = []
                var drained = 0
                while drained < 1 << 20 {
                    scratch.removeAll(keepingCapacity: true)
                    let n = Socket.receive(fd, into: &scratch, max: 16384)
                    if n <= 0 { break }
                    drained += n
                }
            }
        }
        state.withLock { state in
            state.connections[id] = nil
            Socket.closeSocket(fd)
            state.liveThreads -= 1
        }
    }
}
