package import Foundation

/// A complete response: status, final headers (after redirects) and the decoded body.
package struct HTTPResponse: Sendable {
    /// The HTTP status code of the final response.
    package var status: Int
    /// The headers of the final response, in order.
    package var headers: [HTTPHeader]
    /// The body, already decompressed when the server used gzip/deflate/br.
    package var body: Data
    /// The URL that answered, after redirects.
    package var url: String
    /// How many attempts it took (1 when no retry happened).
    package var attempts: Int

    /// Creates a response.
    package init(status: Int, headers: [HTTPHeader] = [], body: Data = Data(), url: String, attempts: Int = 1) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.attempts = attempts
    }

    /// The last value of a header, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type without parameters, lower-cased (`text/xml`), if the server sent one.
    package var mediaType: String? {
        header("Content-Type")?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    /// True for 2xx statuses.
    package var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid sequences replaced).
    package var text: String { String(decoding: body, as: UTF8.self) }
}
