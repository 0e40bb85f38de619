/// A slice of a search by date, with the count the database reported for it.
package struct DateWindow: Sendable, Hashable, Codable {
    /// First day, inclusive.
    package var from: SimpleDate
    /// Last day, inclusive.
    package var until: SimpleDate
    /// Count the database reported for the slice.
    package var reportedCount: Int

    /// Creates a window.
    package init(from: SimpleDate, until: SimpleDate, reportedCount: Int) {
        self.from = from
        self.until = until
        self.reportedCount = reportedCount
    }
}
