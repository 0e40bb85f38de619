package import LitharvestHTTP
import LitharvestModel

/// One database. A connector turns a ``Query`` into requests sent through the context's HTTP client
/// (never any other way to the network) and the responses into records plus what the database reported.
package protocol Connector: Sendable {
    /// Who this connector is.
    var descriptor: ConnectorDescriptor { get }

    /// Runs `query` to completion on the calling thread.
    ///
    /// - Throws: ``ConnectorError`` when the search cannot be carried out; partial retrievals are returned
    ///   with ``SearchResult/Completeness/partial(reason:)`` instead.
    func search(_ query: Query, context: SearchContext) throws -> SearchResult
}

/// Everything a search may use besides its query.
package struct SearchContext: Sendable {
    /// The only way to the network.
    package var http: any HTTPTransport
    /// Endpoint, key and options for this database.
    package var settings: ConnectorSettings
    /// Set when the run is stopping; check it between requests.
    package var cancellation: CancellationFlag?
    /// Told how far the search has got (records retrieved so far, total when known).
    package var progress: (@Sendable (_ retrieved: Int, _ total: Int?) -> Void)?

    /// Creates a context.
    package init(
        http: any HTTPTransport, settings: ConnectorSettings, cancellation: CancellationFlag? = nil,
        progress: (@Sendable (_ retrieved: Int, _ total: Int?) -> Void)? = nil
    ) {
        self.http = http
        self.settings = settings
        self.cancellation = cancellation
        self.progress = progress
    }

    /// Throws ``ConnectorError/Kind/cancelled`` if the run is stopping.
    package func checkCancellation() throws {
        if cancellation?.isCancelled == true {
            throw ConnectorError(.cancelled, "the run was cancelled")
        }
    }

    /// Sends `request`, turning transport failures into ``ConnectorError``.
    package func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try checkCancellation()
        do {
            return try http.send(request)
        } catch let error as HTTPError {
            throw ConnectorError(error)
        }
    }
}

/// Per-database settings, resolved from defaults, config, environment and command line.
package struct ConnectorSettings: Sendable, Hashable {
    /// The base URL to use.
    package var endpoint: String
    /// The API key or token, if any. Never logged or stored.
    package var apiKey: String?
    /// A contact address (NCBI asks for one).
    package var email: String?
    /// Overrides the User-Agent (browser-like, for sites that refuse tools).
    package var userAgent: String?
    /// Requests per second for the endpoint's host.
    package var requestsPerSecond: Double
    /// Connector-specific options (page size, material type, …) as checked against the connector's
    /// ``ConnectorDescriptor/options``; read them through those declarations (``integer(_:)``, ``text(_:)``, …).
    package var options: [String: String]
    /// Values of the key's ``KeyRequirement/additionalVariables`` that are set, by variable name. Never
    /// logged or stored.
    package var additionalSecrets: [String: String]

    /// Creates settings.
    package init(
        endpoint: String, apiKey: String? = nil, email: String? = nil, userAgent: String? = nil,
        requestsPerSecond: Double, options: [String: String] = [:], additionalSecrets: [String: String] = [:]
    ) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.email = email
        self.userAgent = userAgent
        self.requestsPerSecond = requestsPerSecond
        self.options = options
        self.additionalSecrets = additionalSecrets
    }

    /// Every secret value these settings carry (the key and the additional secrets), for a redactor.
    package var secretValues: [String] {
        (apiKey.map { [$0] } ?? []) + additionalSecrets.keys.sorted().compactMap { additionalSecrets[$0] }
    }
}
