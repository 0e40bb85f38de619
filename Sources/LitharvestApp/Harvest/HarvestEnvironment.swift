import Foundation
package import LitharvestCore
package import LitharvestHTTP

/// What every command that talks to databases shares: the settings resolver, the per-host limiters all
/// jobs share, and the response archive. The scheduler (``Harvester``) builds the HTTP clients from it.
package struct HarvestEnvironment: Sendable {
    /// Resolves each database's endpoint, key and options from defaults, config and the environment.
    package let resolver: SettingsResolver
    /// One limiter per host, shared by every job of the command.
    package let limiters = RateLimiterRegistry()
    /// Where raw responses are kept (secrets masked), when asked for.
    package let archive: ResponseArchive?

    /// Creates the environment, opening the archive folder when one is named.
    package init(
        archiveDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.resolver = SettingsResolver(environment: environment)
        self.archive = try archiveDirectory.map { try ResponseArchive(directory: URL(fileURLWithPath: $0)) }
    }

    /// A scheduler over this environment's limiters and archive, sending through libcurl.
    package func harvester(
        cancellation: CancellationFlag, retryPolicy: RetryPolicy = RetryPolicy(),
        observer: (@Sendable (HTTPClient.Event) -> Void)?
    ) -> Harvester {
        Harvester(
            limiters: limiters, cancellation: cancellation, retryPolicy: retryPolicy, archive: archive,
            observer: observer
        ) { CurlTransport(cancellation: $0) }
    }
}
