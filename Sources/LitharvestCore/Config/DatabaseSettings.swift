/// Per-database settings from a review config's `databases:` block.
package struct DatabaseSettings: Sendable, Hashable {
    /// `requests_per_second:` (> 0); nil: the connector's default budget.
    package var requestsPerSecond: Double?
    /// `api_key_env:`, the name of the environment variable holding the key (never the key).
    package var apiKeyVariable: String?
    /// `endpoint:`, an http(s) URL; `LITHARVEST_<ID>_ENDPOINT` and the command line still override it.
    package var endpoint: String?
    /// `user_agent:`.
    package var userAgent: String?
    /// `email:`, overriding the config's top-level `email:` for this database.
    package var email: String?
    /// `timeout:`, the per-job timeout in seconds (> 0).
    package var timeout: Double?
    /// `enabled:`; false skips the database in every search.
    package var enabled: Bool
    /// `options:`, checked against the connector's declared options and written as they read back
    /// (deprecated names under their current one: a `batch_size:` beside them is `page_size`).
    package var options: [String: String]

    /// Creates settings; everything unset by default.
    package init(
        requestsPerSecond: Double? = nil, apiKeyVariable: String? = nil, endpoint: String? = nil,
        userAgent: String? = nil, email: String? = nil, timeout: Double? = nil,
        enabled: Bool = true, options: [String: String] = [:]
    ) {
        self.requestsPerSecond = requestsPerSecond
        self.apiKeyVariable = apiKeyVariable
        self.endpoint = endpoint
        self.userAgent = userAgent
        self.email = email
        self.timeout = timeout
        self.enabled = enabled
        self.options = options
    }
}
