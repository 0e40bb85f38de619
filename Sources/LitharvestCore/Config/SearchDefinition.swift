package import LitharvestModel

/// One named search of a review: a query per database plus optional date limits.
package struct SearchDefinition: Sendable, Hashable {
    /// Unique within the config; letters, digits, `_` and `-`.
    package var name: String
    /// The query for each database, in file order.
    package var queries: [DatabaseQuery]
    /// Earliest date (inclusive), from `limits: { from: … }`.
    package var from: SimpleDate?
    /// Latest date (inclusive), from `limits: { until: … }`; absent for open-ended (update) searches.
    package var until: SimpleDate?
    /// Free-text notes for the search report (sources of the strategy, justification of limits).
    package var notes: String?

    /// Creates a search.
    package init(
        name: String, queries: [DatabaseQuery], from: SimpleDate? = nil, until: SimpleDate? = nil,
        notes: String? = nil
    ) {
        self.name = name
        self.queries = queries
        self.from = from
        self.until = until
        self.notes = notes
    }

    /// The query text for `database`, or nil when this search does not query it.
    package func query(for database: String) -> String? {
        queries.first { $0.database == database }?.text
    }

    /// The databases this search queries, in file order.
    package var databaseIDs: [String] { queries.map(\.database) }

    /// A connector ``Query`` for `database` carrying this search's limits, or nil when it is not queried.
    package func connectorQuery(for database: String, limit: Int? = nil) -> Query? {
        query(for: database).map { Query(text: $0, from: from, until: until, limit: limit) }
    }
}
