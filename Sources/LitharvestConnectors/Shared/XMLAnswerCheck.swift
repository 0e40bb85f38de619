import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// Checks every XML web service's answer needs before it is parsed: an HTML page (a firewall, a login or
/// maintenance page), a non-2xx status or an empty body is an error naming the URL, never zero hits.
enum XMLAnswerCheck {
    /// An HTML page that came where XML or JSON was expected.
    struct HTMLAnswer {
        /// The page's `<title>`, when it has one.
        var title: String?

        /// "the page "Title"", or "an HTML page" when untitled, for messages.
        var named: String { title.map { "the page \"\($0)\"" } ?? "an HTML page" }
    }

    /// The one test for "HTML instead of XML/JSON": after a byte-order mark, white space and an XML
    /// declaration the body opens an HTML document, the media type is `text/html`, or the first 512 bytes
    /// hold one of `markers` (lower case; a site's own maintenance-page text). Nil for anything else.
    static func htmlAnswer(_ body: Data, mediaType: String? = nil, markers: [String] = []) -> HTMLAnswer? {
        let start = opening(body)
        let head = markers.isEmpty ? "" : String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        let looksHTML =
            start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || mediaType == "text/html"
            || markers.contains { head.contains($0) }
        return looksHTML ? HTMLAnswer(title: HTMLPage.title(body)) : nil
    }

    /// The first 512 characters of `body`, lower-cased, after a byte-order mark, white space and an XML
    /// declaration: where an answer shows what it is.
    static func opening(_ body: Data) -> Substring {
        var text = String(decoding: body.prefix(2048), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var start = Substring(text.drop { $0.isWhitespace }.prefix(512).lowercased())
        if start.hasPrefix("<?xml"), let end = start.range(of: "?>") {
            start = start[end.upperBound...].drop { $0.isWhitespace }
        }
        return start
    }

    /// Throws when `response` cannot be the XML answer of `service`; `url` is the redacted request URL.
    /// With `errorRoot`, a non-2xx answer whose body is that XML element is let through, because some
    /// protocols' servers (OAI-PMH) send their own error documents with an error status.
    static func require(_ response: HTTPResponse, url: String, service: String, errorRoot: String? = nil) throws {
        try require(
            status: response.status, mediaType: response.mediaType, body: response.body, url: url, service: service,
            errorRoot: errorRoot)
    }

    /// The check on an answer's parts. `htmlHint` is said of an HTML page (NCBI's maintenance pages); with
    /// `refusalIsBlock`, an HTML page with HTTP 400 or 403 is a firewall refusing the User-Agent.
    static func require(
        status: Int, mediaType: String?, body: Data, url: String, service: String, errorRoot: String? = nil,
        markers: [String] = [], htmlHint: String? = nil, refusalIsBlock: Bool = true
    ) throws {
        let head = String(decoding: body.prefix(512), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let page = htmlAnswer(body, mediaType: mediaType, markers: markers) {
            if refusalIsBlock, status == 400 || status == 403 {
                throw ConnectorError(
                    .blocked,
                    "\(service) refused the request with \(page.named) (HTTP \(status)); its firewall rejects "
                        + "tool User-Agents, so set `user_agent:` to a current browser's",
                    location: url)
            }
            throw ConnectorError(
                .unexpectedResponse,
                "\(service) answered with \(page.named) (HTTP \(status)) instead of XML; "
                    + (htmlHint.map { "\($0). Nothing was taken as a result." } ?? "nothing was taken as a result"),
                location: url)
        }
        let isSuccess = (200..<300).contains(status)
        if !isSuccess, let errorRoot, head.contains("<" + errorRoot.lowercased()) { return }
        guard isSuccess else {
            let snippet = Normalize.text(String(decoding: body.prefix(300), as: UTF8.self)) ?? "no body"
            throw ConnectorError(.databaseError, "\(service) answered HTTP \(status): \(snippet)", location: url)
        }
        if head.isEmpty {
            throw ConnectorError(.unexpectedResponse, "\(service) sent an empty body", location: url)
        }
    }

    /// A failure while reading an answer as a connector error naming the source, line and column; connector
    /// errors pass through.
    static func connectorError(_ error: any Error, source: String) -> ConnectorError {
        if let error = error as? ConnectorError { return error }
        guard let xml = error as? XMLError else {
            return ConnectorError(.unexpectedResponse, String(describing: error), location: source)
        }
        var location = xml.source ?? source
        if let line = xml.line {
            location += ":\(line)"
            if let column = xml.column { location += ":\(column)" }
        }
        let what = switch xml.kind {
        case .malformed: "malformed XML"
        case .unsafeDocument: "unsafe XML refused"
        case .xpath: "XPath failure"
        case .io: "cannot read the input"
        }
        return ConnectorError(.unexpectedResponse, "\(what): \(xml.message)", location: location)
    }
}
