package import LitharvestHTTP

/// `retry:`, how often and how patiently failed requests are tried again. Unset values keep the defaults
/// of ``RetryPolicy``.
package struct RetrySettings: Sendable, Hashable {
    /// `max_attempts:`, total attempts including the first (1…50).
    package var maxAttempts: Int?
    /// `base_delay:`, seconds before the first retry, doubling after each (≥ 0).
    package var baseDelay: Double?
    /// `max_delay:`, cap on one backoff delay in seconds (> 0).
    package var maxDelay: Double?
    /// `max_retry_after:`, the longest `Retry-After` honoured, in seconds (≥ 0).
    package var maxRetryAfter: Double?
    /// `jitter:`, the random fraction of each delay (0…1).
    package var jitter: Double?

    /// Creates settings; everything unset by default.
    package init(
        maxAttempts: Int? = nil, baseDelay: Double? = nil, maxDelay: Double? = nil, maxRetryAfter: Double? = nil,
        jitter: Double? = nil
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// The range `max_attempts:` must fall in.
    package static let attemptsRange = 1...50

    /// `base` with the values set here replacing its own.
    package func policy(over base: RetryPolicy = RetryPolicy()) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts ?? base.maxAttempts, baseDelay: baseDelay ?? base.baseDelay,
            maxDelay: maxDelay ?? base.maxDelay, maxRetryAfter: maxRetryAfter ?? base.maxRetryAfter,
            jitter: jitter ?? base.jitter)
    }
}
