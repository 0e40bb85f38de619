package import LitharvestModel

/// A readable list for a terminal: number, id, year, first author, title, journal.
package struct TableWriter: RecordWriter {
    private let sink: any ByteSink
    private let width: Int
    private var count = 0

    /// Creates a writer into `sink`, fitting lines to `width` columns.
    package init(sink: any ByteSink, width: Int = 120) {
        self.sink = sink
        self.width = max(60, width)
    }

    package mutating func begin() throws {}

    package mutating func write(_ record: Record) throws {
        count += 1
        let year = record.year.map(String.init) ?? "    "
        var author = record.authors.first.map { $0.family ?? $0.literal ?? "" } ?? "—"
        if record.authors.count > 1 { author += " et al." }
        let head = "\(String(count).leftPadded(4)). [\(record.database) \(record.nativeID)] \(year) \(author)"
        try sink.write(head + "\n")
        let title = record.title ?? record.otherTitle ?? "(no title)"
        try sink.write("      " + Self.truncate(title, to: width - 6) + "\n")
        var source = record.journalAbbreviation ?? record.journal ?? ""
        if let volume = record.volume { source += " \(volume)" }
        if let issue = record.issue { source += "(\(issue))" }
        if let pages = record.pages { source += ":\(pages)" }
        if let doi = record.doi { source += (source.isEmpty ? "" : ". ") + "doi:\(doi)" }
        if !source.isEmpty { try sink.write("      " + Self.truncate(source, to: width - 6) + "\n") }
    }

    package mutating func finish() throws {}

    static func truncate(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
