/// One database's query within a search, in that database's own syntax.
public struct DatabaseQuery: Sendable, Hashable {
    /// Connector id, e.g. `pubmed`.
    public var database: String
    /// The query text (leading and trailing whitespace removed), sent as written.
    public var text: String

    /// Creates a database query.
    public init(database: String, text: String) {
        self.database = database
        self.text = text
    }
}
