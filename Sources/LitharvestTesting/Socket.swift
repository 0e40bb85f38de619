// Thin POSIX socket helpers for the loopback server. Only 127.0.0.1 is ever bound.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A socket call failed while setting up the server.
package struct LoopbackServerError: Error, CustomStringConvertible, Sendable {
    package let operation: String
    package let code: Int32

    package var description: String {
        "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

enum Socket {
    /// Creates a listening socket on 127.0.0.1 with an ephemeral port; returns it and the port.
    static func listenOnLoopback() throws -> (fd: Int32, port: Int) {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackServerError(operation: "socket", code: errno) }
        #if !os(Linux)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        #endif
        var ok = false
        defer { if !ok { _ = close(fd) } }

        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian  // 127.0.0.1, never anything else
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw LoopbackServerError(operation: "bind", code: errno) }
        guard listen(fd, 256) == 0 else { throw LoopbackServerError(operation: "listen", code: errno) }

        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw LoopbackServerError(operation: "getsockname", code: errno) }
        ok = true
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Accepts one connection (close-on-exec). Returns the fd, or the errno on failure.
    static func accept(_ listener: Int32) -> Result<Int32, LoopbackServerError> {
        let fd = acceptConnection(listener)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }  // accept4 is not visible to Swift on Glibc
        if fd < 0 { return .failure(LoopbackServerError(operation: "accept", code: errno)) }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if !os(Linux)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return .success(fd)
    }

    private static func acceptConnection(_ listener: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.accept(listener, nil, nil)
        #else
        return Darwin.accept(listener, nil, nil)
        #endif
    }

    /// Sends all bytes (never raises SIGPIPE). False if the peer is gone.
    static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        var offset = 0
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        while offset < array.count {
            let sent = array.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// One `recv` into `buffer`; returns the byte count (0 = EOF, negative = error), retrying EINTR.
    static func receive(_ fd: Int32, into buffer: inout [UInt8], max: Int = 65536) -> Int {
        while true {
            let oldCount = buffer.count
            var received = 0
            buffer.append(contentsOf: repeatElement(0, count: max))
            buffer.withUnsafeMutableBytes { raw in
                received = recv(fd, raw.baseAddress! + oldCount, max, 0)
            }
            buffer.removeLast(max - Swift.max(received, 0))
            if received < 0 && errno == EINTR { continue }
            return received
        }
    }

    static func shutdownBoth(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Makes the next `close` abortive: the peer gets an RST instead of a FIN.
    static func setAbortiveClose(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    static func setReceiveTimeout(_ fd: Int32, milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: .init((milliseconds % 1000) * 1000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    static func closeSocket(_ fd: Int32) {
        _ = close(fd)
    }

    /// An RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static func httpDate(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        _ = gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
