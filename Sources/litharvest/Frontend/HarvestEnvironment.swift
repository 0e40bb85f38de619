import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestHTTP

/// What every command that talks to databases shares: the registry, the settings resolver, one HTTP client
/// whose per-host limiters all jobs share, and the cancellation flag.
struct HarvestEnvironment {
    let registry: ConnectorRegistry
    let resolver = SettingsResolver(environment: ProcessInfo.processInfo.environment)
    let limiters = RateLimiterRegistry()
    let cancellation: CancellationFlag
    let transport: CurlTransport
    let archive: ResponseArchive?

    init(cancellation: CancellationFlag, archiveDirectory: String?, registry: ConnectorRegistry) throws {
        self.registry = registry
        self.cancellation = cancellation
        self.transport = CurlTransport(cancellation: cancellation)
        self.archive = try archiveDirectory.map { try ResponseArchive(directory: URL(fileURLWithPath: $0)) }
    }

    /// The factory for `id`, or a usage error listing the known ids.
    func factory(for id: String) throws -> ConnectorFactory {
        guard let factory = registry[id] else {
            throw ValidationError(
                "unknown database '\(id)'; known: \(registry.ids.joined(separator: ", ")) (see `litharvest connectors`)")
        }
        return factory
    }

    /// A client for one database's settings; its host budget is registered with the shared limiters.
    func client(for settings: ConnectorSettings, verbose: Bool) -> HTTPClient {
        if let host = HTTPRequest.limiterKey(for: settings.endpoint) {
            limiters.configure(host: host, requestsPerSecond: settings.requestsPerSecond)
        }
        return HTTPClient(
            transport: transport, limiters: limiters, archive: archive, cancellation: cancellation,
            redactor: SecretRedactor(values: settings.secretValues), observer: httpObserver(verbose: verbose))
    }

    /// Logs retries always, and every exchange with `verbose`.
    func httpObserver(verbose: Bool) -> @Sendable (HTTPClient.Event) -> Void {
        { event in
            switch event {
            case .retrying(let url, let attempt, let delay, let reason):
                Console.error(String(format: "retrying (%@), attempt %d in %.1f s: %@", reason, attempt, delay, url))
            case .started:
                break
            case .received(let url, let status, let bytes, let seconds):
                if verbose { Console.error(String(format: "HTTP %d, %d bytes, %.2f s: %@", status, bytes, seconds, url)) }
            }
        }
    }

    /// Frees libcurl handles before exit.
    func shutdown() { transport.shutdown() }
}
