/// One database's query within a search, in that database's own syntax.
package struct DatabaseQuery: Sendable, Hashable {
    /// Connector id, e.g. `pubmed`.
    package var database: String
    /// The query text (leading and trailing whitespace removed), sent as written.
    package var text: String

    /// Creates a database query.
    package init(database: String, text: String) {
        self.database = database
        self.text = text
    }
}
