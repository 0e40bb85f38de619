import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive run lock of a store, taken with ``HarvestStore/lockForRun()``: an `flock` on
/// `<store path>.lock`, which holds the holder's process id. The operating system drops it when the process
/// dies, however it dies.
package final class StoreLock: Sendable {
    /// The lock file.
    package let path: String
    /// The lock file's descriptor; -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Releases the lock (again is harmless).
    package func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            // Empty the file before unlocking: after the unlock the next holder writes its own pid.
            _ = ftruncate(fd, 0)
            _ = flock(fd, LOCK_UN)
            _ = close(fd)
            fd = -1
        }
    }

    /// Takes the lock or throws ``StoreError/Kind/locked(pid:)``. Each call opens the file anew, so a second
    /// lock in the same process conflicts too (flock locks belong to the open file description).
    static func acquire(path: String) throws -> StoreLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, path: path, message: "cannot open the lock file: \(errorText(errno))")
        }
        var result: Int32
        repeat {
            result = flock(fd, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            defer { _ = close(fd) }
            if code == EWOULDBLOCK {
                throw StoreError(.locked(pid: holderPID(fd)), path: path, message: "locked")
            }
            throw StoreError(.io, path: path, message: "cannot lock: \(errorText(code))")
        }
        let pidText = Array("\(getpid())\n".utf8)
        let written = pidText.withUnsafeBytes { bytes -> Int in
            guard ftruncate(fd, 0) == 0 else { return -1 }
            return pwrite(fd, bytes.baseAddress, bytes.count, 0)
        }
        if written != pidText.count {
            let code = errno
            _ = flock(fd, LOCK_UN)
            _ = close(fd)
            throw StoreError(.io, path: path, message: "cannot write the lock file: \(errorText(code))")
        }
        return StoreLock(path: path, descriptor: fd)
    }

    /// The pid the holder wrote, if it has written one yet.
    private static func holderPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let digits = buffer[0..<count].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}

/// `strerror` as a Swift string.
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
