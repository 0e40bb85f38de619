package import Foundation

/// A normal response.
///
/// The server adds `Content-Length` (unless the headers already carry `Content-Length` or
/// `Transfer-Encoding`, in which case the body is sent exactly as given), `Date` (unless present) and
/// `Connection`. It never compresses anything: to test gzip, pass pre-compressed bytes and a
/// `Content-Encoding: gzip` header.
package struct ServerResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: Data

    package init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name (case-insensitive).
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    package static func text(_ s: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> ServerResponse {
        ServerResponse(status: status, headers: [(name: "Content-Type", value: contentType)], body: Data(s.utf8))
    }

    /// `text/xml; charset=UTF-8`
    package static func xml(_ data: Data, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [(name: "Content-Type", value: "text/xml; charset=UTF-8")], body: data)
    }

    package static func xml(_ s: String, status: Int = 200) -> ServerResponse {
        xml(Data(s.utf8), status: status)
    }

    /// `application/json`
    package static func json(_ data: Data, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [(name: "Content-Type", value: "application/json")], body: data)
    }

    package static func json(_ s: String, status: Int = 200) -> ServerResponse {
        json(Data(s.utf8), status: status)
    }

    /// `text/html; charset=utf-8`
    package static func html(_ data: Data, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [(name: "Content-Type", value: "text/html; charset=utf-8")], body: data)
    }

    package static func html(_ s: String, status: Int = 200) -> ServerResponse {
        html(Data(s.utf8), status: status)
    }
}

/// What the server does with a request (faults included).
package indirect enum ServerAction: Sendable {
    /// Send the response; keep the connection open unless the client (or a `Connection: close`
    /// header in the response) asked to close it.
    case respond(ServerResponse)
    /// Wait (latency) before acting. Cut short by `stop()`, which then closes the connection.
    case delay(seconds: Double, then: ServerAction)
    /// Send the head with the full Content-Length, then only the first `sendBytes` of the body, then close.
    case truncated(ServerResponse, sendBytes: Int)
    /// Send the head and `sendBytes` of the body, then hang for `seconds` (or until `stop()`), then close.
    case stall(ServerResponse, sendBytes: Int, seconds: Double)
    /// Abortive close (SO_LINGER {1, 0}) right after reading the request: the client sees a reset.
    case reset
    /// Orderly close (FIN), nothing sent.
    case closeWithoutResponse
}
