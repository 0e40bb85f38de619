package import LitharvestCore
package import LitharvestFormats
package import LitharvestModel

/// Picks the parser for one file of a database: the shared export-file importer for RIS, MEDLINE, EndNote
/// XML, BibTeX, CSV and CSL-JSON, the database's own file parser for its API responses, PubMed XML and Excel.
package enum FileParsers {
    /// The parser for `path`, with the format it was chosen for (nil when the database's own parser reads it).
    ///
    /// - Throws: ``ConnectorError`` naming the file when neither kind of parser can read it.
    package static func parser(
        forFile path: String, database: String, format: ImportFormat?, options: ImportOptions, registry: ConnectorRegistry
    ) throws -> (parser: any RecordFileParser, format: ImportFormat?) {
        let own = registry[database]?.fileParser
        let detected: ImportFormat?
        if let format {
            detected = format
        } else {
            do {
                detected = try ImportFormat.detect(atPath: path)
            } catch {
                // Not an export file (a saved API response, gzip): the database's own parser may read it.
                guard let own else { throw error }
                return (own, nil)
            }
        }
        switch detected {
        case .xls?, .pubmedXML?:
            let owner = detected == .pubmedXML ? registry["pubmed"]?.fileParser : own
            guard let parser = owner else {
                throw ConnectorError(
                    .malformedFile,
                    detected == .xls
                        ? "Excel exports are read by the database's own importer (e.g. --database riss); \(database) has none"
                        : "PubMed XML is read by the PubMed parser, which is not available",
                    location: path)
            }
            return (parser, nil)
        default:
            return (ImportParser(database: database, format: detected, options: options), detected)
        }
    }
}
