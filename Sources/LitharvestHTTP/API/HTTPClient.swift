import Foundation

/// The client connectors are given: a transport plus politeness and resilience. Every request waits for
/// its host's rate limiter, is retried with exponential backoff and jitter on 429/500/502/503/504, timeouts,
/// resets and truncated bodies (honouring Retry-After), and is archived if an archive is set. Safe to share
/// across threads; the limiter registry is what makes jobs on one host share its budget.
package final class HTTPClient: HTTPTransport {
    /// Something worth telling the user about, for logs and progress displays. URLs are redacted.
    package enum Event: Sendable {
        /// A request was charged to its host's budget and is starting (`at`: ``HostRateLimiter/now()``).
        case started(url: String, attempt: Int, at: Double)
        /// A request is about to be retried after `delay` seconds.
        case retrying(url: String, attempt: Int, delay: Double, reason: String)
        /// A response arrived.
        case received(url: String, status: Int, bytes: Int, seconds: Double)
    }

    private let transport: any HTTPTransport
    /// Per-host budgets, shared with every other client built on the same registry.
    package let limiters: RateLimiterRegistry
    /// When and how to retry.
    package let retryPolicy: RetryPolicy
    private let archive: ResponseArchive?
    private let cancellation: CancellationFlag?
    private let redactor: SecretRedactor
    private let observer: (@Sendable (Event) -> Void)?

    /// Creates a client over `transport`.
    package init(
        transport: any HTTPTransport,
        limiters: RateLimiterRegistry = RateLimiterRegistry(),
        retryPolicy: RetryPolicy = RetryPolicy(),
        archive: ResponseArchive? = nil,
        cancellation: CancellationFlag? = nil,
        redactor: SecretRedactor = .standard,
        observer: (@Sendable (Event) -> Void)? = nil
    ) {
        self.transport = transport
        self.limiters = limiters
        self.retryPolicy = retryPolicy
        self.archive = archive
        self.cancellation = cancellation
        self.redactor = redactor
        self.observer = observer
    }

    package func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let redactor = self.redactor.learning(from: request)
        let displayURL = redactor.redact(url: request.url)
        guard let host = request.limiterKey else {
            throw HTTPError(kind: .invalidRequest, url: displayURL, message: "the URL has no host")
        }
        let limiter = limiters.limiter(for: host)
        var attempt = 0
        while true {
            attempt += 1
            try cancellation?.check(url: displayURL)
            guard let startedAt = limiter.start(cancellation: cancellation) else {
                throw HTTPError(kind: .cancelled, url: displayURL, attempts: attempt, message: "the run was cancelled")
            }
            observer?(.started(url: displayURL, attempt: attempt, at: startedAt))
            let started = Date()
            let outcome: Result<HTTPResponse, HTTPError>
            do {
                outcome = .success(try transport.send(request))
            } catch let error as HTTPError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(HTTPError(kind: .transport, url: displayURL, message: "\(error)"))
            }

            let delay: Double
            let reason: String
            switch outcome {
            case .success(var response):
                observer?(.received(
                    url: displayURL, status: response.status, bytes: response.body.count,
                    seconds: Date().timeIntervalSince(started)))
                response.attempts = attempt
                if let archive { _ = try? archive.store(response, for: request) }
                guard RetryPolicy.retryableStatuses.contains(response.status) else { return response }
                let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.retryAfterSeconds($0) }
                if let retryAfter, retryAfter > retryPolicy.maxRetryAfter {
                    throw HTTPError(
                        kind: .retryableStatus, url: displayURL, status: response.status, attempts: attempt,
                        message: "the server asked to wait \(Int(retryAfter)) s (Retry-After), longer than the "
                            + "\(Int(retryPolicy.maxRetryAfter)) s allowed")
                }
                guard attempt < retryPolicy.maxAttempts else {
                    throw HTTPError(
                        kind: .retryableStatus, url: displayURL, status: response.status, attempts: attempt,
                        message: "HTTP \(response.status) on every attempt; retry budget exhausted")
                }
                if let retryAfter {
                    // The server's word is binding for the whole host, not only this job.
                    limiter.pause(for: retryAfter)
                    delay = retryAfter
                } else {
                    delay = retryPolicy.backoff(retry: attempt)
                }
                reason = "HTTP \(response.status)"
            case .failure(var error):
                error.attempts = attempt
                error.url = displayURL
                guard error.isTransient, attempt < retryPolicy.maxAttempts else {
                    if error.isTransient, attempt > 1 {
                        error.message += "; retry budget exhausted"
                    }
                    throw error
                }
                delay = retryPolicy.backoff(retry: attempt)
                reason = error.kind.rawValue
            }
            observer?(.retrying(url: displayURL, attempt: attempt + 1, delay: delay, reason: reason))
            if let cancellation {
                if !cancellation.sleep(seconds: delay) {
                    throw HTTPError(kind: .cancelled, url: displayURL, attempts: attempt, message: "the run was cancelled")
                }
            } else {
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }
}
