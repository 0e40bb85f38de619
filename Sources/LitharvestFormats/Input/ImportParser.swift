package import LitharvestModel

/// Reads an export file of any ``ImportFormat`` litharvest reads into records of one database: the
/// importer that the `import` and `dedup` commands and the export-only connectors (RISS, Cochrane, KISS,
/// KoreaMed) share.
///
/// Records get `database` = the given id and `nativeID` = the file's own record id (RIS `ID`, else `AN`,
/// else a Cochrane `CN-…`; the PMID; EndNote's `rec-number`; the BibTeX key; CSV `native_id`/`ID`/
/// `record_id`/`CENTRAL ID`; CSL `id`), or `file#n` when the file has none. The format is detected from the
/// content unless given. Text may be UTF-8 with or without a byte-order mark or UTF-16 LE/BE with one.
/// Skipped records are reported in ``ParseReport/diagnostics`` with `file:line`.
package struct ImportParser: RecordFileParser {
    /// Connector id given to every record.
    package let database: String
    /// The format, or nil to detect it per file.
    package let format: ImportFormat?
    /// Format options (CSV column mapping).
    package let options: ImportOptions

    /// Creates a parser for `database`'s export files.
    package init(database: String, format: ImportFormat? = nil, options: ImportOptions = ImportOptions()) {
        self.database = database
        self.format = format
        self.options = options
    }

    /// Parses the file at `path`.
    ///
    /// - Throws: ``ConnectorError`` (`.malformedFile`) naming the file (and line where it applies) when it is
    ///   unreadable, of no known format, malformed beyond recovery, or an Excel/PubMed XML file (read by the
    ///   database's own parser); errors from `emit` are rethrown unchanged.
    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let format = try self.format ?? ImportFormat.detect(atPath: path)
        switch format {
        case .xls:
            throw ConnectorError(
                .malformedFile, "Excel exports are read by the database's own importer (e.g. --database riss)", location: path
            )
        case .pubmedXML:
            throw ConnectorError(
                .malformedFile, "PubMed XML is read by the PubMed parser (--database pubmed)", location: path
            )
        case .endnoteXML:
            return try EndNoteXMLReader(database: database).read(path: path, emit: emit)
        case .ris:
            return try RISReader(database: database).read(ImportText(contentsOfFile: path), emit: emit)
        case .medline:
            return try MEDLINEReader(database: database).read(ImportText(contentsOfFile: path), emit: emit)
        case .bibtex:
            return try BibTeXReader(database: database).read(ImportText(contentsOfFile: path), emit: emit)
        case .csv:
            return try CSVReader(database: database, columns: options.columns).read(ImportText(contentsOfFile: path), emit: emit)
        case .cslJSON:
            return try CSLJSONReader(database: database).read(ImportText(contentsOfFile: path), emit: emit)
        }
    }

    /// Parses the whole file into an array (small files, tests).
    package func records(atPath path: String) throws -> (records: [Record], report: ParseReport) {
        var records: [Record] = []
        let report = try parseFile(atPath: path) { records.append($0) }
        return (records, report)
    }
}
