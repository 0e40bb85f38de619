/// A search that could not be carried out, with the place it failed.
package struct ConnectorError: Error, CustomStringConvertible, Sendable {
    /// Why it failed.
    package enum Kind: String, Sendable, Hashable {
        /// The database answered with an error (HTTP 200 or not).
        case databaseError = "database error"
        /// The response was not what the connector knows (an HTML page instead of XML, a changed layout).
        case unexpectedResponse = "unexpected response"
        /// Access was refused (a bot challenge, a firewall); use the database's export and `import` instead.
        case blocked = "blocked"
        /// The database needs a key that is not set.
        case missingKey = "missing key"
        /// The query or settings are not usable for this database.
        case invalidQuery = "invalid query"
        /// The exchange failed below HTTP (see ``ConnectorError/http``).
        case transport = "transport failure"
        /// The run was cancelled.
        case cancelled = "cancelled"
        /// The connector is not available in this build.
        case unavailable = "not available"
        /// A file that cannot be read or decoded as text (missing, empty, compressed, an unknown encoding).
        case unreadableFile = "unreadable file"
        /// A file that is not of the format it was read as, or is malformed beyond recovery.
        case malformedFile = "malformed file"
        /// Connectors or settings that contradict each other (an id registered twice).
        case invalidConfiguration = "invalid configuration"
    }

    /// Why it failed.
    package var kind: Kind
    /// What happened, in a sentence.
    package var message: String
    /// Where: a URL (redacted), a file and line.
    package var location: String?
    /// The HTTP status of the answer that failed, when the failure was an HTTP error status.
    package var httpStatus: Int?

    /// Creates an error.
    package init(_ kind: Kind, _ message: String, location: String? = nil, httpStatus: Int? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.httpStatus = httpStatus
    }

    package var description: String {
        (location.map { "\($0): " } ?? "") + "\(kind.rawValue): \(message)"
    }
}
