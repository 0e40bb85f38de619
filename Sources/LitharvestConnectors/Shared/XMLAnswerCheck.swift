import Foundation
import LitharvestCore
import LitharvestModel
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
            let title = HTMLPage.title(response.body).map { "the page \"\($0)\"" } ?? "an HTML page"
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
