import LitharvestCore

/// The one place web connectors hand export files to the import module, so the connectors do not each
/// know its API.
enum ExportFiles {
    static func parse(
        path: String, format: ExportFormatSniffer.Format, database: String, emit: (Record) throws -> Void
    ) throws -> ParseReport {
        // The import module's readers (branch `import`) are not merged yet; say so instead of guessing.
        throw ConnectorError(
            .unavailable,
            "this is a \(format.rawValue.uppercased()) export; reading export files needs the import module, "
                + "which is not in this build yet", location: path)
    }
}
