/// Reads saved responses or export files of one database into records (`litharvest parse`, `import`).
package protocol RecordFileParser: Sendable {
    /// Parses the file at `path` (plain or gzip), calling `emit` for each record as soon as it is read, so
    /// memory stays flat for large files.
    ///
    /// - Returns: counts and the problems met (skipped records with their line).
    /// - Throws: ``ConnectorError`` when the file is not of a kind this parser reads.
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport
}

/// What parsing a file found.
package struct ParseReport: Sendable {
    /// Records emitted.
    package var recordsRead: Int
    /// Records skipped, each with why and where.
    package var diagnostics: [Diagnostic]

    /// Creates a report.
    package init(recordsRead: Int, diagnostics: [Diagnostic] = []) {
        self.recordsRead = recordsRead
        self.diagnostics = diagnostics
    }
}
