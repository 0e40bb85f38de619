import Foundation

/// Buffered reading of HTTP/1.1 requests from one socket.
struct RequestReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    init(fd: Int32) {
        self.fd = fd
    }

    private mutating func fill() -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        return Socket.receive(fd, into: &buffer) > 0
    }

    /// Reads up to the blank line ending a request head; returns the head without it.
    /// Nil on EOF, error, or a head over `limit` bytes.
    mutating func readHead(limit: Int = 1 << 20) -> [UInt8]? {
        // Offsets are relative to `start`, because `fill()` may compact the buffer.
        var scanned = 0
        while true {
            // Tolerate empty lines before a request line (RFC 9112 section 2.2).
            while start < buffer.count && (buffer[start] == 13 || buffer[start] == 10) {
                start += 1
                scanned = max(scanned - 1, 0)
            }
            if let end = findBlankLine(from: start + scanned) {
                let head = Array(buffer[start..<end.headEnd])
                start = end.next
                return head
            }
            scanned = max(0, buffer.count - start - 3)
            if buffer.count - start > limit { return nil }
            guard fill() else { return nil }
        }
    }

    /// Finds "\r\n\r\n" (or a lenient "\n\n").
    private func findBlankLine(from index: Int) -> (headEnd: Int, next: Int)? {
        var i = index
        while i + 1 < buffer.count {
            if buffer[i] == 10 {
                if buffer[i + 1] == 10 { return (i, i + 2) }
                if buffer[i + 1] == 13 && i + 2 < buffer.count && buffer[i + 2] == 10 {
                    let headEnd = i > start && buffer[i - 1] == 13 ? i - 1 : i
                    return (headEnd, i + 3)
                }
            }
            i += 1
        }
        return nil
    }

    mutating func readExact(_ count: Int) -> [UInt8]? {
        while buffer.count - start < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[start..<start + count])
        start += count
        return bytes
    }

    /// One line without its CRLF (or LF).
    mutating func readLine(limit: Int = 1 << 16) -> [UInt8]? {
        var scanned = 0  // relative to `start`, because `fill()` may compact the buffer
        while true {
            if let lf = buffer[(start + scanned)...].firstIndex(of: 10) {
                let end = lf > start && buffer[lf - 1] == 13 ? lf - 1 : lf
                let line = Array(buffer[start..<end])
                start = lf + 1
                return line
            }
            scanned = buffer.count - start
            if scanned > limit { return nil }
            guard fill() else { return nil }
        }
    }

    /// A `Transfer-Encoding: chunked` body, de-chunked (trailers are read and dropped).
    mutating func readChunkedBody(limit: Int = 1 << 30) -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let line = readLine() else { return nil }
            let sizeText = String(decoding: line, as: UTF8.self)
                .split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText, radix: 16), size >= 0, body.count + size <= limit else { return nil }
            if size == 0 { break }
            guard let chunk = readExact(size) else { return nil }
            body += chunk
            guard let crlf = readLine(), crlf.isEmpty else { return nil }
        }
        while true {  // trailer section
            guard let line = readLine() else { return nil }
            if line.isEmpty { return body }
        }
    }
}

/// A parsed request head.
struct RequestHead {
    let method: String
    let target: String
    let version: String
    let headers: [(name: String, value: String)]

    init?(_ bytes: [UInt8]) {
        // Split the bytes, not a String: "\r\n" is a single Character in Swift.
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line -> Substring in
            let trimmed = line.last == 13 ? line.dropLast() : line
            return Substring(String(decoding: trimmed, as: UTF8.self))
        }
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else { return nil }
        method = String(requestLine[0])
        target = String(requestLine[1])
        version = String(requestLine[2])
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            headers.append((name: name, value: value))
        }
        self.headers = headers
    }

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Lower-cased tokens of all `Connection` headers.
    private var connectionTokens: [String] {
        headers.filter { $0.name.lowercased() == "connection" }
            .flatMap { $0.value.lowercased().split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    var wantsKeepAlive: Bool {
        let tokens = connectionTokens
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    var isChunked: Bool {
        header("Transfer-Encoding")?.lowercased().contains("chunked") ?? false
    }
}

enum ResponseWriter {
    static let reasons: [Int: String] = [
        100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
        206: "Partial Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
        304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 408: "Request Timeout", 410: "Gone", 413: "Content Too Large",
        414: "URI Too Long", 429: "Too Many Requests", 500: "Internal Server Error",
        501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    static func reason(_ status: Int) -> String {
        reasons[status] ?? "Status \(status)"
    }

    /// Whether the response itself asks to close the connection.
    static func asksToClose(_ response: ServerResponse) -> Bool {
        response.headers.contains {
            $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close")
        }
    }

    /// Status codes whose responses never carry a body.
    static func isBodyless(_ status: Int) -> Bool {
        (100..<200).contains(status) || status == 204 || status == 304
    }

    /// The response head. Adds Content-Length (full body length) unless the caller set
    /// Content-Length or Transfer-Encoding, Date unless set, and Connection.
    static func head(for response: ServerResponse, keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        var hasLength = false
        var hasDate = false
        for (name, value) in response.headers {
            switch name.lowercased() {
            case "connection": continue
            case "content-length", "transfer-encoding": hasLength = true
            case "date": hasDate = true
            default: break
            }
            text += "\(name): \(value)\r\n"
        }
        if !hasLength && !isBodyless(response.status) {
            text += "Content-Length: \(response.body.count)\r\n"
        }
        if !hasDate { text += "Date: \(Socket.httpDate())\r\n" }
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        return Array(text.utf8)
    }
}
