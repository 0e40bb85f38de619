/// Works out a connector's settings from, in increasing precedence: its defaults, the review config, the
/// environment (`LITHARVEST_<ID>_ENDPOINT`, the key's variable) and the command line.
package struct SettingsResolver: Sendable {
    /// The process environment (injected for tests).
    package var environment: [String: String]

    /// Creates a resolver over `environment`.
    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// Per-database values from a config file.
    package struct ConfigValues: Sendable, Hashable {
        /// `endpoint:`.
        package var endpoint: String?
        /// `requests_per_second:`.
        package var requestsPerSecond: Double?
        /// `api_key_env:`, the variable holding the key.
        package var apiKeyVariable: String?
        /// `email:`.
        package var email: String?
        /// `user_agent:`.
        package var userAgent: String?
        /// Connector-specific options.
        package var options: [String: String]

        /// Creates config values.
        package init(
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
    package func settings(
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
