/// An imported job would replace one the run already has for the same search and database.
package struct ExistingJobError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The run holding the job.
    package var runID: Int64
    /// The job's search.
    package var search: String
    /// The job's database.
    package var database: String

    /// Creates the error.
    package init(runID: Int64, search: String, database: String) {
        self.runID = runID
        self.search = search
        self.database = database
    }

    package var description: String {
        "run \(runID) already has a \(database) job for search '\(search)'; pass --replace to replace it"
    }
}
