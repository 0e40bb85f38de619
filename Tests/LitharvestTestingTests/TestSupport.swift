#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A blocking POSIX client socket to 127.0.0.1 with a receive timeout, so no test can hang.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, receiveTimeout: Double = 3) throws {
        #if os(Linux)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        #if !os(Linux)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        setReceiveTimeout(receiveTimeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            _ = close(fd)
            throw Failure(description: "connect: errno \(code)")
        }
    }

    deinit {
        _ = close(fd)
    }

    func setReceiveTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: .init((seconds - Double(Int(seconds))) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixSend(fd, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// One recv. `.data` (possibly buffered leftovers first), `.eof`, or `.error(errno)`.
    enum Chunk: Equatable {
        case data([UInt8])
        case eof
        case error(Int32)
    }

    func receive() -> Chunk {
        if !buffer.isEmpty {
            defer { buffer = [] }
            return .data(buffer)
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 { return .data(Array(chunk[0..<n])) }
            if n == 0 { return .eof }
            if errno == EINTR { continue }
            return .error(errno)
        }
    }

    /// Reads until EOF or an error; returns the bytes and how it ended.
    func readToEnd() -> (bytes: [UInt8], end: Chunk) {
        var all: [UInt8] = []
        while true {
            switch receive() {
            case .data(let bytes): all += bytes
            case let end: return (all, end)
            }
        }
    }

    struct Response {
        let status: Int
        let statusLine: String
        let headers: [(name: String, value: String)]
        let body: [UInt8]
        var bodyText: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Reads one response framed by Content-Length (`bodyless` for HEAD / 1xx / 204 / 304).
    func readResponse(bodyless: Bool = false) throws -> Response {
        while true {
            if let range = findHeadEnd() {
                let head = String(decoding: buffer[0..<range.lowerBound], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst()
                let parts = statusLine.split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, let status = Int(parts[1]) else {
                    throw Failure(description: "bad status line \(statusLine)")
                }
                let headers = lines.map { line -> (name: String, value: String) in
                    let colon = line.firstIndex(of: ":")!
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                let length = bodyless ? 0 : headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
                while buffer.count < range.upperBound + length {
                    guard fill() else { throw Failure(description: "connection ended inside the body") }
                }
                let body = Array(buffer[range.upperBound..<range.upperBound + length])
                buffer.removeFirst(range.upperBound + length)
                return Response(status: status, statusLine: statusLine, headers: headers, body: body)
            }
            guard fill() else { throw Failure(description: "connection ended before a response head") }
        }
    }

    private func findHeadEnd() -> Range<Int>? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i..<(i + 4)
        }
        return nil
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                buffer += chunk[0..<n]
                return true
            }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }
}

/// The C `send`, reachable from inside `RawClient` (whose own `send` methods shadow it).
private func posixSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, pointer, count, flags)
}

struct CurlResult {
    let exitCode: Int32
    let stdout: Data
    let stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs /usr/bin/curl (never through a proxy, at most `maxTime` seconds).
func curl(_ arguments: [String], maxTime: Int = 5) throws -> CurlResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sS", "--noproxy", "*", "--max-time", "\(maxTime)"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CurlResult(exitCode: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
}

func uptimeSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
