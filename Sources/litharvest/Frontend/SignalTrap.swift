import Dispatch
import Foundation
import LitharvestHTTP

/// Turns Ctrl-C and SIGTERM into a cancellation flag, so work in flight stops cleanly instead of dying.
final class SignalTrap {
    let flag = CancellationFlag()
    private let sources: [any DispatchSourceSignal]

    init() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [flag] in
                if flag.isCancelled {
                    // A second Ctrl-C means "now".
                    exit(130)
                }
                FileHandle.standardError.write(Data("\nstopping: finishing what is in flight (Ctrl-C again to quit at once)\n".utf8))
                flag.cancel()
            }
            source.resume()
        }
    }
}
