/// A slice of a search by date, with the count the database reported for it.
public struct DateWindow: Sendable, Hashable, Codable {
    /// First day, inclusive.
    public var from: SimpleDate
    /// Last day, inclusive.
    public var until: SimpleDate
    /// Count the database reported for the slice.
    public var reportedCount: Int

    /// Creates a window.
    public init(from: SimpleDate, until: SimpleDate, reportedCount: Int) {
        self.from = from
        self.until = until
        self.reportedCount = reportedCount
    }
}
