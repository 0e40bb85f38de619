/// Works out a connector's settings from, in increasing precedence: its defaults, the review config, the
/// environment (`LITHARVEST_<ID>_ENDPOINT`, the key's variable) and the command line.
public struct SettingsResolver: Sendable {
    /// The process environment (injected for tests).
    public var environment: [String: String]

    /// Creates a resolver over `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Per-database values from a config file.
    public struct ConfigValues: Sendable, Hashable {
        /// `endpoint:`.
        public var endpoint: String?
        /// `requests_per_second:`.
        public var requestsPerSecond: Double?
        /// `api_key_env:`, the variable holding the key.
        public var apiKeyVariable: String?
        /// `email:`.
        public var email: String?
        /// `user_agent:`.
        public var userAgent: String?
        /// Connector-specific options.
        public var options: [String: String]

        /// Creates config values.
        public init(
            endpoint: String? = nil, requestsPerSecond: Double? = nil, apiKeyVariable: String? = nil,
            email: String? = nil, userAgent: String? = nil, options: [String: String] = [:]
        ) {
            self.endpoint = endpoint
            self.requestsPerSecond = requestsPerSecond
            self.apiKeyVariable = apiKeyVariable
            self.email = email
            self.userAgent = userAgent
            self.options = options
        }
    }

    /// The settings for `descriptor`.
    public func settings(
        for descriptor: ConnectorDescriptor, config: ConfigValues = ConfigValues(), endpointOverride: String? = nil
    ) -> ConnectorSettings {
        let endpoint =
            nonEmpty(endpointOverride) ?? nonEmpty(environment[descriptor.endpointVariable])
            ?? nonEmpty(config.endpoint) ?? descriptor.defaultEndpoint
        let keyVariable = config.apiKeyVariable ?? descriptor.key?.environmentVariable
        let apiKey = keyVariable.flatMap { nonEmpty(environment[$0]) }
        return ConnectorSettings(
            endpoint: endpoint,
            apiKey: apiKey,
            email: nonEmpty(config.email) ?? nonEmpty(environment["LITHARVEST_EMAIL"]),
            userAgent: nonEmpty(config.userAgent),
            requestsPerSecond: config.requestsPerSecond
                ?? (apiKey != nil ? descriptor.key?.requestsPerSecondWithKey : nil)
                ?? descriptor.defaultRequestsPerSecond,
            options: config.options,
            additionalSecrets: Dictionary(
                uniqueKeysWithValues: (descriptor.key?.additionalVariables ?? []).compactMap { variable in
                    nonEmpty(environment[variable]).map { (variable, $0) }
                }))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}

import Foundation
