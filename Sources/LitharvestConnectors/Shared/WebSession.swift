import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// The requests a web-page connector makes: the configured User-Agent only (a browser-like one when the
/// review sets `user_agent`), the host's rate limit from the client, and a refusal to read anything that
/// is not a normal answer — a bot challenge or an error status becomes a ``ConnectorError`` naming the URL.
struct WebSession {
    let context: SearchContext
    /// The database's name, for messages.
    let site: String
    /// What to tell the user when the site blocks automated access.
    let blockedAdvice: String

    /// GETs `base` with `query`; the response must be a 2xx that is not a bot challenge.
    func get(_ base: String, query: [QueryItem] = []) throws -> WebPage {
        try fetch(.get(base, query: query, userAgent: context.settings.userAgent))
    }

    /// Sends `request` and returns the response as it came, status unchecked (for probes and for
    /// callers that read error statuses themselves).
    func sendUnchecked(_ request: HTTPRequest) throws -> WebPage {
        let response = try context.send(request)
        return WebPage(
            status: response.status, mediaType: response.mediaType, body: response.body,
            url: SecretRedactor.standard.redact(url: request.url), headers: response.headers)
    }

    private func fetch(_ request: HTTPRequest) throws -> WebPage {
        let page = try sendUnchecked(request)
        if page.isBotChallenge {
            throw ConnectorError(
                .blocked, "\(site) answered with a bot challenge (Cloudflare) instead of results; \(blockedAdvice)",
                location: page.url)
        }
        guard (200..<300).contains(page.status) else {
            throw ConnectorError(.databaseError, "\(site) answered HTTP \(page.status)", location: page.url)
        }
        return page
    }
}

/// One response of a web connector, with the URL (secrets masked) every error must name.
struct WebPage {
    var status: Int
    var mediaType: String?
    var body: Data
    var url: String
    var headers: [HTTPHeader] = []

    /// Cloudflare's "Just a moment…" interstitial (managed or JS challenge), served with 403, 503 or even
    /// 200: recognised by its header or by the markers its page always carries.
    var isBotChallenge: Bool {
        if headers.contains(where: { $0.name.lowercased() == "cf-mitigated" && $0.value.lowercased() == "challenge" }) {
            return true
        }
        let head = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        // Only markers of the interstitial itself: ordinary pages behind Cloudflare also load
        // `/cdn-cgi/challenge-platform/` scripts, so that path proves nothing.
        let markers = [
            "window._cf_chl_opt", "cf-browser-verification", "<title>Just a moment...</title>",
            "Attention Required! | Cloudflare", "challenge-error-text",
        ]
        return markers.contains { head.contains($0) }
    }

    /// The body as an HTML document, or an ``ConnectorError/Kind/unexpectedResponse`` naming the URL.
    func html() throws -> XMLDocument {
        try HTMLPage.document(body, source: url)
    }

    /// The body as a JSON object or array, or nil when it is not JSON.
    func json() -> Any? {
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        guard let first = trimmed.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(trimmed))
    }
}

/// Small readers for the text shapes web result lists print.
enum WebText {
    /// The value of query parameter `name` in `url`, or nil.
    static func parameter(_ name: String, in url: String) -> String? {
        guard let question = url.firstIndex(of: "?") else { return nil }
        var query = url[url.index(after: question)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        return FormEncoding.decode(query).first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The first whole number in `text`, thousands separators allowed (`17,202`).
    static func number(in text: String?) -> Int? {
        guard let text else { return nil }
        var digits = ""
        var started = false
        for character in text {
            if character.isASCIIDigit {
                digits.append(character)
                started = true
            } else if started, character == "," {
                continue
            } else if started {
                break
            }
        }
        return Int(digits)
    }

    /// `Kim MG`, `Kim, Min-Gyu` or `김민규`: a person split into family and initials where the name is
    /// written `Family Initials`; otherwise what ``SourceText/author(_:)`` makes of it.
    static func person(_ raw: String) -> Author? {
        guard let name = SourceText.plain(raw)?.trimmingCharacters(in: CharacterSet(charactersIn: " .;")),
            !name.isEmpty
        else { return nil }
        let words = name.split(separator: " ").map(String.init)
        if !name.contains(","), words.count >= 2, let last = words.last,
            last.count <= 3, last.allSatisfy({ $0.isUppercase && $0.isLetter && $0.isASCII })
        {
            return Author(family: words.dropLast().joined(separator: " "), initials: last)
        }
        return SourceText.author(name)
    }

    /// A PubMed-style citation line, `Journal. 2024 Mar;99(2):101-110.` (KoreaMed, KMbase): journal,
    /// year, volume, issue and pages, each nil when absent.
    static func citation(_ raw: String?) -> Citation {
        var citation = Citation()
        guard let text = SourceText.plain(raw) else { return citation }
        citation.year = Normalize.year(in: text)
        if let year = citation.year, let range = text.range(of: String(year)) {
            citation.journal = Normalize.text(
                String(text[..<range.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " .,;")))
        } else {
            citation.journal = Normalize.text(text.trimmingCharacters(in: CharacterSet(charactersIn: " .,;")))
        }
        guard let semicolon = text.firstIndex(of: ";") else { return citation }
        var rest = String(text[text.index(after: semicolon)...])
        // Whatever follows the pages (`. doi: …`, `. Epub …`) is not part of them.
        if let end = rest.range(of: ". ") { rest = String(rest[..<end.lowerBound]) }
        rest = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        var volumePart = rest
        if let colon = rest.firstIndex(of: ":") {
            volumePart = String(rest[..<colon])
            citation.pages = Normalize.text(
                String(rest[rest.index(after: colon)...]).trimmingCharacters(in: CharacterSet(charactersIn: " .")))
        }
        if let open = volumePart.firstIndex(of: "("), let close = volumePart.lastIndex(of: ")"), open < close {
            citation.issue = Normalize.text(String(volumePart[volumePart.index(after: open)..<close]))
            volumePart = String(volumePart[..<open])
        }
        citation.volume = Normalize.text(volumePart)
        return citation
    }

    /// The parts of a citation line.
    struct Citation: Equatable {
        var journal: String?
        var year: Int?
        var volume: String?
        var issue: String?
        var pages: String?
    }
}
