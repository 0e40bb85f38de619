/// The identifier schemes that name the same record in another database: importers and connectors write
/// them into ``Record/identifiers`` under these names, and deduplication treats a shared value as strong
/// evidence of one study. Values are kept as the source wrote them, trimmed (the matcher normalises case).
package enum CrossReference {
    /// Embase accession number, `L` followed by digits (Embase RIS `U2`, Ovid Embase `AN`).
    package static let embase = "embase"
    /// Web of Science accession number, `WOS:…` (also BIOSIS `BIOSIS:PREV…`, Zoological Record `ZOOREC:…`).
    package static let webOfScience = "wos"
    /// Scopus EID, `2-s2.0-…`.
    package static let scopus = "scopus"
    /// Cochrane CENTRAL accession, `CN-…`.
    package static let central = "cochrane"
    /// CINAHL and other EBSCOhost accession numbers.
    package static let ebsco = "ebsco"
    /// ProQuest document id (the `docview/NNN` number).
    package static let proquest = "proquest"
    /// ClinicalTrials.gov registration, `NCT` and eight digits.
    package static let clinicalTrials = "nct"
    /// Other trial registrations (ISRCTN, ACTRN, ChiCTR, EudraCT, …) as the source wrote them.
    package static let trialRegistration = "trial-registration"
    /// KCI article id, `ART…`.
    package static let kci = "kci"
    /// Korean Universal Content Identifier.
    package static let uci = "uci"
    /// ScienceON (NDSL) control number, `CN…` / `JAKO…`.
    package static let scienceON = "scienceon-article"
    /// KoreaMed id (KMID).
    package static let koreaMed = "kmid"
    /// OpenAlex work id, `W…`.
    package static let openAlex = "openalex"
    /// Europe PMC preprint or other source id, `PPR…`.
    package static let europePMC = "europepmc"
    /// PubMed id when a source gives it only as a cross-reference (``Record/pmid`` is the primary place).
    package static let pubmed = "pmid"
    /// PMC id (``Record/pmcid`` is the primary place).
    package static let pmc = "pmcid"

    /// Every scheme above.
    package static let all: [String] = [
        embase, webOfScience, scopus, central, ebsco, proquest, clinicalTrials, trialRegistration, kci, uci,
        scienceON, koreaMed, openAlex, europePMC, pubmed, pmc,
    ]
}
