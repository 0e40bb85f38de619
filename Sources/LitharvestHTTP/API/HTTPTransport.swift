/// Anything that turns a request into a response. Connectors reach the network only through one of these,
/// so they can be tested against recorded responses. Implementations must be safe to call from several
/// threads at once.
package protocol HTTPTransport: Sendable {
    /// Sends `request` and blocks the calling thread until the response or an error.
    ///
    /// - Throws: ``HTTPError`` for transport failures, cancellation and exhausted retries.
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}
