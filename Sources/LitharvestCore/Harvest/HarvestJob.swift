/// One search × database job of a run, fully resolved: what to send, where, and under which limits.
package struct HarvestJob: Sendable {
    /// The search's name in the config.
    package var search: String
    /// The connector to use.
    package var factory: ConnectorFactory
    /// The query and its date limits.
    package var query: Query
    /// Endpoint, key and options.
    package var settings: ConnectorSettings
    /// Seconds before the job is stopped and reported as failed (nil: no limit).
    package var timeout: Double?
    /// False when the query was narrowed to the time since an earlier run.
    package var isFullSearch: Bool
    /// Set when the job must not run (a missing key, a disabled database); becomes the skip reason.
    package var skipReason: String?

    /// Creates a job.
    package init(
        search: String, factory: ConnectorFactory, query: Query, settings: ConnectorSettings, timeout: Double? = nil,
        isFullSearch: Bool = true, skipReason: String? = nil
    ) {
        self.search = search
        self.factory = factory
        self.query = query
        self.settings = settings
        self.timeout = timeout
        self.isFullSearch = isFullSearch
        self.skipReason = skipReason
    }

    /// The connector id.
    package var database: String { factory.descriptor.id }
}
