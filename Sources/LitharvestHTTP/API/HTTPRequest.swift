import Foundation

/// A request as connectors describe it: nothing here is tied to libcurl.
public struct HTTPRequest: Sendable, Hashable {
    /// The HTTP methods litharvest uses.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
    }

    /// GET or POST.
    public var method: Method
    /// The absolute URL, query string included; `http` and `https` only.
    public var url: String
    /// Extra request headers (User-Agent goes in `userAgent`).
    public var headers: [HTTPHeader]
    /// For POST: `application/x-www-form-urlencoded` fields, encoded by the client.
    public var form: [QueryItem]
    /// Overrides the client's User-Agent (for sites whose firewall rejects tool names).
    public var userAgent: String?

    /// Creates a request.
    public init(
        method: Method = .get, url: String, headers: [HTTPHeader] = [], form: [QueryItem] = [],
        userAgent: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.form = form
        self.userAgent = userAgent
    }

    /// A GET for `base` with `query` appended (percent-encoded).
    public static func get(_ base: String, query: [QueryItem] = [], userAgent: String? = nil) -> HTTPRequest {
        HTTPRequest(method: .get, url: FormEncoding.appending(query, to: base), userAgent: userAgent)
    }

    /// A form-encoded POST of `form` to `url`.
    public static func post(_ url: String, form: [QueryItem], userAgent: String? = nil) -> HTTPRequest {
        HTTPRequest(method: .post, url: url, form: form, userAgent: userAgent)
    }

    /// The host name (lower-cased), or nil for an unparsable URL.
    public var host: String? {
        URLComponents(string: url)?.host?.lowercased()
    }

    /// What the rate limiter keys on: the host, plus the port when one is given explicitly (two services on
    /// one machine, as in tests and mirrors, are different budgets).
    public var limiterKey: String? { Self.limiterKey(for: url) }

    /// The limiter key of any URL (see ``limiterKey``).
    public static func limiterKey(for url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The encoded body of a POST.
    public var encodedForm: String { FormEncoding.encode(form) }
}

/// One name/value pair of a query string or form body.
public struct QueryItem: Sendable, Hashable, Codable {
    /// The parameter name.
    public var name: String
    /// The parameter value, unencoded.
    public var value: String

    /// Creates a pair.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One header line.
public struct HTTPHeader: Sendable, Hashable, Codable {
    /// The header name as sent or received.
    public var name: String
    /// The header value, trimmed.
    public var value: String

    /// Creates a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
