package import Foundation

/// When and how long to wait before trying a request again.
package struct RetryPolicy: Sendable, Hashable {
    /// Statuses worth another try.
    package static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Total attempts, the first included.
    package var maxAttempts: Int
    /// Delay before the first retry, in seconds; doubles each time.
    package var baseDelay: Double
    /// Cap on one computed backoff delay.
    package var maxDelay: Double
    /// Longest Retry-After we honour; a server asking for more ends the request with an error.
    package var maxRetryAfter: Double
    /// Fraction of each delay that is random, so parallel clients do not retry in lock-step.
    package var jitter: Double

    /// Creates a policy.
    package init(
        maxAttempts: Int = 5, baseDelay: Double = 1, maxDelay: Double = 30, maxRetryAfter: Double = 120,
        jitter: Double = 0.25
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(max(jitter, 0), 1)
    }

    /// No retries at all.
    package static let none = RetryPolicy(maxAttempts: 1)

    /// Exponential backoff with jitter for retry number `retry` (1 for the first retry).
    package func backoff(retry: Int) -> Double {
        let raw = min(maxDelay, baseDelay * pow(2, Double(max(0, retry - 1))))
        return raw * (1 - jitter) + Double.random(in: 0...(raw * jitter))
    }

    /// Parses a Retry-After value: delta-seconds or an HTTP-date, as seconds from `now`.
    package static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// HTTP-date parsing (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms.
package enum HTTPDate {
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy",
    ]

    /// The date, or nil if `text` is in none of the three forms.
    package static func parse(_ text: String) -> Date? {
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Formats `date` as an IMF-fixdate.
    package static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = formats[0]
        return formatter.string(from: date).replacingOccurrences(of: "GMT+0", with: "GMT")
    }
}
