/// A failure of the snapshot store. `description` is a sentence fit for the command line and names the
/// store (or lock) file involved.
package struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// Another process (or another lock in this one) holds the run lock; `pid` is the holder's process id
        /// when its lock file names one.
        case locked(pid: Int32?)
        /// The file is not a litharvest store, is damaged, or was written by a newer litharvest.
        case unreadable
        /// No run has this id.
        case unknownRun(Int64)
        /// The file system or SQLite failed (permissions, disk full, I/O error).
        case io
    }

    /// What went wrong.
    package var kind: Kind
    /// The store file (for `.locked`, the lock file).
    package var path: String
    /// Details from the operating system or SQLite.
    package var message: String

    /// Creates an error.
    package init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    package var description: String {
        switch kind {
        case .locked(let pid):
            let holder = pid.map { "another litharvest run (pid \($0))" } ?? "another litharvest run"
            return "\(holder) holds \(path); wait for it or stop it"
        case .unreadable:
            return "cannot read the litharvest store \(path): \(message)"
        case .unknownRun(let id):
            return "the store \(path) has no run \(id)"
        case .io:
            return "the litharvest store \(path) failed: \(message)"
        }
    }
}
