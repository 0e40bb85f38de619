import Foundation
import LitharvestModel

/// Reads the MEDLINE/PubMed text format (`.nbib`, "PubMed format"): a tag padded to four characters, `- `,
/// the value; continuation lines indented six spaces; records separated by blank lines and starting with
/// `PMID- `. `FAU` full names are preferred to `AU`, with `AU`'s initials; `AD`/`AUID` belong to the author
/// before them.
///
/// A file cut short ends inside its last record: that record is complete only when a blank line follows it
/// or when it ends with the tag the file's other records end with (`SO` in PubMed's own files, whose last
/// record has no blank line after it); otherwise the file is reported as cut short.
struct MEDLINEReader {
    let database: String

    /// The tag PubMed writes last in every record.
    static let pubMedFinalTag = "SO"

    struct Field {
        var tag: String
        var value: String
        var line: Int
    }

    func read(_ input: ImportText, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0, diagnostics: input.diagnostics)
        var fields: [Field] = []
        var recordIndex = 0
        var sawTag = false
        var lastLine = 0
        /// The last tag of the records ended by a blank line or the next `PMID-`.
        var finalTag: String?

        func finish() throws {
            defer { fields = [] }
            guard let start = fields.first?.line else { return }
            finalTag = finalTag ?? fields.last?.tag
            recordIndex += 1
            let mapped = record(from: fields, index: recordIndex, input: input)
            try ImportFields.emitIfUseful(mapped, what: "record", location: input.location(line: start), report: &report, emit: emit)
        }

        for (offset, line) in input.lines.enumerated() {
            let number = offset + 1
            if !line.isEmpty { lastLine = number }
            if let (tag, value) = Self.tagLine(line) {
                sawTag = true
                if tag == "PMID", !fields.isEmpty { try finish() }
                fields.append(Field(tag: tag, value: value, line: number))
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                try finish()
            } else if !fields.isEmpty, line.first == " " || line.first == "\t" {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                report.diagnostics.append(Diagnostic(
                    .warning, "line is neither a MEDLINE tag line nor a continuation; ignored", location: input.location(line: number)
                ))
            }
        }
        if let start = fields.first?.line, let tag = fields.last?.tag, tag != (finalTag ?? Self.pubMedFinalTag) {
            report.diagnostics.append(Diagnostic(
                .error,
                "the last record (from line \(start)) ends with \(tag), not \(finalTag ?? Self.pubMedFinalTag) like the file's records, and no blank line follows it: the file may be cut short (last line read \(lastLine))",
                location: input.location(line: lastLine)
            ))
        }
        try finish()
        guard sawTag else {
            throw ConnectorError(.malformedFile, "not a MEDLINE (nbib) file: no line has a tag such as `PMID- `", location: input.path)
        }
        return report
    }

    /// `PMID- 123`, `AU  - Smith J`, `FAU - Smith, John`: the tag (trimmed) and value.
    static func tagLine(_ line: Substring) -> (String, String)? {
        let characters = Array(line.prefix(6))
        guard characters.count >= 5, characters[0].isASCII, characters[0].isUppercase else { return nil }
        let tagPart = characters[0..<4]
        guard characters[4] == "-", characters.count == 5 || characters[5] == " " else { return nil }
        let tag = String(tagPart).trimmingCharacters(in: .whitespaces)
        guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isASCIIDigit) }),
              String(tagPart).hasPrefix(tag)
        else { return nil }
        return (tag, line.dropFirst(5).trimmingCharacters(in: .whitespaces))
    }

    func record(from fields: [Field], index: Int, input: ImportText) -> Record {
        func first(_ tag: String) -> String? {
            fields.first { $0.tag == tag }.flatMap { Normalize.text($0.value) }
        }
        func values(_ tag: String) -> [String] {
            fields.filter { $0.tag == tag }.compactMap { Normalize.text($0.value) }
        }
        let pmid = first("PMID").flatMap(ImportFields.pmid)
        var record = Record(database: database, nativeID: pmid ?? "\(input.fileName)#\(index)", pmid: pmid)

        record.title = first("TI") ?? first("BTI")
        record.otherTitle = first("TT")
        record.authors = authors(fields)
        // A chapter's book title is in BTI (its own title in TI); a book's series in CTI.
        record.journal = first("JT") ?? (first("TI") == nil ? nil : first("BTI")) ?? first("CTI")
        record.journalAbbreviation = first("TA")
        for value in values("IS") { ImportFields.addStandardNumbers(value, to: &record) }
        for value in values("ISBN") { ImportFields.addIdentifier("isbn", value, to: &record) }
        record.date = first("DP").flatMap(ImportFields.date) ?? first("DEP").flatMap(ImportFields.date)
        record.volume = first("VI")
        record.issue = first("IP")
        record.pages = ImportFields.pages(first("PG"))
        record.abstract = first("AB")
        record.otherAbstract = first("OAB")
        record.publisher = first("PB")
        record.languages = values("LA")
        record.publicationTypes = values("PT")
        record.subjects = values("MH").map(Self.meshHeading)
        ImportFields.appendUnique(contentsOf: values("OT"), to: &record.keywords)
        record.pmcid = first("PMC").flatMap(Normalize.pmcid)

        for value in values("LID") + values("AID") {
            guard let open = value.lastIndex(of: "["), value.hasSuffix("]") else { continue }
            let id = value[..<open].trimmingCharacters(in: .whitespaces)
            let scheme = value[value.index(after: open)..<value.index(before: value.endIndex)].lowercased()
            switch scheme {
            case "doi":
                if record.doi == nil { record.doi = Normalize.doi(id) }
            case "pii":
                if record.pages == nil, record.articleNumber == nil, values("LID").contains(value) { record.articleNumber = id }
                ImportFields.addIdentifier("pii", id, to: &record)
            case "pmc", "pmcid":
                if record.pmcid == nil { record.pmcid = Normalize.pmcid(id) }
            default:
                ImportFields.addIdentifier(scheme, id, to: &record)
            }
        }
        if let pmid { record.url = database == "pubmed" ? "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" : nil }
        return record
    }

    /// `FAU` names paired with `AU` initials in order, `CN` collectives where they appear, with each author's
    /// `AD` affiliations and `AUID` ORCID.
    func authors(_ fields: [Field]) -> [Author] {
        var authors: [Author] = []
        let hasFullNames = fields.contains { $0.tag == "FAU" }
        var lastWasFull = false
        for field in fields {
            guard let value = Normalize.text(field.value) else { continue }
            switch field.tag {
            case "FAU":
                if let author = AuthorName.parse(value) { authors.append(author) }
                lastWasFull = true
            case "AU":
                if hasFullNames {
                    // The abbreviated form of the FAU just read: take its initials.
                    if lastWasFull, var author = authors.popLast() {
                        if let short = AuthorName.parse(value), author.family != nil {
                            author.initials = short.initials ?? author.initials
                        }
                        authors.append(author)
                    }
                } else if let author = AuthorName.parse(value) {
                    authors.append(author)
                }
                lastWasFull = false
            case "CN":
                authors.append(Author(literal: value))
                lastWasFull = false
            case "AD":
                if !authors.isEmpty { authors[authors.count - 1].affiliations.append(value) }
            case "AUID":
                if !authors.isEmpty, value.uppercased().hasPrefix("ORCID:") {
                    let orcid = value.dropFirst(6).trimmingCharacters(in: .whitespaces)
                    authors[authors.count - 1].orcid = orcid.split(separator: "/").last.map(String.init) ?? orcid
                }
            default:
                break
            }
        }
        return authors
    }

    /// `*Term/qualifier/*major qualifier`.
    static func meshHeading(_ text: String) -> SubjectTerm {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        func major(_ part: String) -> (String, Bool) {
            part.hasPrefix("*") ? (String(part.dropFirst()), true) : (part, false)
        }
        let (term, isMajor) = major(parts.first ?? text)
        let qualifiers = parts.dropFirst().map { part in
            let (name, qualifierMajor) = major(part)
            return SubjectTerm.Qualifier(name: name, isMajor: qualifierMajor)
        }
        return SubjectTerm(term: term, isMajor: isMajor, qualifiers: qualifiers, scheme: "MeSH")
    }
}
