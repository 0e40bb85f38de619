import Synchronization

/// Per-path scripted answers: each call to a path consumes the next action of its script; when a
/// script has one action left it keeps answering with it. Unknown paths (and empty scripts) get 404.
///
/// Paths are matched against `RecordedRequest.path` (percent-decoded, without the query).
///
///     let responder = ScriptedResponder()
///     responder.script("/esearch.fcgi", [.respond(.text("", status: 429)), .respond(.xml(data))])
///     let server = try LoopbackServer(handler: responder.handler)
package final class ScriptedResponder: Sendable {
    private let scripts = Mutex<[String: [ServerAction]]>([:])

    package init() {}

    /// Sets (replaces) the script for a path.
    package func script(_ path: String, _ actions: [ServerAction]) {
        scripts.withLock { $0[path] = actions }
    }

    package func handle(_ request: RecordedRequest) -> ServerAction {
        scripts.withLock { scripts -> ServerAction in
            guard var actions = scripts[request.path], let next = actions.first else {
                return .respond(.text("Not Found: \(request.path)\n", status: 404))
            }
            if actions.count > 1 {
                actions.removeFirst()
                scripts[request.path] = actions
            }
            return next
        }
    }

    /// `handle` as a closure, to pass to `LoopbackServer(handler:)`.
    package var handler: @Sendable (RecordedRequest) -> ServerAction {
        { [self] request in handle(request) }
    }
}
