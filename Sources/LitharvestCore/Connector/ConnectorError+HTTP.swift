package import LitharvestHTTP
package import LitharvestModel

extension ConnectorError {
    /// Wraps an HTTP failure: a cancelled transfer is a cancellation, anything else a transport failure
    /// carrying the last status received.
    package init(_ error: HTTPError) {
        self.init(
            error.kind == .cancelled ? .cancelled : .transport, error.description, location: error.url,
            httpStatus: error.status)
    }
}
