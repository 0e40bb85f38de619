import Foundation
import LitharvestCore
import LitharvestModel

/// One OpenAlex work object mapped to a ``Record``. The ids OpenAlex links (DOI, PMID, PMCID, MAG and its own
/// `W…`) become the record's `doi`/`pmid`/`pmcid` and cross-references, so deduplication joins the work to the
/// same article found in PubMed, PMC or Crossref.
enum OpenAlexWork {
    /// A mapped work with what was odd about it.
    struct Mapped {
        var record: Record
        /// Warnings about this work (authors cut off in a list answer, an unreadable abstract index).
        var notes: [String]
    }

    /// Why a work could not be mapped.
    struct Problem: Error {
        var message: String
    }

    static let workPrefix = "https://openalex.org/"

    /// Maps `work`; a work without a usable `id` is a problem, anything else missing is left nil.
    static func record(from work: [String: Any]) -> Result<Mapped, Problem> {
        guard let url = string(work["id"]), let id = openAlexID(url) else {
            return .failure(Problem(message: "a work without an OpenAlex id (`id`) skipped"))
        }
        var notes: [String] = []
        var record = Record(
            database: OpenAlexConnector.descriptor.id, nativeID: id,
            title: Normalize.text(string(work["title"]) ?? string(work["display_name"])),
            url: workPrefix + id)
        let ids = work["ids"] as? [String: Any] ?? [:]
        record.doi = Normalize.doi(string(work["doi"]) ?? string(ids["doi"]))
        record.pmid = pmid(string(ids["pmid"]))
        record.pmcid = pmcid(string(ids["pmcid"]))
        record.identifiers.append(RecordIdentifier(scheme: CrossReference.openAlex, value: id))
        if let mag = string(ids["mag"]) { record.identifiers.append(RecordIdentifier(scheme: "mag", value: mag)) }

        record.authors = (work["authorships"] as? [[String: Any]] ?? []).compactMap(author)
        if work["is_authors_truncated"] as? Bool == true {
            notes.append("work \(id): OpenAlex lists only the first \(record.authors.count) authors in list answers")
        }

        let location = work["primary_location"] as? [String: Any]
        if let source = location?["source"] as? [String: Any] {
            record.journal = Normalize.text(string(source["display_name"]))
            record.publisher = Normalize.text(string(source["host_organization_name"]))
            let linking = string(source["issn_l"])
            var issns = linking.map { [ISSN($0, kind: .linking)] } ?? []
            for value in strings(source["issn"]) where value != linking { issns.append(ISSN(value)) }
            record.issns = issns
        }

        record.date = date(string(work["publication_date"]), year: integer(work["publication_year"]))
        if let biblio = work["biblio"] as? [String: Any] {
            record.volume = string(biblio["volume"])
            record.issue = string(biblio["issue"])
            record.pages = pages(first: string(biblio["first_page"]), last: string(biblio["last_page"]))
        }
        switch abstract(work["abstract_inverted_index"]) {
        case .success(let text): record.abstract = text
        case .failure(let problem): notes.append("work \(id): \(problem.message)")
        }
        record.keywords = (work["keywords"] as? [[String: Any]] ?? []).compactMap { string($0["display_name"]) }
        record.subjects = mesh(work["mesh"] as? [[String: Any]] ?? [])
        record.languages = string(work["language"]).map { [$0] } ?? []
        record.publicationTypes = [string(work["type"]), string(work["type_crossref"])].compactMap { $0 }
            .reduce(into: [String]()) { types, type in if !types.contains(type) { types.append(type) } }
        return .success(Mapped(record: record, notes: notes))
    }

    /// `W2741809807` from `https://openalex.org/W2741809807` (or the bare id).
    static func openAlexID(_ value: String) -> String? {
        let id = value.hasPrefix(workPrefix) ? String(value.dropFirst(workPrefix.count)) : value
        guard id.count > 1, id.first == "W", id.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        return id
    }

    /// The abstract from `abstract_inverted_index` (each word with the positions it takes), words joined by
    /// single spaces in position order; nil without an index. A position held by two words, or positions
    /// with gaps, mean the index is not what OpenAlex documents: the abstract is then left out with a note.
    static func abstract(_ value: Any?) -> Result<String?, Problem> {
        guard let index = value as? [String: Any], !index.isEmpty else { return .success(nil) }
        var words: [Int: String] = [:]
        for (word, positions) in index {
            guard let positions = positions as? [Any] else {
                return .failure(Problem(message: "abstract index entry '\(word)' has no positions; abstract left out"))
            }
            for position in positions {
                guard let number = integer(position), number >= 0 else {
                    return .failure(Problem(message: "abstract index position of '\(word)' is not a number; abstract left out"))
                }
                if let other = words.updateValue(word, forKey: number) {
                    return .failure(Problem(
                        message: "abstract index gives position \(number) to both '\(other)' and '\(word)'; abstract left out"))
                }
            }
        }
        let count = words.count
        guard words.keys.max() == count - 1 else {
            return .failure(Problem(message: "abstract index has gaps (\(count) words up to position \(words.keys.max() ?? 0)); abstract left out"))
        }
        return .success(Normalize.text((0..<count).compactMap { words[$0] }.joined(separator: " ")))
    }

    /// An authorship: `author.display_name` split into given names and family name at the last space (OpenAlex
    /// gives display order, "Heather Piwowar"), ORCID bare, affiliations as written.
    private static func author(_ authorship: [String: Any]) -> Author? {
        let person = authorship["author"] as? [String: Any] ?? [:]
        guard let name = Normalize.text(string(person["display_name"]) ?? string(authorship["raw_author_name"])) else {
            return nil
        }
        let affiliations = strings(authorship["raw_affiliation_strings"])
        let orcid = string(person["orcid"]).map { $0.replacingOccurrences(of: "https://orcid.org/", with: "") }
        // An authorship without an author id is a name OpenAlex did not match to a person (groups, consortia).
        guard person["id"] is String, let space = name.lastIndex(of: " ") else {
            return Author(literal: name, affiliations: affiliations)
        }
        let given = String(name[..<space]).trimmingCharacters(in: .whitespaces)
        let family = String(name[name.index(after: space)...])
        return Author(family: family, given: given.isEmpty ? nil : given, orcid: orcid, affiliations: affiliations)
    }

    /// MeSH headings: one term per descriptor, its qualifiers gathered from the rows OpenAlex repeats per pair.
    private static func mesh(_ rows: [[String: Any]]) -> [SubjectTerm] {
        var terms: [SubjectTerm] = []
        for row in rows {
            guard let name = string(row["descriptor_name"]) else { continue }
            let major = row["is_major_topic"] as? Bool ?? false
            if !terms.contains(where: { $0.term == name }) {
                terms.append(SubjectTerm(term: name, identifier: string(row["descriptor_ui"]), scheme: "MeSH"))
            }
            guard let index = terms.firstIndex(where: { $0.term == name }) else { continue }
            if let qualifier = string(row["qualifier_name"]) {
                terms[index].qualifiers.append(
                    SubjectTerm.Qualifier(name: qualifier, identifier: string(row["qualifier_ui"]), isMajor: major))
            } else if major {
                terms[index].isMajor = true
            }
        }
        return terms
    }

    private static func date(_ text: String?, year: Int?) -> PublicationDate? {
        let parts = (text ?? "").split(separator: "-").map { Int($0) }
        if parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] {
            return PublicationDate(year: y, month: m, day: d)
        }
        return year.map { PublicationDate(year: $0) }
    }

    private static func pages(first: String?, last: String?) -> String? {
        guard let first else { return last }
        guard let last, last != first else { return first }
        return "\(first)-\(last)"
    }

    /// The PMID from `https://pubmed.ncbi.nlm.nih.gov/29456894`.
    private static func pmid(_ value: String?) -> String? {
        guard let value else { return nil }
        let digits = String(value.split(separator: "/").last ?? "")
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? digits : nil
    }

    /// `PMC5815332` from `https://www.ncbi.nlm.nih.gov/pmc/articles/5815332`.
    private static func pmcid(_ value: String?) -> String? {
        guard let value else { return nil }
        return Normalize.pmcid(String(value.split(separator: "/").last ?? ""))
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: Normalize.text(text)
        case let number as NSNumber where !(value is Bool): number.stringValue
        default: nil
        }
    }

    static func strings(_ value: Any?) -> [String] {
        (value as? [Any] ?? []).compactMap { string($0) }
    }

    static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as NSNumber: number.intValue
        default: nil
        }
    }
}
