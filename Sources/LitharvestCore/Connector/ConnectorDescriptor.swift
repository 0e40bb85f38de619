/// What a connector is and needs: shown by `litharvest connectors`, used by config validation and the
/// scheduler.
package struct ConnectorDescriptor: Sendable, Hashable {
    /// How litharvest reaches a database.
    package enum Access: String, Sendable, Hashable, Codable, CaseIterable {
        /// A documented API.
        case api
        /// Public search pages, parsed.
        case web
        /// Export files a person downloads and imports.
        case `import`
    }

    /// Lower-case id used in config, on the command line and in `LITHARVEST_<ID>_ENDPOINT`.
    package var id: String
    /// Human name, e.g. "MEDLINE/PubMed".
    package var name: String
    /// Platform or interface, e.g. "NCBI E-utilities".
    package var platform: String
    /// API, web page or import.
    package var access: Access
    /// The key the database needs, if any.
    package var key: KeyRequirement?
    /// The base URL requests go to unless overridden.
    package var defaultEndpoint: String
    /// Politeness budget for the endpoint's host, in requests per second.
    package var defaultRequestsPerSecond: Double
    /// Whether date limits filter on the date a record was added to the database, so incremental runs
    /// (`--since last`) may narrow a search to the time since the last run. False when limits filter on the
    /// publication year (records added later for an older year would be missed) or are not supported.
    package var supportsDateWindow: Bool
    /// Bumped whenever parsing or querying changes; stored with each run.
    package var version: String
    /// The options it takes under `databases: ID: options:`; the config loader refuses any other.
    package var options: [ConnectorOption]

    /// Creates a descriptor.
    package init(
        id: String, name: String, platform: String, access: Access, key: KeyRequirement? = nil,
        defaultEndpoint: String, defaultRequestsPerSecond: Double, supportsDateWindow: Bool, version: String,
        options: [ConnectorOption] = []
    ) {
        self.id = id
        self.name = name
        self.platform = platform
        self.access = access
        self.key = key
        self.defaultEndpoint = defaultEndpoint
        self.defaultRequestsPerSecond = defaultRequestsPerSecond
        self.supportsDateWindow = supportsDateWindow
        self.version = version
        self.options = options
    }

    /// The environment variable that overrides the endpoint: `LITHARVEST_<ID>_ENDPOINT`.
    package var endpointVariable: String {
        "LITHARVEST_" + id.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + "_ENDPOINT"
    }
}

/// A key (or token, or certificate) a database asks for.
package struct KeyRequirement: Sendable, Hashable {
    /// Whether searches fail without it (false: it only raises limits).
    package var isRequired: Bool
    /// The environment variable litharvest reads it from by default.
    package var environmentVariable: String
    /// Where and how a user obtains one.
    package var howToObtain: String
    /// The host budget that applies once a key is set (NCBI: 10 instead of 3), if it differs.
    package var requestsPerSecondWithKey: Double?
    /// Further secret variables read with the key (ScienceON: its client id and MAC address), passed in
    /// ``ConnectorSettings/additionalSecrets`` and masked like the key.
    package var additionalVariables: [String]

    /// Creates a requirement.
    package init(
        isRequired: Bool, environmentVariable: String, howToObtain: String, requestsPerSecondWithKey: Double? = nil,
        additionalVariables: [String] = []
    ) {
        self.isRequired = isRequired
        self.environmentVariable = environmentVariable
        self.howToObtain = howToObtain
        self.requestsPerSecondWithKey = requestsPerSecondWithKey
        self.additionalVariables = additionalVariables
    }
}

extension KeyRequirement {
    /// Whether `text` can name the environment variable holding a key (capitals, digits and `_`, not starting
    /// with a digit): configs and spec files name the variable, never the key itself.
    package static func isVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// "no key: set NAME (how to obtain it)", the reason a job without its key is skipped.
    package func missingMessage(for descriptor: ConnectorDescriptor) -> String {
        "\(descriptor.name) needs a key: set \(environmentVariable) (\(howToObtain))"
    }
}
