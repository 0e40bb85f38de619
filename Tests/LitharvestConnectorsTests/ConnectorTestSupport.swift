import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting

/// Reads a fixture copied from ../shared/fixtures (see Fixtures/*/SOURCES.md).
func fixture(_ database: String, _ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(database)") else {
        throw FixtureMissing(name: "\(database)/\(name)")
    }
    return try Data(contentsOf: url)
}

/// The path of a fixture, for file-based parsers.
func fixturePath(_ database: String, _ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(database)") else {
        throw FixtureMissing(name: "\(database)/\(name)")
    }
    return url.path
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing" }
}

/// A context whose client talks to `server` with the given budget and quick retries.
func searchContext(
    endpoint: String, requestsPerSecond: Double = 3, options: [String: String] = [:], attempts: Int = 6
) -> SearchContext {
    let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 0)
    limiters.configure(host: HTTPRequest.limiterKey(for: endpoint) ?? "127.0.0.1", requestsPerSecond: requestsPerSecond)
    let client = HTTPClient(
        transport: CurlTransport(), limiters: limiters,
        retryPolicy: RetryPolicy(maxAttempts: attempts, baseDelay: 0.2, maxDelay: 1))
    return SearchContext(
        http: client,
        settings: ConnectorSettings(
            endpoint: endpoint, email: "tests@example.org", requestsPerSecond: requestsPerSecond, options: options))
}
