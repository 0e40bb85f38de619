/// Settings for reading an export file.
package struct ImportOptions: Sendable, Hashable {
    /// For CSV: record field → header name (`title` → `Article Title`). Fields: nativeID (or id), title,
    /// otherTitle, author, year, date, journal, journalAbbreviation, volume, issue (or number), pages, doi,
    /// abstract, isbn, issn, keywords, url, language, pmid, pmcid, embase, ctgov, cinahl, ictrp, type.
    package var columns: [String: String]

    /// Creates options.
    package init(columns: [String: String] = [:]) {
        self.columns = columns
    }

    /// Parses a column mapping written `title=Article Title,author=Authors`.
    ///
    /// - Throws: ``ImportOptionsError`` for an item without `=`.
    package static func columnMapping(_ text: String) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ImportOptionsError(message: "column mapping item \"\(item)\" is not field=Header Name")
            }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }
}
