import Foundation

/// A request as connectors describe it: nothing here is tied to libcurl.
package struct HTTPRequest: Sendable, Hashable {
    /// The HTTP methods litharvest uses.
    package enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
    }

    /// GET or POST.
    package var method: Method
    /// The absolute URL, query string included; `http` and `https` only.
    package var url: String
    /// Extra request headers (User-Agent goes in `userAgent`).
    package var headers: [HTTPHeader]
    /// For POST: `application/x-www-form-urlencoded` fields, encoded by the client.
    package var form: [QueryItem]
    /// Overrides the client's User-Agent (for sites whose firewall rejects tool names).
    package var userAgent: String?

    /// Creates a request.
    package init(
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
    package static func get(_ base: String, query: [QueryItem] = [], userAgent: String? = nil) -> HTTPRequest {
        HTTPRequest(method: .get, url: FormEncoding.appending(query, to: base), userAgent: userAgent)
    }

    /// A form-encoded POST of `form` to `url`.
    package static func post(_ url: String, form: [QueryItem], userAgent: String? = nil) -> HTTPRequest {
        HTTPRequest(method: .post, url: url, form: form, userAgent: userAgent)
    }

    /// The host name (lower-cased), or nil for an unparsable URL.
    package var host: String? {
        URLComponents(string: url)?.host?.lowercased()
    }

    /// What the rate limiter keys on: the host, plus the port when one is given explicitly (two services on
    /// one machine, as in tests and mirrors, are different budgets).
    package var limiterKey: String? { Self.limiterKey(for: url) }

    /// The limiter key of any URL (see ``limiterKey``).
    package static func limiterKey(for url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The encoded body of a POST.
    package var encodedForm: String { FormEncoding.encode(form) }
}

/// One name/value pair of a query string or form body.
package struct QueryItem: Sendable, Hashable, Codable {
    /// The parameter name.
    package var name: String
    /// The parameter value, unencoded.
    package var value: String

    /// Creates a pair.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One header line.
package struct HTTPHeader: Sendable, Hashable, Codable {
    /// The header name as sent or received.
    package var name: String
    /// The header value, trimmed.
    package var value: String

    /// Creates a header.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
