package import LitharvestModel

/// Chooses and completes a cluster's representative.
///
/// Preference order: the member with the most filled fields (title, other-language title, authors, journal,
/// year, volume, issue, pages, DOI, PMID, PMCID, abstract); on a tie, a record from PubMed, then PMC, then
/// any other database; then the earliest member (first harvested or first in the input).
package enum Representative {
    /// Input index of the preferred member of `members`.
    package static func choose(_ members: [Int], in records: [Record]) -> Int {
        members.min { rank(records[$0], $0) < rank(records[$1], $1) } ?? members[0]
    }

    /// The representative with every field it lacks taken from the other members (in member order), and
    /// every member's database and native id added to its identifiers, so an export loses nothing.
    package static func merged(_ representative: Record, with others: [Record]) -> Record {
        var merged = representative
        for other in others {
            merged.title = merged.title ?? other.title
            merged.otherTitle = merged.otherTitle ?? other.otherTitle
            if merged.authors.isEmpty { merged.authors = other.authors }
            merged.journal = merged.journal ?? other.journal
            merged.journalAbbreviation = merged.journalAbbreviation ?? other.journalAbbreviation
            if merged.issns.isEmpty { merged.issns = other.issns }
            merged.date = merged.date ?? other.date
            merged.volume = merged.volume ?? other.volume
            merged.issue = merged.issue ?? other.issue
            merged.pages = merged.pages ?? other.pages
            merged.articleNumber = merged.articleNumber ?? other.articleNumber
            merged.doi = merged.doi ?? other.doi
            merged.pmid = merged.pmid ?? other.pmid
            merged.pmcid = merged.pmcid ?? other.pmcid
            merged.abstract = merged.abstract ?? other.abstract
            merged.otherAbstract = merged.otherAbstract ?? other.otherAbstract
            merged.publisher = merged.publisher ?? other.publisher
            if merged.keywords.isEmpty { merged.keywords = other.keywords }
            if merged.subjects.isEmpty { merged.subjects = other.subjects }
            if merged.languages.isEmpty { merged.languages = other.languages }
            if merged.publicationTypes.isEmpty { merged.publicationTypes = other.publicationTypes }
            merged.url = merged.url ?? other.url
            let member = RecordIdentifier(scheme: other.database, value: other.nativeID)
            if !merged.identifiers.contains(member) { merged.identifiers.append(member) }
            for identifier in other.identifiers where !merged.identifiers.contains(identifier) {
                merged.identifiers.append(identifier)
            }
        }
        return merged
    }

    private static func rank(_ record: Record, _ index: Int) -> (Int, Int, Int) {
        // No filtered copy and no dictionary: this runs for every member of every cluster.
        var filled = 0
        for isFilled in [
            record.title != nil, record.otherTitle != nil, !record.authors.isEmpty, record.journal != nil,
            record.date != nil, record.volume != nil, record.issue != nil, record.pages != nil, record.doi != nil,
            record.pmid != nil, record.pmcid != nil, record.abstract != nil,
        ] where isFilled { filled += 1 }
        let source = switch record.database {
        case "pubmed": 0
        case "pmc": 1
        default: 2
        }
        return (-filled, source, index)
    }
}
