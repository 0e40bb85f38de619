import ArgumentParser

/// Exit codes, documented in the README.
enum ExitStatus {
    /// Everything asked for was done.
    static let success = ExitCode(0)
    /// A search or parse failed.
    static let failure = ExitCode(1)
    /// A config file with errors (command-line usage errors exit 64, as swift-argument-parser does).
    static let configError = ExitCode(2)
    /// A job failed or retrieved only part of its records.
    static let incomplete = ExitCode(3)
    /// The command exists but its feature has not landed yet (EX_UNAVAILABLE).
    static let unavailable = ExitCode(69)
    /// Another run holds the store's lock (EX_TEMPFAIL).
    static let locked = ExitCode(75)
    /// Stopped by Ctrl-C or SIGTERM (128 + SIGINT).
    static let interrupted = ExitCode(130)
}
