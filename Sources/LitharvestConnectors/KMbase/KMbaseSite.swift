import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// The two KMbase requests of one search: the search form's POST and the result list pages.
struct KMbaseSite {
    let context: SearchContext
    private let session: WebSession

    /// KMbase failed with a server error (its answer to strings it cannot run).
    struct ServerError: Error {
        var status: Int
        var url: String
    }

    /// One query's counts and records.
    struct Retrieval {
        var log: KMbaseSearchLog
        var records: [Record]
        var stopReason: String?
    }

    init(context: SearchContext) {
        self.context = context
        self.session = WebSession(
            context: context, site: "KMbase", blockedAdvice: "export the results from KMbase and use `litharvest import`")
    }

    private var base: String {
        let endpoint = context.settings.endpoint
        return endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
    }

    /// Runs `query` through the search form, then pages the result list until KMbase's own hit count (or
    /// `limit`).
    ///
    /// - Throws: ``ServerError`` for HTTP 5xx on the search form; ``ConnectorError`` otherwise.
    func retrieve(_ query: String, limit: Int) throws -> Retrieval {
        let log = try searchLog(query)
        let wanted = min(log.kmbaseHits, limit)
        var records: [Record] = []
        var seen = Set<String>()
        var stopReason: String?
        let maxPages = context.settings.integer(KMbaseOptions.maxPages)
        var page = 1
        while records.count < wanted {
            try context.checkCancellation()
            if page > maxPages {
                stopReason = "stopped at the page cap (max_pages: \(maxPages))"
                break
            }
            let response = try session.get(base, query: [
                QueryItem("pg_idx", "260"), QueryItem("ad_cd", log.searchID), QueryItem("page", String(page)),
            ])
            let listed = try KMbaseResultPage.parse(response.body, source: response.url, expectRecords: page == 1)
            let fresh = listed.filter { seen.insert($0.nativeID).inserted }
            if fresh.isEmpty {
                stopReason = "page \(page) of the result list added no new records"
                break
            }
            records += fresh.prefix(wanted - records.count)
            context.progress?(records.count, log.kmbaseHits)
            page += 1
        }
        return Retrieval(log: log, records: records, stopReason: stopReason)
    }

    private func searchLog(_ query: String) throws -> KMbaseSearchLog {
        let form = [
            QueryItem("query", query), QueryItem("pg_idx", "150"),
            QueryItem("frmtime", String(Int(Date().timeIntervalSince1970 * 1000))),
        ]
        let request = HTTPRequest.post(base + KMbaseConnector.searchLogPath, form: form, userAgent: context.settings.userAgent)
        let redactedURL = SecretRedactor.standard.redact(url: request.url)
        let page: WebPage
        do {
            page = try session.sendUnchecked(request)
        } catch let error as ConnectorError where (error.httpStatus ?? 0) >= 500 {
            throw ServerError(status: error.httpStatus ?? 500, url: redactedURL)
        }
        if page.status >= 500 { throw ServerError(status: page.status, url: page.url) }
        if page.isBotChallenge {
            throw ConnectorError(.blocked, "KMbase answered with a bot challenge instead of results", location: page.url)
        }
        guard (200..<300).contains(page.status) else {
            throw ConnectorError(.databaseError, "KMbase answered HTTP \(page.status)", location: page.url)
        }
        return try KMbaseSearchLog.parse(page.body, source: page.url)
    }
}
