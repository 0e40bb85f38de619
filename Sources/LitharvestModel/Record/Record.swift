/// One bibliographic record, normalized from whatever a database returned. Every database's connector
/// fills the fields it has; empty strings never stand for "unknown" (nil and empty arrays do).
package struct Record: Sendable, Hashable, Codable {
    /// Connector id of the database the record came from (`pubmed`, `kci`, …).
    package var database: String
    /// The database's own identifier (PMID, KCI `ART…`, RISS control number, …).
    package var nativeID: String

    /// Title in the language the source gives first (markup text kept, whitespace normalized).
    package var title: String?
    /// The title in another language (PubMed `VernacularTitle`, a Korean record's English title, …).
    package var otherTitle: String?
    /// Authors in order.
    package var authors: [Author]
    /// Full journal (or series/book) title.
    package var journal: String?
    /// Journal abbreviation (ISO/NLM).
    package var journalAbbreviation: String?
    /// ISSNs with their kind where known.
    package var issns: [ISSN]
    /// Publication date (at least the year when known).
    package var date: PublicationDate?
    /// Volume, as printed.
    package var volume: String?
    /// Issue, as printed.
    package var issue: String?
    /// Pages as given by the source (`221-8`, `e1002`); see ``Pages`` for the expanded form.
    package var pages: String?
    /// Electronic location id (article number) when there are no pages.
    package var articleNumber: String?
    /// Normalized DOI: lower-cased, no `https://doi.org/` or `doi:` prefix.
    package var doi: String?
    /// PubMed id.
    package var pmid: String?
    /// PubMed Central id with its `PMC` prefix.
    package var pmcid: String?
    /// Abstract; structured abstracts keep `LABEL: text` paragraphs separated by blank lines.
    package var abstract: String?
    /// The abstract in another language, when the source gives two (a Korean record's English abstract,
    /// ScienceON's `Abstract2`); it is the language of ``otherTitle`` where the source says so.
    package var otherAbstract: String?
    /// Author keywords.
    package var keywords: [String]
    /// Controlled vocabulary terms (MeSH and the like).
    package var subjects: [SubjectTerm]
    /// Languages (ISO 639 codes or the source's names), first is the main one.
    package var languages: [String]
    /// Publication types as the source names them.
    package var publicationTypes: [String]
    /// A link to the record's landing page in its database.
    package var url: String?
    /// Other identifiers the source gives (PII, book accession, Cochrane C3 ids, …), for dedup and export.
    package var identifiers: [RecordIdentifier]
    /// The publisher (a Korean journal's society, a report's issuing body), as the source names it.
    package var publisher: String?
    /// People credited other than as authors, each with its ``Author/role`` (a report's participating
    /// researchers); nil when there are none, so records without them encode as before.
    package var contributors: [Author]?

    /// Creates a record; only the database and native id are required.
    package init(
        database: String, nativeID: String, title: String? = nil, otherTitle: String? = nil,
        authors: [Author] = [], journal: String? = nil, journalAbbreviation: String? = nil, issns: [ISSN] = [],
        date: PublicationDate? = nil, volume: String? = nil, issue: String? = nil, pages: String? = nil,
        articleNumber: String? = nil, doi: String? = nil, pmid: String? = nil, pmcid: String? = nil,
        abstract: String? = nil, keywords: [String] = [], subjects: [SubjectTerm] = [], languages: [String] = [],
        publicationTypes: [String] = [], url: String? = nil, identifiers: [RecordIdentifier] = [],
        otherAbstract: String? = nil, publisher: String? = nil
    ) {
        self.database = database
        self.nativeID = nativeID
        self.title = title
        self.otherTitle = otherTitle
        self.authors = authors
        self.journal = journal
        self.journalAbbreviation = journalAbbreviation
        self.issns = issns
        self.date = date
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.articleNumber = articleNumber
        self.doi = doi
        self.pmid = pmid
        self.pmcid = pmcid
        self.abstract = abstract
        self.keywords = keywords
        self.subjects = subjects
        self.languages = languages
        self.publicationTypes = publicationTypes
        self.url = url
        self.identifiers = identifiers
        self.otherAbstract = otherAbstract
        self.publisher = publisher
    }

    /// The publication year, if known.
    package var year: Int? { date?.year }
}
