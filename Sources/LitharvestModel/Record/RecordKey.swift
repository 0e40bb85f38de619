
/// A record's identity across runs and files: its database and native id.
public struct RecordKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Connector id (or the input file's database label).
    public var database: String
    /// The database's own id.
    public var nativeID: String

    /// Creates a key.
    public init(database: String, nativeID: String) {
        self.database = database
        self.nativeID = nativeID
    }

    /// The key of `record`.
    public init(_ record: Record) {
        self.init(database: record.database, nativeID: record.nativeID)
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.database, lhs.nativeID) < (rhs.database, rhs.nativeID)
    }

    public var description: String { "\(database):\(nativeID)" }
}
