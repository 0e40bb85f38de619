package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestFormats

/// The file parser of a web connector: reads the pages it fetches (saved from a browser or archived)
/// and the database's own export files, telling them apart by content, not by file name.
package struct SavedPageFileParser: RecordFileParser {
    /// What a file turned out to be.
    package enum Content: Sendable {
        /// A page this connector reads, with its records.
        case records([Record])
        /// A file of the database's that holds no records (autocomplete or annotation JSON): refused
        /// with this description.
        case notRecords(String)
        /// Not a page of this site: read it as an export file.
        case unknown
    }

    /// Connector id the records belong to.
    package let database: String
    /// The database's name, for messages.
    package let site: String
    /// Reads a page's bytes (`source` names the file in errors).
    package let readPage: @Sendable (_ data: Data, _ source: String) throws -> Content

    /// Creates a parser.
    package init(
        database: String, site: String, readPage: @escaping @Sendable (_ data: Data, _ source: String) throws -> Content
    ) {
        self.database = database
        self.site = site
        self.readPage = readPage
    }

    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectorError(.unreadableFile, "cannot read the file", location: path)
        }
        switch try readPage(data, path) {
        case .records(let records):
            for record in records { try emit(record) }
            return ParseReport(recordsRead: records.count)
        case .notRecords(let what):
            throw ConnectorError(
                .unexpectedResponse, "this is \(what), not a page or export with \(site) records", location: path)
        case .unknown:
            // Not a page of this site: an export file (RIS, CSV, …), whose format the importer detects.
            return try ImportParser(database: database).parseFile(atPath: path, emit: emit)
        }
    }
}
