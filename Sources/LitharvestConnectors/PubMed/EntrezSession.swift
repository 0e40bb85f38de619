import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// The E-utilities calls one search makes, with the parameters every call carries (`tool`, `email`,
/// `api_key`) and POST for long input.
struct EntrezSession {
    let database: EntrezConnector.Database
    let context: SearchContext

    private var base: String {
        let endpoint = context.settings.endpoint
        return endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
    }

    private var commonParameters: [QueryItem] {
        var items = [QueryItem("tool", "litharvest")]
        if let email = context.settings.email { items.append(QueryItem("email", email)) }
        if let key = context.settings.apiKey { items.append(QueryItem("api_key", key)) }
        return items
    }

    /// ESearch with `usehistory=y` and `retmax=0`: the count, the History-server handle and the translation.
    func esearch(term: String, window: DateRange?) throws -> ESearchResult {
        var parameters = [
            QueryItem("db", database.rawValue), QueryItem("term", term), QueryItem("usehistory", "y"),
            QueryItem("retmax", "0"),
        ]
        if let window {
            parameters += [
                QueryItem("datetype", EntrezConnector(database: database).windowDateType),
                QueryItem("mindate", window.from.slashed), QueryItem("maxdate", window.until.slashed),
            ]
        }
        let response = try send("esearch.fcgi", parameters, longInput: term.count > EntrezConnector.postThreshold)
        return try ESearchResult.parse(response)
    }

    /// EInfo for the database: its build and last update, for the search log.
    func einfo() throws -> EInfoResult {
        try EInfoResult.parse(try send("einfo.fcgi", [QueryItem("db", database.rawValue)], longInput: false))
    }

    /// One EFetch batch from the History server.
    func efetch(webEnv: String, queryKey: String, start: Int, count: Int) throws -> (records: [Record], diagnostics: [Diagnostic]) {
        let parameters = [
            QueryItem("db", database.rawValue), QueryItem("query_key", queryKey), QueryItem("WebEnv", webEnv),
            QueryItem("retstart", String(start)), QueryItem("retmax", String(count)), QueryItem("retmode", "xml"),
        ]
        let response = try send("efetch.fcgi", parameters, longInput: false)
        try EntrezResponseCheck.requireXML(response)
        var records: [Record] = []
        let report: ParseReport
        switch database {
        case .pubmed:
            report = try PubMedArticleParser().parse(data: response.body, source: response.url) { records.append($0) }
        case .pmc:
            report = try PMCArticleParser().parse(data: response.body, source: response.url) { records.append($0) }
        }
        return (records, report.diagnostics)
    }

    private func send(_ utility: String, _ parameters: [QueryItem], longInput: Bool) throws -> HTTPResponseSummary {
        let all = parameters + commonParameters
        let url = base + utility
        let request: HTTPRequest
        if longInput || FormEncoding.encode(all).count > 1_500 {
            request = .post(url, form: all, userAgent: context.settings.userAgent)
        } else {
            request = .get(url, query: all, userAgent: context.settings.userAgent)
        }
        let response = try context.send(request)
        return HTTPResponseSummary(
            status: response.status, mediaType: response.mediaType, body: response.body,
            url: SecretRedactor.standard.redact(url: request.url))
    }
}
