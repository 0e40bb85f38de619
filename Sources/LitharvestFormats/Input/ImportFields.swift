import Foundation
import LitharvestModel

/// Field conversions every importer shares, so a DOI, a page range or a date reads the same from any format.
enum ImportFields {
    /// Adds `list`'s `; `-separated names (the authors' romanised forms, in author order, empty for an author
    /// without one, as our CSV and BibTeX exports write them) to the authors' alternate names.
    static func addAlternateNames(_ list: String?, to record: inout Record) {
        guard let list else { return }
        let names = list.components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, name) in names.enumerated() where index < record.authors.count && !name.isEmpty {
            if !record.authors[index].alternateNames.contains(name) { record.authors[index].alternateNames.append(name) }
        }
    }

    /// Pages expanded (`221-8` → `221-228`) from one range or a start and end page.
    static func pages(_ text: String?, end: String? = nil) -> String? {
        guard let start = Normalize.text(text) else { return Normalize.text(end).flatMap { Pages($0)?.expanded } }
        if let end = Normalize.text(end), end != start {
            return Pages("\(start)-\(end)")?.expanded
        }
        return Pages(start)?.expanded
    }

    /// A date from the forms exports use: `2011`, `2006/06/15/`, `2006/06//Spring`, `2024-01-05`,
    /// `2006 Jun 15`, `Jun 2006`; nil without a plausible year.
    static func date(_ text: String?) -> PublicationDate? {
        guard let text = Normalize.text(text), let year = Normalize.year(in: text) else { return nil }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " || $0 == "." || $0 == "," })
            .map(String.init)
        guard let yearIndex = parts.firstIndex(of: String(year)) else { return PublicationDate(year: year, text: text) }
        let rest = Array(parts[(yearIndex + 1)...])
        let before = Array(parts[..<yearIndex])
        var month: Int?
        var day: Int?
        if let first = rest.first, let number = monthValue(first) {
            month = number
            if rest.count > 1, let value = Int(rest[1]), (1...31).contains(value) { day = value }
        } else if let first = before.last, let number = monthValue(first), Int(first) == nil {
            // `Jun 2006`, `15 Jun 2006`
            month = number
            if before.count > 1, let value = Int(before[before.count - 2]), (1...31).contains(value) { day = value }
        }
        // Seasons and ranges ("Spring", "Dec-1999 Jan") keep their wording.
        let words = rest.filter { Int($0) == nil && monthValue($0) == nil || $0.count == 4 && Int($0) != nil }
        let free = words.isEmpty ? nil : words.joined(separator: " ")
        return PublicationDate(year: year, month: month, day: day, text: free.map { _ in text })
    }

    private static func monthValue(_ text: String) -> Int? {
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        guard text.count >= 3, text.allSatisfy(\.isLetter) else { return nil }
        return Normalize.month(text)
    }

    /// Splits an `SN`/`issn`/`isbn` value into ISSNs and ISBNs; `(Print)`/`(Electronic)`/`(Linking)` hints give
    /// the ISSN kind.
    static func standardNumbers(_ text: String?) -> (issns: [ISSN], isbns: [String]) {
        guard let text = Normalize.text(text) else { return ([], []) }
        var issns: [ISSN] = []
        var isbns: [String] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" }) {
            let value = part.trimmingCharacters(in: .whitespaces)
            let lower = value.lowercased()
            let kind: ISSN.Kind = lower.contains("print") ? .print
                : lower.contains("electronic") || lower.contains("online") ? .electronic
                : lower.contains("linking") ? .linking : .unknown
            let core = value.split(separator: " ").first.map(String.init) ?? value
            let compact = core.filter { $0.isASCIIDigit || $0 == "X" || $0 == "x" }
            if compact.count == 8, core.count <= 9 {
                let digits = compact.uppercased()
                issns.append(ISSN(String(digits.prefix(4)) + "-" + String(digits.suffix(4)), kind: kind))
            } else if compact.count == 10 || compact.count == 13 {
                isbns.append(core)
            }
        }
        return (issns, isbns)
    }

    /// Adds ISSNs and ISBNs from `text` to `record`, without repeats.
    static func addStandardNumbers(_ text: String?, to record: inout Record) {
        let numbers = standardNumbers(text)
        for issn in numbers.issns where !record.issns.contains(where: { $0.value == issn.value }) {
            record.issns.append(issn)
        }
        for isbn in numbers.isbns {
            addIdentifier("isbn", isbn, to: &record)
        }
    }

    /// Adds an identifier unless the record already has it.
    static func addIdentifier(_ scheme: String, _ value: String?, to record: inout Record) {
        guard let value = Normalize.text(value) else { return }
        let identifier = RecordIdentifier(scheme: scheme, value: value)
        if !record.identifiers.contains(identifier) { record.identifiers.append(identifier) }
    }

    /// A PMID: digits only.
    static func pmid(_ text: String?) -> String? {
        guard let text = Normalize.text(text) else { return nil }
        let digits = text.lowercased().hasPrefix("pmid") ? String(text.dropFirst(4).drop { !$0.isASCIIDigit }) : text
        let value = digits.trimmingCharacters(in: .whitespaces)
        return !value.isEmpty && value.allSatisfy(\.isASCIIDigit) ? value : nil
    }

    /// Publication type names for RIS `TY` codes (so the exporters pick the same kind back).
    static func risTypeName(_ code: String) -> String? {
        switch code.uppercased() {
        case "JOUR", "JFULL", "EJOUR", "MGZN", "NEWS": "Journal Article"
        case "BOOK", "EBOOK", "EDBOOK": "Book"
        case "CHAP", "ECHAP": "Book Chapter"
        case "THES": "Thesis"
        case "RPRT": "Report"
        case "CONF", "CPAPER": "Conference Paper"
        case "ABST": "Abstract"
        case "": nil
        default: code.uppercased()
        }
    }

    /// Adds a value to a list unless an equal one (ignoring case) is there.
    /// Adds each of `values` as ``appendUnique(_:to:)`` does, in time proportional to their number (a file
    /// may give one record hundreds of thousands of keywords; comparing each with all before it took hours).
    static func appendUnique(contentsOf values: some Sequence<some StringProtocol>, to list: inout [String]) {
        var seen = Set(list.map { $0.lowercased() })
        for value in values {
            guard let value = Normalize.text(String(value)), seen.insert(value.lowercased()).inserted else { continue }
            list.append(value)
        }
    }

    static func appendUnique(_ value: String?, to list: inout [String]) {
        guard let value = Normalize.text(value) else { return }
        if !list.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) { list.append(value) }
    }

    /// Cochrane CENTRAL accession (`CN-00778158`) found in `text` (an `AN` or a record URL).
    static func cochraneAccession(in text: String?) -> String? {
        guard let text, let range = text.range(of: #"CN-[0-9]+"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    /// Cross-database ids as Cochrane writes them (`PUBMED 38407106,EMBASE 643589775`, also `|`- or
    /// `;`-separated): each becomes an identifier (`pmid`, `embase`, …); a PubMed id also fills `pmid`.
    /// - Returns: whether `text` had that shape (otherwise the field is something else and is left alone).
    @discardableResult
    static func applyCrossReferences(_ text: String?, to record: inout Record) -> Bool {
        guard let text = Normalize.text(text) else { return false }
        let items = text.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var pairs: [(String, String)] = []
        for item in items {
            let words = item.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2, words[0].allSatisfy({ $0.isLetter && $0.isUppercase }) else { return false }
            pairs.append((words[0], words[1].trimmingCharacters(in: .whitespaces)))
        }
        guard !pairs.isEmpty else { return false }
        for (database, value) in pairs {
            let scheme = database == "PUBMED" || database == "MEDLINE" ? "pmid" : database.lowercased()
            if scheme == "pmid", record.pmid == nil { record.pmid = pmid(value) }
            addIdentifier(scheme, value, to: &record)
        }
        return true
    }
}

extension ImportFields {
    /// Whether a record carries any bibliographic field at all; one that does not is skipped with a
    /// diagnostic (benchmark files keep sparse records, so anything with one field is kept).
    static func hasContent(_ record: Record) -> Bool {
        record.title != nil || record.otherTitle != nil || !record.authors.isEmpty || record.journal != nil
            || record.doi != nil || record.pmid != nil || record.date != nil || record.abstract != nil
            || record.volume != nil || record.issue != nil || record.pages != nil
    }

    /// Emits `record` and counts it, or, when it carries no bibliographic field, notes at `location` that the
    /// `what` (record, row, entry …) was skipped and why: every reader keeps the same "never silently" rule.
    static func emitIfUseful(
        _ record: Record, what: String, location: String, report: inout ParseReport, emit: (Record) throws -> Void
    ) throws {
        guard hasContent(record) else {
            report.diagnostics.append(Diagnostic(
                .warning, "\(what) skipped: it has no bibliographic field (title, author, journal, year, DOI, …)",
                location: location))
            return
        }
        try emit(record)
        report.recordsRead += 1
    }

    /// Publication type names for BibTeX entry types (also bib-dedupe's `ENTRYTYPE` column).
    static func bibTeXTypeName(_ type: String) -> String? {
        switch type.lowercased() {
        case "article": "Journal Article"
        case "inproceedings", "conference", "proceedings": "Conference Paper"
        case "book": "Book"
        case "incollection", "inbook": "Book Chapter"
        case "phdthesis", "mastersthesis", "thesis": "Thesis"
        case "techreport", "report": "Report"
        case "": nil
        default: type
        }
    }
}
