import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestXML

/// Checks every XML web service's answer needs before it is parsed: an HTML page (a firewall, a login or
/// maintenance page), a non-2xx status or an empty body is an error naming the URL, never zero hits.
enum XMLAnswerCheck {
    /// Throws when `response` cannot be the XML answer of `service`; `url` is the redacted request URL.
    /// With `errorRoot`, a non-2xx answer whose body is that XML element is let through, because some
    /// protocols' servers (OAI-PMH) send their own error documents with an error status.
    static func require(_ response: HTTPResponse, url: String, service: String, errorRoot: String? = nil) throws {
        let head = String(decoding: response.body.prefix(512), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let looksHTML = head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || response.mediaType == "text/html"
        if looksHTML {
            let title = htmlTitle(response.body).map { "the page \"\($0)\"" } ?? "an HTML page"
            if response.status == 400 || response.status == 403 {
                throw ConnectorError(
                    .blocked,
                    "\(service) refused the request with \(title) (HTTP \(response.status)); its firewall rejects "
                        + "tool User-Agents, so set `user_agent:` to a current browser's",
                    location: url)
            }
            throw ConnectorError(
                .unexpectedResponse,
                "\(service) answered with \(title) (HTTP \(response.status)) instead of XML; nothing was taken as a result",
                location: url)
        }
        if !response.isSuccess, let errorRoot, head.contains("<" + errorRoot.lowercased()) { return }
        guard response.isSuccess else {
            let snippet = Normalize.text(String(decoding: response.body.prefix(300), as: UTF8.self)) ?? "no body"
            throw ConnectorError(.databaseError, "\(service) answered HTTP \(response.status): \(snippet)", location: url)
        }
        if head.isEmpty {
            throw ConnectorError(.unexpectedResponse, "\(service) sent an empty body", location: url)
        }
    }

    /// An XML reading error as a connector error naming `source` and the line.
    static func connectorError(_ error: any Error, source: String) -> ConnectorError {
        if let error = error as? ConnectorError { return error }
        if let error = error as? XMLError {
            let line = error.line.map { ":\($0)" } ?? ""
            return ConnectorError(.unexpectedResponse, "not well-formed XML: \(error.message)", location: source + line)
        }
        return ConnectorError(.unexpectedResponse, "\(error)", location: source)
    }

    private static func htmlTitle(_ body: Data) -> String? {
        guard let document = try? XMLDocument.parseHTML(body), let title = try? document.text("//title") else {
            return nil
        }
        return title
    }
}
