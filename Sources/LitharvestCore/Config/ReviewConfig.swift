package import LitharvestHTTP

/// A review's configuration: its searches, where harvested records go and per-database settings, read
/// from one YAML file per review (see `config/harvest.yaml`).
///
/// Loading validates everything and reports every problem with its line and column; it never reads the
/// environment (keys and endpoint overrides are resolved later by ``SettingsResolver``).
package struct ReviewConfig: Sendable, Hashable {
    /// `review:`, the review's title.
    package var review: String
    /// Absolute path of the record store (`store:`, default `litharvest.sqlite` beside the config file).
    package var storePath: String
    /// Absolute path of the folder that keeps raw responses (`archive:`), if any.
    package var archivePath: String?
    /// `email:`, the contact address sent to databases that ask for one (NCBI).
    package var email: String?
    /// `databases:`, only the databases the file gives settings for, by connector id.
    package var databases: [String: DatabaseSettings]
    /// `searches:`, in file order.
    package var searches: [SearchDefinition]
    /// `retry:`, the retry behaviour for failed requests (see ``retryPolicy``).
    package var retry: RetrySettings
    /// Absolute path of the config file.
    package var sourcePath: String
    /// What still works but should be rewritten (deprecated names), with line and column; `validate` and
    /// `run` print them.
    package var warnings: [ConfigProblem] = []

    /// Creates a config directly (tests, programmatic use); paths are taken as given.
    package init(
        review: String, storePath: String, archivePath: String? = nil, email: String? = nil,
        databases: [String: DatabaseSettings] = [:], searches: [SearchDefinition],
        retry: RetrySettings = RetrySettings(),
        sourcePath: String
    ) {
        self.review = review
        self.storePath = storePath
        self.archivePath = archivePath
        self.email = email
        self.databases = databases
        self.searches = searches
        self.retry = retry
        self.sourcePath = sourcePath
    }

    /// The file name the store gets when `store:` is absent.
    package static let defaultStoreName = "litharvest.sqlite"

    /// Reads, parses and validates the config at `path`.
    ///
    /// - Parameters:
    ///   - path: The config file; relative paths are taken from the current directory. Problems name the
    ///     file as given here.
    ///   - knownDatabases: The connector ids litharvest has (``ConnectorRegistry/ids``).
    /// - Throws: ``ConfigError`` with every problem found, including an unreadable file.
    package static func load(path: String, knownDatabases: Set<String>) throws(ConfigError) -> ReviewConfig {
        let text = try ConfigFile.read(path)
        return try parse(yaml: text, path: path, knownDatabases: knownDatabases)
    }

    /// Reads, parses and validates the config at `path` against `connectors`: their ids, and for each the
    /// options it declares (an option it does not declare, or a value of the wrong type, is a problem).
    ///
    /// - Throws: ``ConfigError`` with every problem found, including an unreadable file.
    package static func load(path: String, connectors: [ConnectorDescriptor]) throws(ConfigError) -> ReviewConfig {
        let text = try ConfigFile.read(path)
        return try parse(yaml: text, path: path, connectors: connectors)
    }

    /// Parses and validates `yaml` as if read from `path`, against `connectors` and their declared options.
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    package static func parse(yaml: String, path: String, connectors: [ConnectorDescriptor]) throws(ConfigError)
        -> ReviewConfig
    {
        let options = Dictionary(connectors.map { ($0.id, $0.options) }) { first, _ in first }
        return try ConfigReader(file: path, knownDatabases: Set(options.keys), declaredOptions: options)
            .read(yaml: yaml)
    }

    /// Parses and validates `yaml` as if read from `path` (which locates relative `store:` and `archive:`
    /// paths and names the file in problems).
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    package static func parse(yaml: String, path: String, knownDatabases: Set<String>) throws(ConfigError)
        -> ReviewConfig
    {
        try ConfigReader(file: path, knownDatabases: knownDatabases).read(yaml: yaml)
    }

    /// The databases any search queries, in order of first appearance (disabled ones included).
    package var databaseIDs: [String] {
        var seen = Set<String>()
        return searches.flatMap(\.databaseIDs).filter { seen.insert($0).inserted }
    }

    /// ``databaseIDs`` without the databases whose settings say `enabled: false`.
    package var enabledDatabaseIDs: [String] {
        databaseIDs.filter { databases[$0]?.enabled ?? true }
    }

    /// The retry policy for this review's requests: ``RetryPolicy``'s defaults with `retry:` applied.
    package var retryPolicy: RetryPolicy { retry.policy() }

    /// The search called `name`.
    package func search(named name: String) -> SearchDefinition? {
        searches.first { $0.name == name }
    }

    /// The settings of `database` as ``SettingsResolver`` takes them: its `databases:` block, with the
    /// top-level `email:` as fallback.
    package func configValues(for database: String) -> SettingsResolver.ConfigValues {
        let settings = databases[database] ?? DatabaseSettings()
        return SettingsResolver.ConfigValues(
            endpoint: settings.endpoint,
            requestsPerSecond: settings.requestsPerSecond,
            apiKeyVariable: settings.apiKeyVariable,
            email: settings.email ?? email,
            userAgent: settings.userAgent,
            options: settings.options)
    }
}
