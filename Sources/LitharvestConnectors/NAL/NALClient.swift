import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// Sends NAL search pages: the service key goes into the URL as issued (an "Encoding" key verbatim, a
/// "Decoding" key escaped once), and the gateway's transient error 04 is retried a bounded number of times.
final class NALClient {
    let key: String
    let context: SearchContext
    let materialType: String?
    let search: NALSearch
    let retries: Int
    let retryDelay: Double
    /// Retries made, for the search log.
    private(set) var diagnostics: [Diagnostic] = []

    init(key: String, context: SearchContext, materialType: String?, search: NALSearch, retries: Int, retryDelay: Double) {
        self.key = key
        self.context = context
        self.materialType = materialType
        self.search = search
        self.retries = retries
        self.retryDelay = retryDelay
    }

    /// The request for one page.
    func request(_ pageno: Int, size: Int, years: YearRange?) -> HTTPRequest {
        var items: [QueryItem] = []
        let path: String
        if let materialType {
            path = "searchservice/detail"
            items.append(QueryItem("dbname", materialType))
        } else {
            path = "searchservice/basic"
        }
        items += [QueryItem("search", search.parameter), QueryItem("pageno", String(pageno)),
                  QueryItem("displaylines", String(size))]
        if let years { items.append(QueryItem("option", years.option)) }
        let base = context.settings.endpoint.hasSuffix("/") ? context.settings.endpoint : context.settings.endpoint + "/"
        // An "Encoding" key is already percent-encoded; encoding it again causes error 04.
        let encodedKey = key.contains("%") ? key : FormEncoding.escape(key)
        let url = base + path + "?serviceKey=" + encodedKey + "&" + FormEncoding.encode(items)
        return HTTPRequest(url: url, userAgent: context.settings.userAgent)
    }

    /// One page of the search, retrying gateway error 04.
    func page(_ pageno: Int, size: Int, years: YearRange?) throws -> NALResponse {
        var attempt = 0
        while true {
            attempt += 1
            try context.checkCancellation()
            let response = try context.send(request(pageno, size: size, years: years))
            let location = SecretRedactor.standard.redact(url: response.url)
            do {
                return try parse(response, location: location)
            } catch let error as NALResponse.GatewayError {
                guard error.isTransient, attempt <= retries else { throw error.connectorError }
                diagnostics.append(Diagnostic(
                    .note, "data.go.kr gateway error 04 on page \(pageno); retried (attempt \(attempt + 1))",
                    location: location))
                let delay = retryDelay * Double(attempt)
                if let cancellation = context.cancellation {
                    if !cancellation.sleep(seconds: delay) { throw ConnectorError(.cancelled, "the run was cancelled") }
                } else {
                    Thread.sleep(forTimeInterval: delay)
                }
            }
        }
    }

    private func parse(_ response: HTTPResponse, location: String) throws -> NALResponse {
        do {
            return try NALResponse.parse(response.body, location: location, expectTotal: true)
        } catch let error as ConnectorError where !response.isSuccess {
            // A 401 carries the gateway envelope (handled above); anything else unreadable is an HTTP error.
            let snippet = SecretRedactor.standard.redact(text: String(decoding: response.body.prefix(300), as: UTF8.self))
            throw ConnectorError(
                .databaseError, "NAL answered HTTP \(response.status): \(snippet) (\(error.message))", location: location)
        }
    }
}
