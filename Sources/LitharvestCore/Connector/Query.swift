package import LitharvestModel

/// A search as a connector receives it: the query text in the database's own syntax plus limits.
package struct Query: Sendable, Hashable, Codable {
    /// The query string, exactly as the review wrote it for this database.
    package var text: String
    /// Earliest date (inclusive) of the database's date filter, when it has one.
    package var from: SimpleDate?
    /// Latest date (inclusive).
    package var until: SimpleDate?
    /// Stop after this many records (nil: all of them).
    package var limit: Int?

    /// Creates a query.
    package init(text: String, from: SimpleDate? = nil, until: SimpleDate? = nil, limit: Int? = nil) {
        self.text = text
        self.from = from
        self.until = until
        self.limit = limit
    }
}
