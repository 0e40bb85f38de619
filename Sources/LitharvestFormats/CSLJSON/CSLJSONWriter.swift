import Foundation
public import LitharvestModel

/// CSL-JSON, the format Zotero and citeproc read: one JSON array of items with CSL variable names.
public struct CSLJSONWriter: RecordWriter {
    private let sink: any ByteSink
    private var count = 0

    /// Creates a writer into `sink`.
    public init(sink: any ByteSink) {
        self.sink = sink
    }

    public mutating func begin() throws { try sink.write("[") }

    public mutating func write(_ record: Record) throws {
        try sink.write((count == 0 ? "\n" : ",\n") + Self.json(for: record))
        count += 1
    }

    public mutating func finish() throws { try sink.write(count == 0 ? "]\n" : "\n]\n") }

    /// The CSL item for `record`, as a dictionary of CSL variables (only those with a value).
    public static func item(for record: Record) -> [String: Any] {
        var item: [String: Any] = [
            "id": "\(record.database):\(record.nativeID)",
            "type": cslType(for: record),
        ]
        item["title"] = record.title
        item["container-title"] = record.journal
        item["container-title-short"] = record.journalAbbreviation
        let authors: [[String: String]] = record.authors.compactMap { author in
            if let family = author.family {
                var name = ["family": family]
                if let given = author.given ?? author.initials, !given.isEmpty { name["given"] = given }
                return name
            }
            return author.literal.map { ["literal": $0] }
        }
        if !authors.isEmpty { item["author"] = authors }
        if let date = record.date { item["issued"] = ["date-parts": [date.dateParts]] }
        item["volume"] = record.volume
        item["issue"] = record.issue
        if let pages = Pages(record.pages) {
            item["page"] = pages.expanded
        } else if let number = record.articleNumber {
            item["number"] = number
        }
        item["DOI"] = record.doi
        item["PMID"] = record.pmid
        item["PMCID"] = record.pmcid
        let issns = orderedISSNs(record.issns)
        if !issns.isEmpty { item["ISSN"] = issns.joined(separator: ", ") }
        item["abstract"] = record.abstract
        item["language"] = record.languages.first
        if !record.keywords.isEmpty { item["keyword"] = record.keywords.joined(separator: ", ") }
        item["URL"] = record.url
        return item
    }

    /// One item as compact JSON with sorted keys (stable output for diffs and tests).
    public static func json(for record: Record) -> String {
        // Written by hand: JSONSerialization was most of the time of `parse --format csljson`.
        var out = ""
        JSONText.append(item(for: record), to: &out)
        return out
    }

    /// Print first, then electronic, then the rest, without repeats.
    static func orderedISSNs(_ issns: [ISSN]) -> [String] {
        let order: [ISSN.Kind] = [.print, .electronic, .linking, .unknown]
        var seen = Set<String>()
        return order.flatMap { kind in issns.filter { $0.kind == kind }.map(\.value) }.filter {
            seen.insert($0).inserted
        }
    }

    static func cslType(for record: Record) -> String {
        let types = record.publicationTypes.map { $0.lowercased() }
        if types.contains("book chapter") { return "chapter" }
        if types.contains("book") { return "book" }
        if record.identifiers.contains(where: { $0.scheme == "bookaccession" }) {
            return record.journal == nil || record.journal == record.title ? "book" : "chapter"
        }
        if types.contains(where: { $0.contains("thesis") || $0.contains("dissertation") || $0.contains("학위논문") }) {
            return "thesis"
        }
        if types.contains(where: { $0.contains("report") && !$0.contains("case report") }) { return "report" }
        return "article-journal"
    }
}
