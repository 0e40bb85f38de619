public import LitharvestHTTP
public import LitharvestModel

extension ConnectorError {
    /// Wraps an HTTP failure: a cancelled transfer is a cancellation, anything else a transport failure
    /// carrying the last status received.
    public init(_ error: HTTPError) {
        self.init(
            error.kind == .cancelled ? .cancelled : .transport, error.description, location: error.url,
            httpStatus: error.status)
    }
}
