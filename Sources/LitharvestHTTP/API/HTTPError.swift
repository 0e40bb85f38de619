/// A failed exchange, with what is known about it. URLs in it are already redacted.
package struct HTTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    package enum Kind: String, Sendable, Equatable {
        /// The request itself is wrong (bad URL, not http/https).
        case invalidRequest = "invalid request"
        /// No connection could be made (refused, DNS).
        case connectionFailed = "connection failed"
        /// The connection was reset or dropped while receiving.
        case connectionReset = "connection reset"
        /// The body ended before its announced length.
        case truncatedBody = "truncated body"
        /// A connect, total or stalled-transfer timeout fired.
        case timedOut = "timed out"
        /// More redirects than allowed.
        case tooManyRedirects = "too many redirects"
        /// The body grew past the configured maximum.
        case responseTooLarge = "response too large"
        /// TLS failed, certificate verification included.
        case tls = "TLS failure"
        /// The run was cancelled (Ctrl-C, SIGTERM, job timeout).
        case cancelled = "cancelled"
        /// The server kept answering with a retryable status until the retry budget ran out.
        case retryableStatus = "server error"
        /// Any other libcurl failure.
        case transport = "transport error"
    }

    /// What went wrong.
    package var kind: Kind
    /// The request URL, secrets redacted.
    package var url: String
    /// The last HTTP status received, if any.
    package var status: Int?
    /// Attempts made, retries included.
    package var attempts: Int
    /// libcurl's message or the server's reason.
    package var message: String

    /// Creates an error.
    package init(kind: Kind, url: String, status: Int? = nil, attempts: Int = 1, message: String) {
        self.kind = kind
        self.url = url
        self.status = status
        self.attempts = attempts
        self.message = message
    }

    /// Whether trying again could help (timeouts, resets, truncation, refused connections).
    package var isTransient: Bool {
        switch kind {
        case .connectionFailed, .connectionReset, .truncatedBody, .timedOut, .retryableStatus: true
        default: false
        }
    }

    package var description: String {
        var text = "\(kind.rawValue)"
        if let status { text += " (HTTP \(status))" }
        text += " for \(url)"
        if attempts > 1 { text += " after \(attempts) attempts" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}
