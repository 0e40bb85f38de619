package import Foundation
import LitharvestCore
package import LitharvestModel
package import LitharvestXML

/// Reads NCBI efetch `db=pmc` output (`pmc-articleset` holding JATS `<article>` elements; a lone JATS
/// `<article>` file is read too) into records, one article at a time.
///
/// Everything comes from `front/journal-meta` and `front/article-meta`: the `back/ref-list` repeats titles,
/// PMIDs and DOIs of the cited works and is never read. Articles whose publisher withholds the full text
/// (front matter only, no `<body>`) map the same way.
package struct PMCArticleParser: RecordFileParser {
    static let streamedElements: Set<String> = ["article", "ERROR", "error"]
    static let rootElements: Set<String> = ["pmc-articleset", "article"]

    /// Creates a parser.
    package init() {}

    /// Parses an efetch response held in memory.
    ///
    /// - Throws: ``ConnectorError`` (`.databaseError` for an `<ERROR>` answer, `.unexpectedResponse` for HTML,
    ///   malformed XML or another document type); errors thrown by `emit` are rethrown unchanged.
    package func parse(data: Data, source: String?, emit: (Record) throws -> Void) throws -> ParseReport {
        let name = source ?? "response"
        return try read(EutilsXMLInput.reader(data: data, source: name, expected: "pmc-articleset"), source: name, emit: emit)
    }

    /// Parses a saved efetch response (plain or gzip).
    package func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        try read(EutilsXMLInput.reader(path: path, expected: "pmc-articleset"), source: path, emit: emit)
    }

    private func read(_ reader: XMLStreamReader, source: String, emit: (Record) throws -> Void) throws -> ParseReport {
        try EutilsXMLInput.stream(
            reader, source: source, elements: Self.streamedElements, roots: Self.rootElements,
            expected: "pmc-articleset", emit: emit
        ) { node, location, report in
            if node.localName == "error" {
                // One id of the set could not be delivered; the others still come.
                let text = Normalize.text(node.rawText) ?? "no text"
                report.diagnostics.append(Diagnostic(.warning, "PMC reported an error: \(text)", location: location))
                return nil
            }
            return try Self.record(fromArticle: node)
        }
    }

    // MARK: Mapping one article

    /// Maps one JATS `<article>` element (database `pmc`, native id `PMC…`).
    ///
    /// - Throws: ``ConnectorError`` (`.unexpectedResponse`) when the article has no PMC id.
    package static func record(fromArticle article: XMLNode) throws -> Record {
        let front = article.child("front")
        let meta = front?.child("article-meta")
        let journalMeta = front?.child("journal-meta")

        var pmcid: String?
        var pmid: String?
        var doi: String?
        var identifiers: [RecordIdentifier] = []
        for id in meta?.children("article-id") ?? [] {
            guard let value = EutilsXMLText.plain(id) else { continue }
            switch id.attribute("pub-id-type")?.lowercased() {
            case "pmc", "pmcid": pmcid = pmcid ?? Normalize.pmcid(value)
            case "pmid": pmid = pmid ?? (value.allSatisfy(\.isASCIIDigit) ? value : nil)
            case "doi": doi = doi ?? Normalize.doi(value)
            case "pii": identifiers.append(RecordIdentifier(scheme: "pii", value: value))
            case "manuscript": identifiers.append(RecordIdentifier(scheme: "mid", value: value))
            case "publisher-id": identifiers.append(RecordIdentifier(scheme: "publisher-id", value: value))
            default: break
            }
        }
        guard let pmcid else {
            throw ConnectorError(.unexpectedResponse, "article has no article-id of type pmc or pmcid", location: "line \(article.line)")
        }

        var record = Record(database: "pmc", nativeID: pmcid, doi: doi, pmid: pmid, pmcid: pmcid, identifiers: identifiers)
        record.url = "https://pmc.ncbi.nlm.nih.gov/articles/\(pmcid)/"

        let titles = meta?.child("title-group")
        if let title = EutilsXMLText.inline(titles?.child("article-title"), skipping: ["fn", "xref"]) {
            let subtitle = EutilsXMLText.inline(titles?.child("subtitle"), skipping: ["fn", "xref"])
            record.title = subtitle.map { "\(title): \($0)" } ?? title
        }
        record.otherTitle = titles?.children("trans-title-group").lazy
            .compactMap { EutilsXMLText.inline($0.child("trans-title"), skipping: ["fn", "xref"]) }.first

        record.authors = authors(meta)

        let journalTitleGroup = journalMeta?.child("journal-title-group")
        record.journal = EutilsXMLText.inline(journalTitleGroup?.child("journal-title"))
            ?? EutilsXMLText.inline(journalMeta?.child("journal-title"))
        let journalIDs = journalMeta?.children("journal-id") ?? []
        func journalID(_ type: String) -> String? {
            journalIDs.first { $0.attribute("journal-id-type") == type }.flatMap(EutilsXMLText.plain)
        }
        record.journalAbbreviation = journalID("iso-abbrev") ?? journalID("nlm-ta")
            ?? EutilsXMLText.plain(journalTitleGroup?.child("abbrev-journal-title"))
        for issn in journalMeta?.children("issn") ?? [] {
            guard let value = EutilsXMLText.plain(issn) else { continue }
            let type = (issn.attribute("pub-type") ?? issn.attribute("publication-format"))?.lowercased()
            let kind: ISSN.Kind = switch type {
            case "ppub", "print": .print
            case "epub", "electronic": .electronic
            default: .unknown
            }
            record.issns.append(ISSN(value, kind: kind))
        }
        for linking in journalMeta?.children("issn-l") ?? [] {
            if let value = EutilsXMLText.plain(linking) { record.issns.append(ISSN(value, kind: .linking)) }
        }

        record.date = publicationDate(meta?.children("pub-date") ?? [])
        record.volume = EutilsXMLText.plain(meta?.child("volume"))
        record.issue = EutilsXMLText.plain(meta?.child("issue"))
        if let first = EutilsXMLText.plain(meta?.child("fpage")) {
            record.pages = EutilsXMLText.plain(meta?.child("lpage")).map { $0 == first ? first : "\(first)-\($0)" } ?? first
        } else {
            record.pages = EutilsXMLText.plain(meta?.child("page-range"))
        }
        record.articleNumber = EutilsXMLText.plain(meta?.child("elocation-id"))

        record.abstract = abstract(meta?.children("abstract") ?? [])
        var seen: Set<String> = []
        for group in meta?.children("kwd-group") ?? [] {
            for keyword in group.children("kwd") {
                guard let text = EutilsXMLText.inline(keyword), seen.insert(text).inserted else { continue }
                record.keywords.append(text)
            }
        }
        if let type = Normalize.text(article.attribute("article-type")) { record.publicationTypes = [type] }
        if let language = Normalize.text(article.attribute("xml:lang")) { record.languages = [language] }
        return record
    }

    // MARK: Field helpers

    /// Authors of every `contrib-group` of the article metadata (`contrib-type="author"`, or no type).
    /// Affiliations come from `xref[@ref-type='aff']` pointing at an `aff` of the metadata, from an `aff`
    /// inside the contrib, or, when no author points at any affiliation, from every `aff` of the metadata.
    static func authors(_ meta: XMLNode?) -> [Author] {
        guard let meta else { return [] }
        let groups = meta.children("contrib-group")
        var affiliationsByID: [String: String] = [:]
        var sharedAffiliations: [String] = []
        for aff in meta.children("aff") + groups.flatMap({ $0.children("aff") })
            + meta.children("aff-alternatives").compactMap({ $0.child("aff") }) {
            guard let text = affiliation(aff) else { continue }
            if let id = aff.attribute("id") { affiliationsByID[id] = text }
            sharedAffiliations.append(text)
        }

        var authors: [Author] = []
        var anyLinked = false
        for contrib in groups.flatMap({ $0.children("contrib") }) {
            let type = contrib.attribute("contrib-type")?.lowercased()
            guard type == nil || type == "author" else { continue }
            var affiliations: [String] = []
            for xref in contrib.children("xref") where xref.attribute("ref-type") == "aff" {
                anyLinked = true
                for id in (xref.attribute("rid") ?? "").split(separator: " ") {
                    if let text = affiliationsByID[String(id)], !affiliations.contains(text) { affiliations.append(text) }
                }
            }
            for aff in contrib.children("aff") {
                anyLinked = true
                if let text = affiliation(aff), !affiliations.contains(text) { affiliations.append(text) }
            }
            let orcid = contrib.children("contrib-id")
                .first { $0.attribute("contrib-id-type")?.lowercased() == "orcid" }
                .flatMap { EutilsXMLText.orcid($0.rawText) }

            let names = contrib.children("name")
                + (contrib.child("name-alternatives")?.children("name") ?? [])
            if let name = names.first, let family = EutilsXMLText.inline(name.child("surname")) {
                let alternates = names.dropFirst().compactMap { other -> String? in
                    let parts = [EutilsXMLText.inline(other.child("surname")), EutilsXMLText.inline(other.child("given-names"))]
                        .compactMap { $0 }
                    return parts.isEmpty ? nil : parts.joined(separator: ", ")
                }
                authors.append(Author(
                    family: family, given: EutilsXMLText.inline(name.child("given-names")), orcid: orcid,
                    affiliations: affiliations, alternateNames: alternates
                ))
            } else if let collective = EutilsXMLText.inline(contrib.child("collab"), skipping: ["contrib-group", "xref", "fn"])
                ?? EutilsXMLText.inline(contrib.child("string-name"), skipping: ["xref"]) {
                var author = Author(literal: collective, affiliations: affiliations)
                author.orcid = orcid
                authors.append(author)
            }
        }
        if !anyLinked, !sharedAffiliations.isEmpty {
            for index in authors.indices where authors[index].affiliations.isEmpty {
                authors[index].affiliations = sharedAffiliations
            }
        }
        return authors
    }

    /// The text of an `aff` without its label (`<label>`, or a leading `<sup>` used as one); parts that are
    /// separate elements with only whitespace between (`<institution>`, `<country>`) are joined with ", ".
    static func affiliation(_ aff: XMLNode) -> String? {
        var out = ""
        var previousWasElement = false
        var sawContent = false
        for part in EutilsXMLText.mixedContent(of: aff) {
            let name = part.localName
            let isText = name == "text" && part.children.isEmpty
            if isText {
                let text = part.rawText
                if Normalize.text(text) == nil { continue }
                out += text
                previousWasElement = false
                sawContent = true
                continue
            }
            if name == "label" || name == "institution-id" || (!sawContent && name == "sup") { continue }
            guard let text = EutilsXMLText.inline(part, skipping: ["institution-id"]) else { continue }
            out += previousWasElement ? ", " : " "
            out += text
            previousWasElement = true
            sawContent = true
        }
        return Normalize.text(out)
    }

    /// The issue's publication date: print (`ppub`, `epub-ppub`, or `date-type="pub"` in print format), then
    /// electronic (`epub`), then `collection`, then any other `pub-date` except PMC release dates.
    static func publicationDate(_ dates: [XMLNode]) -> PublicationDate? {
        func rank(_ node: XMLNode) -> Int {
            let type = (node.attribute("pub-type") ?? node.attribute("date-type"))?.lowercased()
            let format = node.attribute("publication-format")?.lowercased()
            switch type {
            case "ppub", "epub-ppub": return 0
            case "pub" where format == "print": return 0
            case "epub": return 1
            case "pub" where format == "electronic": return 1
            case "pub": return 1
            case "collection": return 2
            case "pmc-release", "nihms-submitted", "pmcrelease": return 9
            default: return 3
            }
        }
        let ordered = dates.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
        for (_, node) in ordered where rank(node) < 9 {
            if let date = jatsDate(node) { return date }
        }
        return nil
    }

    private static func jatsDate(_ node: XMLNode) -> PublicationDate? {
        guard let year = Normalize.year(in: EutilsXMLText.plain(node.child("year")) ?? EutilsXMLText.plain(node.child("string-date")))
        else { return nil }
        if let season = EutilsXMLText.plain(node.child("season")) {
            let month = season.first?.isLetter == true ? Normalize.month(season) : nil
            return PublicationDate(year: year, month: month, text: season)
        }
        let month = Normalize.month(EutilsXMLText.plain(node.child("month")))
        let day = EutilsXMLText.plain(node.child("day")).flatMap { Int($0) }
        return PublicationDate(year: year, month: month, day: day)
    }

    /// The main abstract: one without `abstract-type`, else one that is not graphical/teaser/short, else the
    /// first. Sections (`sec` with `title`) become `TITLE: text` paragraphs joined by blank lines.
    static func abstract(_ abstracts: [XMLNode]) -> String? {
        let secondary: Set<String> = ["graphical", "teaser", "toc", "short", "web-summary", "summary", "precis"]
        let chosen = abstracts.first { $0.attribute("abstract-type") == nil }
            ?? abstracts.first { !secondary.contains($0.attribute("abstract-type")?.lowercased() ?? "") }
            ?? abstracts.first
        guard let chosen else { return nil }
        let paragraphs = sectionParagraphs(chosen)
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    private static func sectionParagraphs(_ node: XMLNode) -> [String] {
        var paragraphs: [String] = []
        for child in node.children {
            switch child.localName {
            case "title", "label", "object-id":
                continue
            case "sec":
                let body = sectionParagraphs(child)
                guard !body.isEmpty else { continue }
                if let title = EutilsXMLText.inline(child.child("title")) {
                    paragraphs.append("\(title): " + body.joined(separator: " "))
                } else {
                    paragraphs.append(contentsOf: body)
                }
            default:
                if let text = EutilsXMLText.inline(child) { paragraphs.append(text) }
            }
        }
        return paragraphs
    }
}
