import LitharvestModel

/// A record reduced to the comparison forms the matching rules read, computed once per record.
struct Fingerprint: Sendable {
    /// Title forms: the title and the other-language title, either may be missing.
    var titles: [[UInt8]]
    var year: Int?
    var authors: [AuthorForm]
    var journals: [[[UInt8]]]
    var volume: [UInt8]
    var issue: [UInt8]
    var pages: PageSpan?
    var doi: String?
    var pmid: String?
    /// Hashes of identifiers that name one record in one database (`pubmed:123`, `kci:art001`, the DOI).
    var identifiers: [UInt64]

    init(_ record: Record) {
        titles = [MatchText.title(record.title), MatchText.title(record.otherTitle)].filter { !$0.isEmpty }
        year = record.year
        authors = MatchText.authors(record.authors)
        journals = [MatchText.journalWords(record.journal), MatchText.journalWords(record.journalAbbreviation)]
            .filter { !$0.isEmpty }
        volume = MatchText.number(record.volume)
        issue = MatchText.number(record.issue)
        pages = MatchText.pageSpan(record.pages ?? record.articleNumber)
        doi = Normalize.doi(record.doi)
        pmid = record.pmid ?? record.identifiers.first { $0.scheme.lowercased() == "pmid" }?.value
        var keys: [String] = ["\(Self.scheme(record.database)):\(record.nativeID.lowercased())"]
        if let doi { keys.append("doi:\(doi)") }
        if let pmid = record.pmid { keys.append("pubmed:\(pmid)") }
        if let pmcid = Normalize.pmcid(record.pmcid) { keys.append("pmc:\(pmcid.lowercased())") }
        for identifier in record.identifiers where !Self.isSharedBetweenWorks(identifier.scheme.lowercased()) {
            let value = identifier.value.trimmingCharacters(in: .whitespaces).lowercased()
            guard !value.isEmpty else { continue }
            if identifier.scheme.lowercased() == "doi", let doi = Normalize.doi(value) {
                keys.append("doi:\(doi)")
            } else {
                keys.append("\(Self.scheme(identifier.scheme)):\(value)")
            }
        }
        identifiers = Array(Set(keys.map { StableHash.of(Array($0.utf8), seed: 1) }))
    }

    /// Schemes that name a journal, book, series, shelf or batch rather than one work, or hold a library's
    /// own label (EndNote's `caption`, often "Duplicate"; CENTRAL's issue and date added): they never make
    /// records the same.
    private static let sharedBetweenWorks: Set<String> = [
        "isbn", "issn", "eissn", "lccn", "nlmuniqueid", "caption", "central-issue", "central-added", "nal-call-number",
        "url", "ctgov-status", "ctgov-start-date", "ctgov-completion-date", "ctgov-last-update-posted",
    ]

    /// Whether `scheme` (lower case) never makes records the same: the schemes above, and a trial
    /// registration's cited papers (`reference-pmid-result`, `-background`, …), which are other reports
    /// than the registration and are often cited by several trials.
    private static func isSharedBetweenWorks(_ scheme: String) -> Bool {
        sharedBetweenWorks.contains(scheme) || scheme.hasPrefix("reference-")
    }

    /// One spelling per id scheme: a Cochrane `C3` PubMed id (scheme `pmid`) matches a PubMed record's native id.
    private static func scheme(_ name: String) -> String {
        switch name.lowercased() {
        case "pmid", "pubmed", "medline": return "pubmed"
        case "pmcid", "pmc": return "pmc"
        case "kci", "kciid", "art": return "kci"
        case "nct", "ctgov": return "nct"
        default: return name.lowercased()
        }
    }
}

/// FNV-1a, stable across runs and platforms (Swift's `Hasher` is seeded per process).
enum StableHash {
    static func of(_ bytes: some Sequence<UInt8>, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ seed &* 0x9E37_79B9_7F4A_7C15
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
