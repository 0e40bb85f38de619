import Foundation
import LitharvestCore
import LitharvestModel

/// One Europe PMC result (`resultType=core`, or the flatter `lite`) as a record.
///
/// The native id is `SOURCE:id` (`MED:39709209`, `PPR:PPR123456`, `AGR:AGR123`), because Europe PMC's `id` is
/// unique only within its source. The ids that name the same work elsewhere go where deduplication reads them:
/// the PMID into ``Record/pmid`` (a `MED` record's `id` is its PMID), the PMCID into ``Record/pmcid``, the DOI,
/// and a preprint's `PPR…` id under ``CrossReference/europePMC``. So a Europe PMC record and the same article
/// harvested from PubMed or PMC fall into one cluster.
enum EuropePMCRecordMapper {
    /// The sources Europe PMC searches (`SRC:` values).
    static let knownSources: Set<String> = ["MED", "PMC", "PPR", "AGR", "CBA", "CTX", "ETH", "HIR", "NBK", "PAT"]

    /// The record for `result`.
    ///
    /// - Throws: ``ConnectorError/Kind/unexpectedResponse`` when the result has no `id` or `source`.
    static func record(_ result: [String: Any]) throws -> Record {
        guard let id = JSONValue.string(result["id"]) else {
            throw ConnectorError(.unexpectedResponse, "it has no id")
        }
        guard let source = JSONValue.string(result["source"])?.uppercased() else {
            throw ConnectorError(.unexpectedResponse, "record \(id) has no source")
        }
        var record = Record(
            database: EuropePMCConnector.descriptor.id, nativeID: "\(source):\(id)",
            title: SourceText.plain(JSONValue.string(result["title"])))
        record.url = "https://europepmc.org/article/\(source)/\(id)"

        record.pmid = JSONValue.string(result["pmid"]) ?? (source == "MED" && id.allSatisfy(\.isASCIIDigit) ? id : nil)
        record.pmcid = Normalize.pmcid(JSONValue.string(result["pmcid"])) ?? (source == "PMC" ? Normalize.pmcid(id) : nil)
        record.doi = Normalize.doi(JSONValue.string(result["doi"]))
        if source == "PPR" {
            record.identifiers.append(RecordIdentifier(scheme: CrossReference.europePMC, value: id))
        }

        record.authors = authors(result)
        readJournal(result, into: &record)
        record.pages = JSONValue.string(result["pageInfo"])
        record.date = date(result)
        record.abstract = abstract(JSONValue.string(result["abstractText"]))
        record.keywords = JSONValue.strings(result, "keywordList", "keyword")
        record.subjects = JSONValue.objects(result, "meshHeadingList", "meshHeading").compactMap(subject)
        record.languages = JSONValue.string(result["language"]).map { [$0] } ?? []
        var types = JSONValue.strings(result, "pubTypeList", "pubType")
        if types.isEmpty, let lite = JSONValue.string(result["pubType"]) {
            types = lite.split(separator: ";").compactMap { Normalize.text(String($0)) }
        }
        record.publicationTypes = types
        return record
    }

    /// `authorList.author` (core: names split, ORCID, affiliations; collective names kept whole), else the
    /// `authorString` (lite: `Family Initials, …` ending in a full stop).
    static func authors(_ result: [String: Any]) -> [Author] {
        let listed = JSONValue.objects(result, "authorList", "author")
        if !listed.isEmpty {
            return listed.compactMap { entry -> Author? in
                let affiliations = JSONValue.objects(entry, "authorAffiliationDetailsList", "authorAffiliation")
                    .compactMap { JSONValue.string($0["affiliation"]) }
                var orcid: String?
                if let id = entry["authorId"] as? [String: Any], JSONValue.string(id["type"])?.uppercased() == "ORCID" {
                    orcid = JSONValue.string(id["value"])
                }
                if let family = JSONValue.string(entry["lastName"]) {
                    return Author(
                        family: family, given: JSONValue.string(entry["firstName"]),
                        initials: JSONValue.string(entry["initials"]), orcid: orcid, affiliations: affiliations)
                }
                guard let name = JSONValue.string(entry["collectiveName"]) ?? JSONValue.string(entry["fullName"]) else {
                    return nil
                }
                var author = Author(literal: name, affiliations: affiliations)
                author.orcid = orcid
                return author
            }
        }
        guard var names = JSONValue.string(result["authorString"]) else { return [] }
        if names.hasSuffix(".") { names.removeLast() }
        return names.split(separator: ",").compactMap { part -> Author? in
            guard let name = Normalize.text(String(part)) else { return nil }
            let words = name.split(separator: " ")
            // `Schoenfeld JD`: the last word is the initials when it is all capitals.
            if words.count >= 2, let last = words.last, last.allSatisfy({ $0.isUppercase }) {
                return Author(family: words.dropLast().joined(separator: " "), initials: String(last))
            }
            return Author(literal: name)
        }
    }

    /// Journal, abbreviation, ISSNs, volume and issue from `journalInfo` (core), the flat `journalTitle`,
    /// `journalVolume`, `issue` and `journalIssn` (lite), and a preprint server from `bookOrReportDetails`.
    static func readJournal(_ result: [String: Any], into record: inout Record) {
        if let info = result["journalInfo"] as? [String: Any] {
            let journal = info["journal"] as? [String: Any] ?? [:]
            record.journal = JSONValue.string(journal["title"])
            record.journalAbbreviation =
                JSONValue.string(journal["isoabbreviation"]) ?? JSONValue.string(journal["medlineAbbreviation"])
            if let issn = JSONValue.string(journal["issn"]) { record.issns.append(ISSN(issn.uppercased(), kind: .print)) }
            if let essn = JSONValue.string(journal["essn"]) {
                record.issns.append(ISSN(essn.uppercased(), kind: .electronic))
            }
            record.volume = JSONValue.string(info["volume"])
            record.issue = JSONValue.string(info["issue"])
        } else {
            record.journal = JSONValue.string(result["journalTitle"])
            record.volume = JSONValue.string(result["journalVolume"])
            record.issue = JSONValue.string(result["issue"])
            for value in (JSONValue.string(result["journalIssn"]) ?? "").split(separator: ";") {
                if let issn = Normalize.text(String(value)) { record.issns.append(ISSN(issn.uppercased())) }
            }
        }
        if let details = result["bookOrReportDetails"] as? [String: Any], let publisher = JSONValue.string(details["publisher"]) {
            record.publisher = publisher
            // A preprint's server (bioRxiv, medRxiv, Research Square) is where it was published.
            if record.journal == nil { record.journal = publisher }
        }
    }

    /// The journal issue's year and month (core), else `pubYear`, else the first publication date (preprints).
    static func date(_ result: [String: Any]) -> PublicationDate? {
        if let info = result["journalInfo"] as? [String: Any], let year = JSONValue.integer(info["yearOfPublication"]) {
            return PublicationDate(
                year: year, month: JSONValue.integer(info["monthOfPublication"]),
                text: JSONValue.string(info["dateOfPublication"]))
        }
        if let year = JSONValue.integer(result["pubYear"]) { return PublicationDate(year: year) }
        if let first = JSONValue.string(result["firstPublicationDate"]), let date = SimpleDate(parsing: first) {
            return PublicationDate(year: date.year, month: date.month, day: date.day)
        }
        return nil
    }

    /// `abstractText` as plain text; the `<h4>Label</h4>` headings of a structured abstract become
    /// `LABEL: text` paragraphs separated by blank lines, as PubMed's structured abstracts are kept.
    static func abstract(_ html: String?) -> String? {
        guard let html else { return nil }
        guard html.contains("<h4>") else { return SourceText.plain(html) }
        var paragraphs: [String] = []
        for part in html.components(separatedBy: "<h4>") {
            guard let end = part.range(of: "</h4>") else {
                if let text = SourceText.plain(part) { paragraphs.append(text) }
                continue
            }
            let label = SourceText.plain(String(part[..<end.lowerBound]))
            let text = SourceText.plain(String(part[end.upperBound...]))
            switch (label, text) {
            case let (label?, text?): paragraphs.append("\(label.uppercased()): \(text)")
            case let (nil, text?): paragraphs.append(text)
            case let (label?, nil): paragraphs.append(label.uppercased())
            case (nil, nil): break
            }
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    /// A MeSH heading with its qualifiers and major-topic flags.
    static func subject(_ heading: [String: Any]) -> SubjectTerm? {
        guard let term = JSONValue.string(heading["descriptorName"]) else { return nil }
        let qualifiers = JSONValue.objects(heading, "meshQualifierList", "meshQualifier").compactMap { qualifier in
            JSONValue.string(qualifier["qualifierName"]).map {
                SubjectTerm.Qualifier(name: $0, isMajor: JSONValue.string(qualifier["majorTopic_YN"]) == "Y")
            }
        }
        return SubjectTerm(
            term: term, isMajor: JSONValue.string(heading["majorTopic_YN"]) == "Y", qualifiers: qualifiers, scheme: "MeSH")
    }
}
