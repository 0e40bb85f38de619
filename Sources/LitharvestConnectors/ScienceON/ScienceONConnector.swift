package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Foundation

/// ScienceON (KISTI, formerly NDSL) through the KISTI API Gateway: a token from `tokenrequest.do`, then
/// `openapicall.do` searches of articles (ARTI) or reports (REPORT), page by page.
///
/// Secrets: the auth key (`SCIENCEON_AUTH_KEY`), the client id (`SCIENCEON_CLIENT_ID`) and the registered
/// MAC address (`mac_address` option or `SCIENCEON_MAC_ADDRESS`). The gateway echoes the client id and
/// token in `parameterData`; that part of the answer is never read, and the redactor masks it in archives.
package struct ScienceONConnector: Connector {
    /// What `target` searches.
    package enum Target: String, Sendable, CaseIterable {
        /// Journal articles, theses and proceedings (`ARTI`).
        case articles = "ARTI"
        /// R&D reports (`REPORT`).
        case reports = "REPORT"
    }

    package let descriptor: ConnectorDescriptor
    /// The clock for token expiry (tests move it).
    let now: @Sendable () -> Date

    static let defaultEndpoint = "https://apigateway.kisti.re.kr/"
    static let clientIDVariable = "SCIENCEON_CLIENT_ID"
    static let macAddressVariable = "SCIENCEON_MAC_ADDRESS"
    static let defaultPageSize = 100

    static let descriptor = ConnectorDescriptor(
        id: "scienceon", name: "ScienceON (KISTI)", platform: "KISTI API Gateway", access: .api,
        key: KeyRequirement(
            isRequired: true, environmentVariable: "SCIENCEON_AUTH_KEY",
            howToObtain: "register at the ScienceON API Gateway (https://scienceon.kisti.re.kr/apigateway); it "
                + "issues a client id (set SCIENCEON_CLIENT_ID) and a 32-character auth key bound to the MAC and "
                + "IP address you register (set the MAC as the `mac_address` option or SCIENCEON_MAC_ADDRESS)",
            additionalVariables: [clientIDVariable, macAddressVariable]),
        defaultEndpoint: defaultEndpoint, defaultRequestsPerSecond: 2,
        // `PY` filters on publication year, so `--since last` must not narrow by it.
        supportsDateWindow: false, version: "1.0", options: ScienceONOptions.all)

    /// Creates the connector.
    package init() {
        self.init(now: { Date() })
    }

    init(now: @escaping @Sendable () -> Date) {
        self.descriptor = Self.descriptor
        self.now = now
    }

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let settings = context.settings
        let authKey = try settings.requiredKey(for: descriptor)
        guard let clientID = settings.additionalSecrets[Self.clientIDVariable] else {
            throw ConnectorError(
                .missingKey, "ScienceON (KISTI) needs its client id: set \(Self.clientIDVariable) (issued with the "
                    + "auth key by the ScienceON API Gateway)")
        }
        guard let macAddress = Normalize.text(settings.text(ScienceONOptions.macAddress))
            ?? settings.additionalSecrets[Self.macAddressVariable]
        else {
            throw ConnectorError(
                .missingKey, "ScienceON (KISTI) needs the MAC address registered with the key: set the config "
                    + "option `mac_address` or \(Self.macAddressVariable)")
        }
        let target = try Self.target(settings.raw(ScienceONOptions.target))
        let searchQuery = try Self.searchQuery(query)
        let pageSize = settings.integer(ScienceONOptions.pageSize)
        let session = try ScienceONTokenSession(
            clientID: clientID, authKey: authKey, macAddress: macAddress, endpoint: settings.endpoint,
            context: context, now: now)

        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        var reported: Int?
        var notes: [String] = []
        let wanted = query.limit ?? Int.max
        var page = 1
        while records.count < wanted {
            try context.checkCancellation()
            let answer = try fetch(
                page: page, rowCount: pageSize, target: target, searchQuery: searchQuery, session: session,
                context: context)
            if reported == nil { reported = answer.totalCount }
            diagnostics += answer.diagnostics
            for record in answer.records where seen.insert(record.nativeID).inserted {
                records.append(record)
                if records.count >= wanted { break }
            }
            context.progress?(records.count, reported)
            let total = reported ?? answer.totalCount
            if answer.records.isEmpty {
                if (page - 1) * pageSize < total {
                    notes.append("page \(page) came back empty although \(total) records were reported")
                }
                break
            }
            if page * pageSize >= total { break }
            page += 1
        }

        let total = reported ?? 0
        let completeness = SearchResult.Completeness(
            retrieved: records.count, reported: total, wanted: wanted, source: "ScienceON",
            detail: notes.isEmpty ? nil : notes.joined(separator: "; "))
        diagnostics.append(Diagnostic(
            .note, "ScienceON \(target.rawValue) search; \(session.issued) token request(s), \(session.refreshed) refresh(es)"))
        return SearchResult(
            records: records, reportedCount: total, querySent: searchQuery, diagnostics: diagnostics,
            completeness: completeness)
    }

    /// One page; a token the gateway calls expired is refreshed once and the page asked again.
    private func fetch(
        page: Int, rowCount: Int, target: Target, searchQuery: String, session: ScienceONTokenSession,
        context: SearchContext
    ) throws -> ScienceONResponse {
        var refreshedForThisPage = false
        while true {
            let token = try session.validToken()
            let url = FormEncoding.appending(
                [
                    QueryItem("client_id", session.clientID), QueryItem("token", token), QueryItem("version", "1.0"),
                    QueryItem("action", "search"), QueryItem("target", target.rawValue),
                    QueryItem("searchQuery", searchQuery), QueryItem("curPage", String(page)),
                    QueryItem("rowCount", String(rowCount)),
                ], to: Self.url(context.settings.endpoint, "openapicall.do"))
            let response = try context.send(HTTPRequest(url: url, userAgent: context.settings.userAgent))
            let location = SecretRedactor.standard.redact(url: response.url)
            guard response.isSuccess else {
                let snippet = SecretRedactor.standard.redact(text: String(decoding: response.body.prefix(300), as: UTF8.self))
                throw ConnectorError(.databaseError, "ScienceON answered HTTP \(response.status): \(snippet)", location: location)
            }
            do {
                return try ScienceONResponse.parse(response.body, location: location)
            } catch let error as ScienceONResponse.StatusError {
                guard error.isTokenExpired, !refreshedForThisPage else { throw error.connectorError }
                refreshedForThisPage = true
                try session.refresh()
            }
        }
    }

    /// The `target` option: `ARTI` (default) or `REPORT`, any case, or `articles`/`reports`.
    static func target(_ option: String?) throws -> Target {
        guard let option = Normalize.text(option) else { return .articles }
        switch option.lowercased() {
        case "arti", "articles", "article": return .articles
        case "report", "reports": return .reports
        default:
            throw ConnectorError(
                .invalidQuery, "ScienceON option `target`: '\(option)' is not ARTI or REPORT", location: "options.target")
        }
    }

    /// The `searchQuery` JSON: the query text as the basic index (`{"BI": …}`), or a JSON object as written
    /// (for other ScienceON indexes), with `PY` set from the query's years.
    static func searchQuery(_ query: Query) throws -> String {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the ScienceON query is empty") }
        var object: [String: Any]
        if text.hasPrefix("{") {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                !parsed.isEmpty, parsed.values.allSatisfy({ $0 is String })
            else {
                throw ConnectorError(
                    .invalidQuery, "the ScienceON query starts with '{' but is not a JSON object of strings, "
                        + "e.g. {\"BI\":\"표면유속\",\"PY\":\"2015~2024\"}")
            }
            object = parsed
        } else {
            object = ["BI": text]
        }
        if query.from != nil || query.until != nil {
            let from = query.from?.year ?? 1900
            let until = query.until?.year ?? SimpleDate.today().year
            object["PY"] = "\(from)~\(until)"
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `base` joined with `path` by exactly one slash.
    static func url(_ base: String, _ path: String) -> String {
        base.hasSuffix("/") ? base + path : base + "/" + path
    }
}

extension ScienceONConnector: RegisteredConnector {
    static let listPosition = 100
    static var factories: [ConnectorFactory] { [factory] }

    /// ScienceON: the connector and its saved-response parser.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: ScienceONFileParser()) {
        ScienceONConnector()
    }
}
