import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// KCI (Korea Citation Index, NRF) through two routes: the REST Open API (`articleSearch`, needs a free
/// key in `KCI_API_KEY`) and the keyless OAI-PMH repository (`oai_kci` or `oai_dc`). Option `route`:
/// `rest`, `oai` or `auto` (default: REST when a key is set, OAI-PMH otherwise). `--since`/`--until`
/// select by registration date on REST (`regDateFrom`/`regDateTo`; option `date_field: mod` uses the
/// modification date) and by OAI datestamp on OAI-PMH. Requests carry a browser-like User-Agent
/// because KCI's firewall answers HTTP 400 to curl's own (`user_agent:` overrides it).
package struct KCIConnector: Connector {
    /// How KCI is reached.
    package enum Route: String, Sendable, CaseIterable {
        /// The REST Open API (key required).
        case rest
        /// The OAI-PMH repository (no key).
        case oai
    }

    package let descriptor = KCIConnector.standardDescriptor

    static let standardDescriptor = ConnectorDescriptor(
        id: "kci", name: "KCI (Korea Citation Index)", platform: "KCI Open API / OAI-PMH", access: .api,
        key: KeyRequirement(
            isRequired: false, environmentVariable: "KCI_API_KEY",
            howToObtain: "free from https://open.kci.go.kr (approval takes up to a week); without it the keyless "
                + "OAI-PMH route is used"),
        defaultEndpoint: "https://open.kci.go.kr/", defaultRequestsPerSecond: 1, supportsDateWindow: true,
        version: "1.0", options: KCIOptions.all)

    /// Sent unless `user_agent:` is configured: KCI's firewall refuses libcurl's default.
    package static let browserUserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    static let restPath = "po/openapi/openApiSearch.kci"
    static let oaiPath = "oai/request"
    /// The OAI set of journal articles.
    static let defaultSet = "ARTI"

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let route = try Self.route(for: context.settings)
        let endpoint = context.settings.endpoint
        switch route {
        case .rest:
            var result = try KCIRestSearch(context: context, url: Self.url(endpoint, path: Self.restPath)).run(query)
            // The search log must say which interface ran: the two differ in what a date window selects.
            result.diagnostics.insert(Diagnostic(.note, "searched the KCI REST Open API (articleSearch)"), at: 0)
            return result
        case .oai:
            var result = try oaiConnector(for: context.settings).harvest(
                query, context: context, baseURL: Self.url(endpoint, path: Self.oaiPath))
            let note =
                context.settings.raw(KCIOptions.route) == nil
                ? "no KCI_API_KEY set: searched the keyless OAI-PMH route" : "searched the KCI OAI-PMH route (route: oai)"
            result.diagnostics.insert(Diagnostic(.note, note), at: 0)
            return result
        }
    }

    /// The route the settings select.
    ///
    /// - Throws: ``ConnectorError/Kind/invalidQuery`` for an unknown `route` option.
    static func route(for settings: ConnectorSettings) throws -> Route {
        let option = settings.text(KCIOptions.route)?.lowercased() ?? "auto"
        if option == "auto" { return settings.apiKey?.isEmpty == false ? .rest : .oai }
        guard let route = Route(rawValue: option) else {
            throw ConnectorError(.invalidQuery, "option 'route' for kci must be auto, rest or oai, not '\(option)'")
        }
        return route
    }

    /// The OAI harvester for the configured format (`metadata_prefix`: `oai_kci`, the default, or `oai_dc`).
    func oaiConnector(for settings: ConnectorSettings) throws -> OAIPMHConnector {
        let prefix = settings.text(KCIOptions.metadataPrefix) ?? "oai_kci"
        let mapper: any OAIMetadataMapper
        switch prefix {
        case "oai_kci": mapper = KCIOAIMapper()
        case "oai_dc": mapper = Self.dublinCore
        default:
            throw ConnectorError(
                .invalidQuery, "option 'metadata_prefix' for kci must be oai_kci or oai_dc, not '\(prefix)'")
        }
        return OAIPMHConnector(
            descriptor: descriptor, set: Self.defaultSet, mapper: mapper, defaultUserAgent: Self.browserUserAgent)
    }

    /// KCI's `oai_dc`, read with its source string parsed (see ``KCIDublinCoreMapper``).
    static let dublinCore = KCIDublinCoreMapper()

    /// The URL of a route under `endpoint`: an endpoint that already names this route's path is used as
    /// it is; one that names the other route's is cut back to its origin; otherwise `path` is appended.
    static func url(_ endpoint: String, path: String) -> String {
        if endpoint.contains(path) { return endpoint }
        var base = endpoint
        for other in [restPath, oaiPath] {
            if let range = endpoint.range(of: other) { base = String(endpoint[..<range.lowerBound]) }
        }
        return (base.hasSuffix("/") ? base : base + "/") + path
    }
}

extension KCIConnector: RegisteredConnector {
    static let listPosition = 90
    static var factories: [ConnectorFactory] { [factory] }

    /// KCI: the two-route connector and a parser for saved REST answers and OAI-PMH pages.
    static let factory = ConnectorFactory(descriptor: KCIConnector.standardDescriptor, fileParser: KCIFileParser()) {
        KCIConnector()
    }
}
