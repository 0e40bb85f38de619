package import Foundation
import LitharvestCore
package import LitharvestModel
package import LitharvestXML

/// Reads NCBI efetch `db=pubmed&retmode=xml` output (`PubmedArticleSet` with `PubmedArticle` and
/// `PubmedBookArticle` elements) into records, one article at a time, so memory stays flat for files of
/// any size.
///
/// Field sources follow the traps listed in the PubMed research notes: identifiers come only from the
/// article's own `PubmedData/ArticleIdList` (never from `CommentsCorrections` or `ReferenceList`), text keeps
/// the content of inline markup and MathML, structured abstracts keep their labels, and every `PubDate` shape
/// (`Year/Month/Day`, `Season`, `MedlineDate`) is read.
package struct PubMedArticleParser: RecordFileParser {
    /// The element names handed to the mapping; `ERROR` is caught to report `eFetchResult` failures.
    static let streamedElements: Set<String> = ["PubmedArticle", "PubmedBookArticle", "DeleteCitation", "ERROR"]
    static let rootElement = "PubmedArticleSet"

    /// Creates a parser.
    package init() {}

    /// Parses an efetch response held in memory.
    ///
    /// - Parameter source: a name for messages and diagnostics (a file name or redacted URL).
    /// - Throws: ``ConnectorError`` with kind `.databaseError` for an `<ERROR>` answer, `.unexpectedResponse` for
    ///   an HTML page, malformed XML or any other document than a `PubmedArticleSet`; errors thrown by `emit`
    ///   are rethrown unchanged.
    package func parse(data: Data, source: String?, emit: (Record) throws -> Void) throws -> ParseReport {
        let name = source ?? "response"
        return try read(EutilsXMLInput.reader(data: data, source: name, expected: Self.rootElement), source: name, emit: emit)
    }

    /// Parses a saved efetch response (plain or gzip).
    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        try read(EutilsXMLInput.reader(path: path, expected: Self.rootElement), source: path, emit: emit)
    }

    private func read(_ reader: XMLStreamReader, source: String, emit: (Record) throws -> Void) throws -> ParseReport {
        try EutilsXMLInput.stream(
            reader, source: source, elements: Self.streamedElements, roots: [Self.rootElement],
            expected: Self.rootElement, emit: emit
        ) { node, location, report in
            if node.localName == "DeleteCitation" {
                let pmids = node.children("PMID").compactMap { Normalize.text($0.rawText) }
                report.diagnostics.append(Diagnostic(
                    .note, "PubMed lists deleted citations: \(pmids.joined(separator: ", "))", location: location
                ))
                return nil
            }
            return try Self.record(fromArticle: node)
        }
    }

    // MARK: Mapping one article

    /// Maps one `PubmedArticle` or `PubmedBookArticle` element.
    ///
    /// - Throws: ``ConnectorError`` (`.unexpectedResponse`) when the element has no PMID or is neither kind of
    ///   article; the caller decides whether to skip it.
    package static func record(fromArticle node: XMLNode) throws -> Record {
        switch node.localName {
        case "PubmedArticle":
            return try journalArticle(node)
        case "PubmedBookArticle":
            return try bookArticle(node)
        default:
            throw ConnectorError(
                .unexpectedResponse, "<\(node.localName)> is not a PubmedArticle or PubmedBookArticle",
                location: "line \(node.line)"
            )
        }
    }

    private static func journalArticle(_ node: XMLNode) throws -> Record {
        let citation = node.child("MedlineCitation")
        // The article's own PMID only: CommentsCorrections and ReferenceList carry other articles' PMIDs.
        guard let pmid = EutilsXMLText.plain(citation?.child("PMID")) else {
            throw ConnectorError(.unexpectedResponse, "PubmedArticle has no MedlineCitation/PMID", location: "line \(node.line)")
        }
        let article = citation?.child("Article")
        let journal = article?.child("Journal")
        let issue = journal?.child("JournalIssue")
        let journalInfo = citation?.child("MedlineJournalInfo")

        var record = Record(database: "pubmed", nativeID: pmid, pmid: pmid)
        record.url = "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"
        // Translated titles come in PubMed's own form, "[Title in English].", with the original in
        // VernacularTitle. The brackets are kept as given: they tell the reader the title is a translation.
        record.title = EutilsXMLText.inline(article?.child("ArticleTitle"))
        record.otherTitle = EutilsXMLText.inline(article?.child("VernacularTitle"))
        record.authors = authors(in: article?.children("AuthorList") ?? [])
        if let articleAffiliation = EutilsXMLText.inline(article?.child("Affiliation")),
           !record.authors.isEmpty, record.authors[0].affiliations.isEmpty {
            // Before 2014 the first author's affiliation sat directly under Article.
            record.authors[0].affiliations = [articleAffiliation]
        }

        record.journal = EutilsXMLText.inline(journal?.child("Title"))
        record.journalAbbreviation = EutilsXMLText.plain(journal?.child("ISOAbbreviation"))
            ?? EutilsXMLText.plain(journalInfo?.child("MedlineTA"))
        for issn in journal?.children("ISSN") ?? [] {
            guard let value = EutilsXMLText.plain(issn) else { continue }
            let kind: ISSN.Kind = switch issn.attribute("IssnType")?.lowercased() {
            case "print": .print
            case "electronic": .electronic
            default: .unknown
            }
            record.issns.append(ISSN(value, kind: kind))
        }
        if let linking = EutilsXMLText.plain(journalInfo?.child("ISSNLinking")) {
            record.issns.append(ISSN(linking, kind: .linking))
        }

        record.volume = EutilsXMLText.plain(issue?.child("Volume"))
        record.issue = EutilsXMLText.plain(issue?.child("Issue"))
        record.pages = pages(article?.child("Pagination"))
        let locations = electronicLocations(article)
        if record.pages == nil { record.articleNumber = locations.pii }

        record.date = publicationDate(issue?.child("PubDate"))
            ?? article?.children("ArticleDate").lazy.compactMap(publicationDate).first
            ?? historyDate(node.child("PubmedData"))

        record.abstract = abstract(article?.child("Abstract"))
        record.languages = (article?.children("Language") ?? []).compactMap(EutilsXMLText.plain)
        record.publicationTypes = (article?.child("PublicationTypeList")?.children("PublicationType") ?? [])
            .compactMap(EutilsXMLText.plain)
        record.subjects = meshHeadings(citation?.child("MeshHeadingList"))
        record.keywords = keywords(citation?.children("KeywordList") ?? [])

        applyArticleIDs(node.child("PubmedData")?.child("ArticleIdList"), to: &record)
        if record.doi == nil { record.doi = Normalize.doi(locations.doi) }
        if let pii = locations.pii, !record.identifiers.contains(where: { $0.scheme == "pii" && $0.value == pii }) {
            record.identifiers.append(RecordIdentifier(scheme: "pii", value: pii))
        }
        return record
    }

    private static func bookArticle(_ node: XMLNode) throws -> Record {
        let document = node.child("BookDocument")
        guard let pmid = EutilsXMLText.plain(document?.child("PMID")) else {
            throw ConnectorError(.unexpectedResponse, "PubmedBookArticle has no BookDocument/PMID", location: "line \(node.line)")
        }
        let book = document?.child("Book")
        var record = Record(database: "pubmed", nativeID: pmid, pmid: pmid)
        record.url = "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"

        let chapterTitle = EutilsXMLText.inline(document?.child("ArticleTitle"))
        let bookTitle = EutilsXMLText.inline(book?.child("BookTitle"))
        record.title = chapterTitle ?? bookTitle
        record.otherTitle = EutilsXMLText.inline(document?.child("VernacularTitle"))
        // A chapter is contained in its book; a record for the whole book (no ArticleTitle) has no container
        // but its series, if any.
        record.journal = chapterTitle != nil ? bookTitle : EutilsXMLText.inline(book?.child("CollectionTitle"))

        // Authors of the chapter, else of the book; editors are never authors.
        record.authors = authors(in: document?.children("AuthorList") ?? [])
        if record.authors.isEmpty { record.authors = authors(in: book?.children("AuthorList") ?? []) }

        record.volume = EutilsXMLText.plain(book?.child("Volume"))
        record.pages = pages(document?.child("Pagination"))
        let locations = electronicLocations(document)
        if record.pages == nil { record.articleNumber = locations.pii }
        record.date = publicationDate(book?.child("PubDate"))
            ?? publicationDate(document?.child("ContributionDate"))
            ?? historyDate(node.child("PubmedBookData"))

        record.abstract = abstract(document?.child("Abstract"))
        record.languages = (document?.children("Language") ?? []).compactMap(EutilsXMLText.plain)
        record.publicationTypes = ((document?.children("PublicationType") ?? [])
            + (document?.child("PublicationTypeList")?.children("PublicationType") ?? []))
            .compactMap(EutilsXMLText.plain)
        // Say which kind of book record this is: `journal` alone cannot (a whole book's series sits there too),
        // and exports choose BOOK or CHAP by it.
        let kind = chapterTitle != nil ? "Book Chapter" : "Book"
        if !record.publicationTypes.contains(where: { $0.caseInsensitiveCompare(kind) == .orderedSame }) {
            record.publicationTypes.append(kind)
        }
        record.keywords = keywords(document?.children("KeywordList") ?? [])

        applyArticleIDs(document?.child("ArticleIdList"), to: &record)
        applyArticleIDs(node.child("PubmedBookData")?.child("ArticleIdList"), to: &record)
        if record.doi == nil { record.doi = Normalize.doi(locations.doi) }
        for isbn in book?.children("Isbn") ?? [] {
            if let value = EutilsXMLText.plain(isbn) { record.identifiers.append(RecordIdentifier(scheme: "isbn", value: value)) }
        }
        return record
    }

    // MARK: Field helpers

    /// `AuthorList/Author` of every list except editors; `ValidYN="N"` entries (names PubMed marks as wrong)
    /// are left out.
    static func authors(in lists: [XMLNode]) -> [Author] {
        var result: [Author] = []
        for list in lists where list.attribute("Type")?.lowercased() != "editors" {
            for node in list.children("Author") where node.attribute("ValidYN")?.uppercased() != "N" {
                let affiliations = node.children("AffiliationInfo").compactMap { EutilsXMLText.inline($0.child("Affiliation")) }
                    + node.children("Affiliation").compactMap { EutilsXMLText.inline($0) }
                let orcid = node.children("Identifier")
                    .first { $0.attribute("Source")?.uppercased() == "ORCID" }
                    .flatMap { EutilsXMLText.orcid($0.rawText) }
                if let family = EutilsXMLText.inline(node.child("LastName")) {
                    result.append(Author(
                        family: family,
                        given: EutilsXMLText.inline(node.child("ForeName")),
                        initials: EutilsXMLText.plain(node.child("Initials")),
                        orcid: orcid,
                        affiliations: affiliations
                    ))
                } else if let collective = EutilsXMLText.inline(node.child("CollectiveName")) {
                    var author = Author(literal: collective, affiliations: affiliations)
                    author.orcid = orcid
                    result.append(author)
                }
            }
        }
        return result
    }

    /// `MedlinePgn`, else `StartPage-EndPage`.
    static func pages(_ pagination: XMLNode?) -> String? {
        guard let pagination else { return nil }
        if let medline = EutilsXMLText.plain(pagination.child("MedlinePgn")) { return medline }
        guard let start = EutilsXMLText.plain(pagination.child("StartPage")) else { return nil }
        return EutilsXMLText.plain(pagination.child("EndPage")).map { "\(start)-\($0)" } ?? start
    }

    /// The valid `ELocationID`s of type doi and pii.
    static func electronicLocations(_ parent: XMLNode?) -> (doi: String?, pii: String?) {
        var doi: String?
        var pii: String?
        for location in parent?.children("ELocationID") ?? [] where location.attribute("ValidYN")?.uppercased() != "N" {
            switch location.attribute("EIdType")?.lowercased() {
            case "doi": doi = doi ?? EutilsXMLText.plain(location)
            case "pii": pii = pii ?? EutilsXMLText.plain(location)
            default: break
            }
        }
        return (doi, pii)
    }

    /// DOI, PMCID, PII, NIHMS id and book accession from one `ArticleIdList` (the caller passes the article's
    /// own list, never a reference's). Values already set win.
    static func applyArticleIDs(_ list: XMLNode?, to record: inout Record) {
        for id in list?.children("ArticleId") ?? [] {
            guard let value = EutilsXMLText.plain(id), let type = id.attribute("IdType")?.lowercased() else { continue }
            switch type {
            case "doi":
                if record.doi == nil { record.doi = Normalize.doi(value) }
            case "pmc":
                if record.pmcid == nil { record.pmcid = Normalize.pmcid(value) }
            case "pii", "bookaccession", "mid":
                if !record.identifiers.contains(where: { $0.scheme == type && $0.value == value }) {
                    record.identifiers.append(RecordIdentifier(scheme: type, value: value))
                }
            default:
                break
            }
        }
    }

    /// A `PubDate`-shaped element: `Year[/Month[/Day]]`, `Year/Season` or `MedlineDate`.
    ///
    /// Seasons: the text is kept in `text`; a season that names months ("Jul-Aug") gives its first month,
    /// a season proper ("Spring", "Winter") gives no month. `MedlineDate` ("1998 Dec-1999 Jan") gives the
    /// first year and the month that follows it, with the whole string in `text`.
    static func publicationDate(_ node: XMLNode?) -> PublicationDate? {
        guard let node else { return nil }
        if let medline = EutilsXMLText.plain(node.child("MedlineDate")) {
            guard let year = Normalize.year(in: medline) else { return nil }
            return PublicationDate(year: year, month: monthAfterYear(in: medline), text: medline)
        }
        guard let yearText = EutilsXMLText.plain(node.child("Year")), let year = Normalize.year(in: yearText) else {
            return nil
        }
        if let season = EutilsXMLText.plain(node.child("Season")) {
            return PublicationDate(year: year, month: monthNamed(season), text: season)
        }
        let month = Normalize.month(EutilsXMLText.plain(node.child("Month")))
        let day = EutilsXMLText.plain(node.child("Day")).flatMap { Int($0) }
        return PublicationDate(year: year, month: month, day: day)
    }

    /// A month only when the text starts with a month name ("Jul-Aug" → 7, "Spring" → nil).
    private static func monthNamed(_ text: String) -> Int? {
        guard let first = text.first, first.isLetter else { return nil }
        return Normalize.month(text)
    }

    /// "1998 Dec-1999 Jan" → 12, "1990 May-Jun" → 5, "2000-2001" → nil, "1999 Winter" → nil.
    private static func monthAfterYear(in text: String) -> Int? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard let yearIndex = tokens.firstIndex(where: { Normalize.year(in: String($0)) != nil }),
              yearIndex + 1 < tokens.count
        else { return nil }
        return monthNamed(String(tokens[yearIndex + 1]))
    }

    /// `History/PubMedPubDate[@PubStatus='pubmed']`, the last fallback for a missing publication date.
    private static func historyDate(_ pubmedData: XMLNode?) -> PublicationDate? {
        let dates = pubmedData?.child("History")?.children("PubMedPubDate") ?? []
        return dates.first { $0.attribute("PubStatus") == "pubmed" }.flatMap(publicationDate)
    }

    /// `AbstractText` paragraphs; labelled sections become `LABEL: text`, joined by blank lines.
    /// `CopyrightInformation` is not part of the abstract.
    static func abstract(_ node: XMLNode?) -> String? {
        let paragraphs: [String] = (node?.children("AbstractText") ?? []).compactMap { section in
            guard let text = EutilsXMLText.inline(section) else { return nil }
            if let label = Normalize.text(section.attribute("Label")) { return "\(label): \(text)" }
            return text
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    /// `MeshHeading` → descriptor with its qualifiers, scheme `MeSH`.
    static func meshHeadings(_ list: XMLNode?) -> [SubjectTerm] {
        (list?.children("MeshHeading") ?? []).compactMap { heading in
            guard let descriptor = heading.child("DescriptorName"), let term = EutilsXMLText.plain(descriptor) else {
                return nil
            }
            let qualifiers = heading.children("QualifierName").compactMap { qualifier -> SubjectTerm.Qualifier? in
                guard let name = EutilsXMLText.plain(qualifier) else { return nil }
                return SubjectTerm.Qualifier(
                    name: name, identifier: Normalize.text(qualifier.attribute("UI")),
                    isMajor: qualifier.attribute("MajorTopicYN")?.uppercased() == "Y"
                )
            }
            return SubjectTerm(
                term: term, identifier: Normalize.text(descriptor.attribute("UI")),
                isMajor: descriptor.attribute("MajorTopicYN")?.uppercased() == "Y", qualifiers: qualifiers, scheme: "MeSH"
            )
        }
    }

    /// Keywords of every `KeywordList` (author's and NLM's), in order, without repeats.
    static func keywords(_ lists: [XMLNode]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for list in lists {
            for keyword in list.children("Keyword") {
                guard let text = EutilsXMLText.inline(keyword), seen.insert(text).inserted else { continue }
                result.append(text)
            }
        }
        return result
    }
}

// MARK: - Shared by the PubMed and PMC parsers

/// Input checks and error translation shared by the E-utilities XML parsers.
enum EutilsXMLInput {
    /// A streaming reader over `data`, after refusing an HTML page or an empty body.
    static func reader(data: Data, source: String, expected: String) throws -> XMLStreamReader {
        try rejectNonXML(prefix: data.prefix(2048), source: source, expected: expected)
        do {
            return try XMLStreamReader(data: data, source: source)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: source)
        }
    }

    /// A streaming reader over the file at `path` (plain or gzip), after refusing an HTML page or an empty file.
    static func reader(path: String, expected: String) throws -> XMLStreamReader {
        try rejectNonXML(prefix: filePrefix(path), source: path, expected: expected)
        do {
            return try XMLStreamReader(fileAtPath: path)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: path)
        }
    }

    /// The reading loop of both efetch parsers. An `<ERROR>` element (or an `error` one outside the expected
    /// document) is a database error, another root element is refused; every other streamed element goes to
    /// `map`, which returns the record to emit or nil (after noting what it found in the report). An element
    /// `map` cannot read is skipped with a warning naming its line, never dropped silently.
    static func stream(
        _ reader: XMLStreamReader, source: String, elements: Set<String>, roots: Set<String>, expected: String,
        emit: (Record) throws -> Void,
        map: (_ node: XMLNode, _ location: String, _ report: inout ParseReport) throws -> Record?
    ) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0)
        try XMLRecordStream.read(
            reader, source: source, elements: elements, roots: roots, expected: "a \(expected) document",
            foreignRoot: { node, location in
                node.localName.lowercased() == "error"
                    ? ConnectorError(
                        .databaseError,
                        Normalize.text(node.rawText) ?? "the response is an empty <\(node.localName)> element",
                        location: location)
                    : ConnectorError(
                        .unexpectedResponse, "expected a \(expected) document, found <\(reader.rootElementName ?? "")>",
                        location: location)
            }
        ) { node, location in
            if node.localName == "ERROR" {
                throw ConnectorError(
                    .databaseError, Normalize.text(node.rawText) ?? "the response is an empty <ERROR> element",
                    location: location)
            }
            let record: Record
            do {
                guard let mapped = try map(node, location, &report) else { return }
                record = mapped
            } catch let error as ConnectorError {
                report.diagnostics.append(Diagnostic(.warning, "record skipped: \(error.message)", location: location))
                return
            }
            try XMLRecordStream.deliver(record, to: emit)
            report.recordsRead += 1
        }
        return report
    }

    /// Refuses an HTML page or an empty body before streaming, with a message naming what arrived.
    static func rejectNonXML(prefix: Data?, source: String, expected: String) throws {
        // A gzip stream (files only) cannot be sniffed here; the root-element check catches it later.
        guard let prefix, !prefix.starts(with: [0x1F, 0x8B]) else { return }
        var text = String(decoding: prefix, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.isEmpty {
            throw ConnectorError(.unexpectedResponse, "the response is empty, expected a \(expected) document", location: source)
        }
        if let page = XMLAnswerCheck.htmlAnswer(prefix) {
            var message = "received an HTML page instead of a \(expected) document"
            if let title = page.title { message += " (title: \"\(title)\")" }
            throw ConnectorError(.unexpectedResponse, message, location: source)
        }
        if !XMLAnswerCheck.opening(prefix).hasPrefix("<") {
            let shown = Normalize.text(String(trimmed.prefix(120))) ?? ""
            throw ConnectorError(.unexpectedResponse, "the response is not XML: \"\(shown)\"", location: source)
        }
    }

    /// The first bytes of a file, for sniffing; nil when unreadable (the reader then reports the failure).
    static func filePrefix(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.read(upToCount: 2048) ?? Data()
    }
}

/// Text extraction that respects mixed content: inline markup (`<i>`, `<sup>`, `<italic>`…) keeps its text,
/// MathML is read as the text of its tokens (prescripts first, so `³He` reads "3He"), JATS `<alternatives>`
/// contribute one form only.
enum EutilsXMLText {
    /// Whitespace-normalized text of a leaf element; nil when absent or empty.
    static func plain(_ node: XMLNode?) -> String? {
        guard let text = node?.text, !text.isEmpty else { return nil }
        return text
    }

    /// Whitespace-normalized text of an element with inline markup; elements named in `skipping` are left out.
    static func inline(_ node: XMLNode?, skipping: Set<String> = []) -> String? {
        guard let node else { return nil }
        var out = ""
        append(node, to: &out, skipping: skipping)
        return Normalize.text(out)
    }

    /// Children in document order: text nodes (named "text") and elements; comments and PIs are left out.
    static func mixedContent(of node: XMLNode) -> [XMLNode] {
        (try? node.select("text() | *")) ?? []
    }

    private static func append(_ node: XMLNode, to out: inout String, skipping: Set<String>) {
        if node.children.isEmpty {
            out += node.rawText
            return
        }
        for part in mixedContent(of: node) {
            let name = part.localName
            // Text nodes are named "text"; an element called "text" without children reads the same either way.
            if name != "text", skipping.contains(name) { continue }
            switch name {
            case "math":
                out += math(part)
            case "alternatives":
                let children = part.children
                if let mathML = children.first(where: { $0.localName == "math" }) {
                    out += math(mathML)
                } else if let first = children.first(where: { Normalize.text($0.rawText) != nil }) {
                    append(first, to: &out, skipping: skipping)
                }
            default:
                if part.children.isEmpty {
                    let text = part.rawText
                    // An empty element (`<break/>`, a graphic) separates the words around it.
                    out += text.isEmpty ? " " : text
                } else {
                    append(part, to: &out, skipping: skipping)
                }
            }
        }
    }

    /// Linear text of a MathML expression: token text concatenated, formatting whitespace dropped.
    static func math(_ node: XMLNode) -> String {
        switch node.localName {
        case "mi", "mn", "mo", "mtext", "ms":
            let text = node.rawText
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? (text.isEmpty ? "" : " ") : trimmed
        case "mspace":
            return " "
        case "none", "mprescripts", "annotation", "annotation-xml":
            return ""
        case "semantics":
            return node.children.first.map(math) ?? ""
        case "mmultiscripts":
            // base, post-scripts…, <mprescripts/>, pre-scripts…: read pre-scripts first.
            let children = node.children
            guard let base = children.first else { return "" }
            let rest = children.dropFirst()
            if let split = rest.firstIndex(where: { $0.localName == "mprescripts" }) {
                let post = rest[..<split].map(math).joined()
                let pre = rest[rest.index(after: split)...].map(math).joined()
                return pre + math(base) + post
            }
            return math(base) + rest.map(math).joined()
        default:
            let children = node.children
            if children.isEmpty {
                return Normalize.text(node.rawText) ?? Normalize.text(node.attribute("alttext")) ?? ""
            }
            return children.map(math).joined()
        }
    }

    /// A bare ORCID iD (`0000-0002-1825-0097`) from a URL or a bare or undashed form; nil if it is not one.
    static func orcid(_ value: String?) -> String? {
        guard var text = Normalize.text(value) else { return nil }
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard compact.count == 16,
              compact.prefix(15).allSatisfy(\.isASCIIDigit),
              let last = compact.last, last.isASCIIDigit || last == "X"
        else { return nil }
        let characters = Array(compact)
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
