package import Foundation
import LitharvestModel

/// The export-file formats litharvest recognises. `xls` and `pubmed-xml` are detected only: Excel exports
/// are read by the database's own importer (RISS) and PubMed XML by the PubMed connector's parser.
package enum ImportFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case ris
    case medline
    case endnoteXML = "endnote-xml"
    case bibtex
    case csv
    case cslJSON = "csljson"
    case pubmedXML = "pubmed-xml"
    case xls

    /// Parses a format name, accepting common aliases (`nbib`, `pubmed`, `bib`, `json`, `xml`, `xlsx`, `tsv`).
    package init?(name: String) {
        let key = name.lowercased()
        if let format = ImportFormat(rawValue: key) {
            self = format
            return
        }
        switch key {
        case "nbib", "pubmed-text", "txt": self = .medline
        case "enw-xml", "endnote", "endnotexml", "xml": self = .endnoteXML
        case "bib", "biblatex": self = .bibtex
        case "tsv": self = .csv
        case "json", "csl-json", "csl": self = .cslJSON
        case "pubmedxml": self = .pubmedXML
        case "xlsx", "excel": self = .xls
        default: return nil
        }
    }

    package var description: String { rawValue }

    /// The format the file extension suggests, used only to break ties between what the content allows.
    package static func fromExtension(_ path: String) -> ImportFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "ris": .ris
        case "nbib", "medline": .medline
        case "bib", "bibtex": .bibtex
        case "csv", "tsv": .csv
        case "json", "csljson": .cslJSON
        case "xls", "xlsx": .xls
        case "xml": .endnoteXML
        default: nil
        }
    }

    /// Decides the format of the file at `path` from its content (the extension breaks ties).
    ///
    /// - Throws: ``ConnectorError`` (`.malformedFile`) naming the file when it cannot be read or is none of
    ///   the formats.
    package static func detect(atPath path: String) throws -> ImportFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConnectorError(.unreadableFile, "cannot read the file", location: path)
        }
        defer { try? handle.close() }
        // Enough to see past a long CSV header or a Cochrane record header, without reading a large file.
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        return try detect(head: head, path: path)
    }

    /// Decides the format from the first bytes of a file.
    package static func detect(head: Data, path: String) throws -> ImportFormat {
        let bytes = [UInt8](head.prefix(8))
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .xls }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), fromExtension(path) == .xls { return .xls }
        if bytes.starts(with: [0x1F, 0x8B]) {
            throw ConnectorError(.unreadableFile, "the file is gzip-compressed; decompress it before importing", location: path)
        }
        guard !head.isEmpty else { throw ConnectorError(.unreadableFile, "the file is empty", location: path) }
        // A cut multi-byte character at the end of the sample must not make valid UTF-8 look invalid.
        let text = (try? ImportText(data: head, path: path).text)
            ?? (try? ImportText(data: head.dropLast(3), path: path).text) ?? ""
        if let format = detect(text: text, path: path) { return format }
        throw ConnectorError(
            .malformedFile,
            "not an export file litharvest reads (RIS, MEDLINE/nbib, EndNote XML, BibTeX, CSV, CSL-JSON, PubMed XML, Excel); give --format if it is one of them",
            location: path
        )
    }

    /// Decides the format from decoded text; nil when nothing fits.
    static func detect(text: String, path: String) -> ImportFormat? {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<") {
            let sample = trimmed.prefix(4096)
            if sample.contains("<PubmedArticleSet") || sample.contains("DOCTYPE PubmedArticleSet") { return .pubmedXML }
            // EndNote's own elements, not just `<record>`, which many API responses (KCI, NAL, ScienceON) use too.
            if sample.contains("<records"),
                sample.contains("<xml>") || sample.contains("<rec-number") || sample.contains("<ref-type")
            {
                return .endnoteXML
            }
            return nil
        }
        // CSL-JSON is an array of items with ids; other JSON (a database's API response) is not an export.
        if trimmed.hasPrefix("[") {
            let sample = trimmed.prefix(4096)
            return sample.contains("\"id\"") || sample.filter({ !$0.isWhitespace }) == "[]" ? .cslJSON : nil
        }
        if trimmed.hasPrefix("{") { return nil }

        let lines = trimmed.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(400)
        var risTags = 0
        var medlineTags = 0
        var risStart = false
        var medlineStart = false
        for line in lines {
            if line.hasPrefix("PMID- ") { medlineStart = true }
            if line.hasPrefix("TY  -") { risStart = true }
            if RISReader.tagLine(line) != nil { risTags += 1 }
            if MEDLINEReader.tagLine(line) != nil { medlineTags += 1 }
        }
        if medlineStart { return .medline }
        if risStart { return .ris }
        if let first = lines.first(where: { !$0.hasPrefix("%") }), first.hasPrefix("@"),
           first.dropFirst().prefix(while: { $0.isLetter }).count > 1 {
            return .bibtex
        }
        if trimmed.contains(where: { $0 == "@" }), lines.contains(where: { $0.hasPrefix("@") && $0.contains("{") }) {
            return .bibtex
        }
        let tagged = lines.isEmpty ? 0 : max(risTags, medlineTags) * 2 >= lines.count ? max(risTags, medlineTags) : 0
        if tagged > 0 {
            // Tag lines without `TY` or `PMID`: only the extension can tell.
            if let byExtension = fromExtension(path), byExtension == .ris || byExtension == .medline { return byExtension }
            return risTags >= medlineTags ? .ris : .medline
        }
        if let header = lines.first, looksLikeCSVHeader(header) { return .csv }
        return nil
    }

    /// A header row: at least two fields, separated by commas, semicolons or tabs, of short names.
    static func looksLikeCSVHeader(_ line: Substring) -> Bool {
        for separator in [",", "\t", ";"] as [Character] {
            let fields = line.split(separator: separator, omittingEmptySubsequences: false)
            if fields.count >= 2, fields.allSatisfy({ $0.count <= 80 }) { return true }
        }
        return false
    }
}
