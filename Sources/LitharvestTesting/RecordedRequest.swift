package import Foundation
import LitharvestHTTP

/// One request as the server received it.
package struct RecordedRequest: Sendable {
    /// The request method, e.g. "GET" or "POST".
    package let method: String
    /// The raw request target, e.g. "/entrez/eutils/esearch.fcgi?db=pubmed&term=a".
    package let target: String
    /// The percent-decoded path, without the query.
    package let path: String
    /// The decoded query parameters (`+` read as a space), in order.
    package let query: [(name: String, value: String)]
    /// The request headers, in the order received.
    package let headers: [(name: String, value: String)]
    /// The request body (de-chunked if it was sent with `Transfer-Encoding: chunked`).
    package let body: Data
    /// Wall-clock time at which the request head was fully read.
    package let receivedAt: Date
    /// `DispatchTime.now().uptimeNanoseconds` at the moment the request head was fully read (monotonic).
    package let receivedAtUptime: UInt64
    /// Identifies the TCP connection the request arrived on (1, 2, ... in accept order), so tests can
    /// check connection reuse. 0 for requests built by hand.
    package let connectionID: Int

    /// Builds a request by hand (useful to unit-test handlers without a server); the path and the
    /// query are derived from `target`.
    package init(
        method: String,
        target: String,
        headers: [(name: String, value: String)] = [],
        body: Data = Data(),
        receivedAt: Date = Date(),
        receivedAtUptime: UInt64 = DispatchTime.now().uptimeNanoseconds,
        connectionID: Int = 0
    ) {
        self.method = method
        self.target = target
        let (path, query) = RecordedRequest.splitTarget(target)
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
        self.receivedAtUptime = receivedAtUptime
        self.connectionID = connectionID
    }

    /// The first header with this name (case-insensitive).
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The first value of a parameter: from the query, else from a form-urlencoded body.
    package func parameter(_ name: String) -> String? {
        if let value = query.first(where: { $0.name == name })?.value { return value }
        return formParameters.first { $0.name == name }?.value
    }

    /// All values of a parameter: query values first, then form-body values.
    package func parameters(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value) + formParameters.filter { $0.name == name }.map(\.value)
    }

    /// The decoded body if its Content-Type is `application/x-www-form-urlencoded`, else empty.
    package var formParameters: [(name: String, value: String)] {
        guard let type = header("Content-Type")?.lowercased(),
              type.hasPrefix("application/x-www-form-urlencoded")
        else { return [] }
        return FormEncoding.decode(Substring(String(decoding: body, as: UTF8.self))).map { (name: $0.name, value: $0.value) }
    }

    static func splitTarget(_ target: String) -> (path: String, query: [(name: String, value: String)]) {
        var rest = Substring(target)
        // Absolute form ("http://host:port/path?q"): drop scheme and authority.
        if let schemeEnd = rest.range(of: "://") {
            let afterAuthority = rest[schemeEnd.upperBound...]
            rest = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? "/"
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let rawPath: Substring
        var query: [(name: String, value: String)] = []
        if let mark = rest.firstIndex(of: "?") {
            rawPath = rest[..<mark]
            query = FormEncoding.decode(rest[rest.index(after: mark)...]).map { (name: $0.name, value: $0.value) }
        } else {
            rawPath = rest
        }
        let path = String(rawPath).removingPercentEncoding ?? String(rawPath)
        return (path, query)
    }
}

/// `application/x-www-form-urlencoded` decoding (also used for query strings).
