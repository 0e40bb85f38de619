
/// A record's identity across runs and files: its database and native id.
package struct RecordKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Connector id (or the input file's database label).
    package var database: String
    /// The database's own id.
    package var nativeID: String

    /// Creates a key.
    package init(database: String, nativeID: String) {
        self.database = database
        self.nativeID = nativeID
    }

    /// The key of `record`.
    package init(_ record: Record) {
        self.init(database: record.database, nativeID: record.nativeID)
    }

    package static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.database, lhs.nativeID) < (rhs.database, rhs.nativeID)
    }

    package var description: String { "\(database):\(nativeID)" }
}
