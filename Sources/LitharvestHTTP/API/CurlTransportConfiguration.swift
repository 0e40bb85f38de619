/// How the libcurl transport behaves. TLS verification has no switch: it is always on.
package struct CurlTransportConfiguration: Sendable, Hashable {
    /// The product name and version sent as the default User-Agent.
    package static let defaultUserAgent = "litharvest/\(LitharvestVersion.current) (+https://github.com/litharvest/litharvest)"

    /// Sent on every request that does not set its own.
    package var userAgent: String
    /// Seconds to establish a connection.
    package var connectTimeout: Double
    /// Seconds for the whole exchange.
    package var totalTimeout: Double
    /// Seconds without a single byte before a stalled transfer is abandoned.
    package var stallTimeout: Double
    /// Redirects followed before giving up.
    package var maxRedirects: Int
    /// Largest body accepted, in bytes.
    package var maxBodyBytes: Int
    /// Use HTTP/2 where the server offers it; HTTP/1.1 otherwise (the default).
    package var allowHTTP2: Bool

    /// Creates a configuration; the defaults suit bibliographic APIs.
    package init(
        userAgent: String = CurlTransportConfiguration.defaultUserAgent,
        connectTimeout: Double = 15,
        totalTimeout: Double = 120,
        stallTimeout: Double = 30,
        maxRedirects: Int = 5,
        maxBodyBytes: Int = 512 * 1024 * 1024,
        allowHTTP2: Bool = false
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.stallTimeout = stallTimeout
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.allowHTTP2 = allowHTTP2
    }
}

/// The product version, shown in User-Agent, `--version` and stored with each run.
package enum LitharvestVersion {
    /// Semantic version of this build.
    package static let current = "0.1.0"
}
