import Foundation
import LitharvestHTTP

/// HTTP exchanges on standard error: retries always, every exchange with `--verbose`.
enum HTTPLog {
    /// The observer to give the scheduler.
    static func observer(verbose: Bool) -> @Sendable (HTTPClient.Event) -> Void {
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
}
