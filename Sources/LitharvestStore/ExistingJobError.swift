/// An imported job would replace one the run already has for the same search and database.
public struct ExistingJobError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The run holding the job.
    public var runID: Int64
    /// The job's search.
    public var search: String
    /// The job's database.
    public var database: String

    /// Creates the error.
    public init(runID: Int64, search: String, database: String) {
        self.runID = runID
        self.search = search
        self.database = database
    }

    public var description: String {
        "run \(runID) already has a \(database) job for search '\(search)'; pass --replace to replace it"
    }
}
