/// The pairwise decision: identifier-first, each identifier guarded by the title and year; then title
/// similarity backed by authors, year and the bibliographic details. Conservative by design — a false merge
/// loses a study from screening, a missed duplicate costs a second look — so anything uncertain is "maybe".
enum MatchRules {
    enum Verdict: Equatable {
        case duplicate
        case maybe(String)
        case distinct
    }

    /// A title form shorter than this (`Editorial`, `Reply to the letter`) needs bibliographic support.
    static let shortTitle = 30
    /// Titles at least this similar are candidates for merging.
    static let mergeTitle = 0.93
    /// Titles at least this similar, but not merged, go to review.
    static let reviewTitle = 0.85
    /// Titles at least this similar differ only by a typo or two (`hemoglobinuria` / `hemoglobinura`).
    static let nearlySame = 0.97
    /// Titles at least this similar can be one article's when journal, volume, year and page range agree.
    static let looseTitle = 0.5

    static func judge(_ a: Fingerprint, _ b: Fingerprint) -> Verdict {
        let title = titleSimilarity(a, b)
        let sharesIdentifier = a.identifiers.contains { b.identifiers.contains($0) }
        let yearGap = a.year.flatMap { first in b.year.map { abs(first - $0) } }
        let sameVolume = !a.volume.isEmpty && a.volume == b.volume
        if yearGap == 0 && sameVolume, let pages = a.pages, pages.last > pages.first, pages == b.pages,
            sameArticleSpan(a, b)
        {
            // Same journal, volume, year and page range of several pages: one article, whatever each database
            // made of its title (a translated title, a different subtitle).
            return .duplicate
        }
        // Most candidate pairs only share a title's first or last letters: settle them before the rest.
        if !sharesIdentifier && (title ?? 0) < reviewTitle && !titleContained(a, b) { return .distinct }
        let authorShare = authorAgreement(a.authors, b.authors)
        let authorsAgree = authorShare.map { $0 >= 0.5 } ?? true
        // Two different PMIDs (or DOIs) are two entries their registry keeps apart.
        let pmidConflict = a.pmid != nil && b.pmid != nil && a.pmid != b.pmid
        let doiConflict = a.doi != nil && b.doi != nil && a.doi != b.doi || pmidConflict
        let shifted = fieldsShifted(a, b) || fieldsShifted(b, a)
        let volumeConflict = !a.volume.isEmpty && !b.volume.isEmpty && a.volume != b.volume
        let samePage = a.pages.flatMap { x in b.pages.map { x.sharesAnEnd(with: $0) } } == true
        let pageConflict = !shifted && !samePage && a.pages.flatMap { x in b.pages.map { !x.nests(with: $0) } } == true
        let journalsAgree = Self.journalsAgree(a, b)
        var support = 0
        if sameVolume || shifted { support += 1 }
        if samePage { support += 1 }
        if !a.issue.isEmpty && a.issue == b.issue { support += 1 }
        if journalsAgree { support += 1 }
        let yearsApart = (yearGap ?? 0) > 1
        let numbersDiffer = title.map { $0 >= reviewTitle && $0 < 1 } == true && titleNumbersDiffer(a, b)
        let conflictCount = [doiConflict, volumeConflict, pageConflict, yearsApart, !authorsAgree, numbersDiffer]
            .filter { $0 }.count
        // Built only for the pairs that go to review: most candidate pairs are plainly distinct.
        func reason() -> String {
            var conflicts: [String] = []
            if doiConflict { conflicts.append("different DOIs or PMIDs") }
            if volumeConflict { conflicts.append("different volumes") }
            if pageConflict { conflicts.append("different pages") }
            if yearsApart, let yearGap { conflicts.append("years \(yearGap) apart") }
            if !authorsAgree { conflicts.append("different authors") }
            if numbersDiffer { conflicts.append("different numbers in titles") }
            return "titles \(percent(title ?? 0)) alike" + (conflicts.isEmpty ? "" : "; " + conflicts.joined(separator: ", "))
        }

        if sharesIdentifier && pmidConflict {
            return .maybe("shared identifier but different PMIDs")
        }
        if sharesIdentifier {
            // An identifier alone is not trusted: an issue DOI or a wrong cross-reference joins different
            // studies, so the titles (or, without one, year and authors) must agree too.
            guard let title else {
                return (yearGap ?? 0) <= 1 && authorShare != nil && authorsAgree ? .duplicate
                    : .maybe("shared identifier, no title to check")
            }
            // A title that starts or ends the other's also agrees: databases append field codes or notes.
            if (title >= 0.8 || titleContained(a, b)) && (yearGap ?? 0) <= 1 { return .duplicate }
            return title >= 0.5 ? .maybe("shared identifier, titles differ (\(percent(title)))") : .distinct
        }
        let details = (yearGap ?? 1) == 0 && sameVolume && samePage && authorShare != nil && authorsAgree
        if details && !doiConflict && titleContained(a, b) { return .duplicate }
        guard let title, title >= reviewTitle else { return .distinct }
        let strongAuthors = (authorShare ?? 0) >= 0.8
        let sameTitle = title == 1 && min(a.titles[0].count, b.titles[0].count) >= shortTitle
        let nearlySameTitle = title >= nearlySame && !numbersDiffer && min(a.titles[0].count, b.titles[0].count) >= shortTitle
        if nearlySameTitle && yearGap == 0 && strongAuthors && !doiConflict && sameVolume && journalsAgree {
            // The same title by the same authors in the same journal volume: a meeting abstract and its article,
            // or an erratum and its article. (The same title in another journal is not enough: guidelines are
            // published in several journals at once, and an abstract and its article are separate reports.)
            return .duplicate
        }
        if conflictCount == 1 && pageConflict && (sameTitle || title >= mergeTitle && titleContained(a, b))
            && yearGap == 0 && strongAuthors && sameVolume
            && (a.issue.isEmpty || b.issue.isEmpty || a.issue == b.issue)
        {
            // Same title, authors, year and volume: a supplement or erratum paging, or a typo in the pages.
            return .duplicate
        }
        guard conflictCount == 0 else { return .maybe(reason()) }
        let short = min(a.titles.map(\.count).max() ?? 0, b.titles.map(\.count).max() ?? 0) < shortTitle
        switch yearGap {
        case 0?, nil:
            if title == 1 && (!short || support >= 1 || strongAuthors) && (authorShare != nil || support >= 2 || yearGap != nil) {
                return .duplicate
            }
            if title >= mergeTitle && !short && authorShare != nil && yearGap != nil
                && (support >= 1 || strongAuthors && min(a.authors.count, b.authors.count) >= 2)
            {
                return .duplicate
            }
        default:
            // A year apart: the same paper's epub and print years, or a conference paper and its later
            // journal version; only matching volume and pages tell them apart.
            if title >= mergeTitle && support >= 2 && sameVolume { return .duplicate }
        }
        return .maybe(reason())
    }

    /// The rest of the same-article-span rule: agreeing journals, no conflicting PMID, and titles alike —
    /// nearly the same, or not wholly unlike when the authors agree too (so a wrongly keyed page range cannot
    /// join unrelated records, while a garbled author list cannot split one article). Two DOIs are allowed
    /// only with nearly the same title and agreeing authors: publishers re-register DOIs under a new prefix.
    static func sameArticleSpan(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        guard journalsAgree(a, b) else { return false }
        if a.pmid != nil && b.pmid != nil && a.pmid != b.pmid { return false }
        let authorsAgree = authorAgreement(a.authors, b.authors).map { $0 >= 0.5 } == true
        let best = titleSimilarity(a, b, minimum: looseTitle) ?? 0
        if a.doi != nil && b.doi != nil && a.doi != b.doi { return best >= nearlySame && authorsAgree }
        return best >= mergeTitle || authorsAgree && best >= looseTitle
    }

    /// Whether `a` has its numbers one field to the left of `b`'s (no volume, `b`'s volume as its issue and
    /// `b`'s issue as its page), as some conference-abstract exports write them.
    static func fieldsShifted(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        guard a.volume.isEmpty, !b.volume.isEmpty, a.issue == b.volume, let page = a.pages, page.first == page.last
        else { return false }
        return b.issue.elementsEqual(String(page.first).utf8)
    }

    /// Whether any journal name of one record can name the same journal as any of the other's.
    static func journalsAgree(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        a.journals.contains { x in b.journals.contains { MatchText.journalsAgree(x, $0) } }
    }

    /// The best similarity of any title form of one record to any of the other (so a Korean record's
    /// English title meets an English record's title), 0 below `minimum`, nil when either has no title.
    static func titleSimilarity(_ a: Fingerprint, _ b: Fingerprint, minimum: Double = reviewTitle) -> Double? {
        guard !a.titles.isEmpty, !b.titles.isEmpty else { return nil }
        var best = 0.0
        for x in a.titles {
            for y in b.titles {
                best = max(best, Similarity.ratio(x, y, minimum: minimum))
                if best == 1 { return 1 }
            }
        }
        return best
    }

    /// Whether one record's title form starts or ends the other's (a title with a section heading in front
    /// or a citation behind it), the shorter being long enough to be specific.
    static func titleContained(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        for x in a.titles {
            for y in b.titles {
                let (short, long) = x.count <= y.count ? (x, y) : (y, x)
                guard short.count >= shortTitle else { continue }
                if long.starts(with: short) || long.reversed().starts(with: short.reversed()) { return true }
            }
        }
        return false
    }

    /// Whether the digits of the main titles differ (`part 1` / `part 2`, `2019` / `2020` updates): a small
    /// edit that makes a different paper.
    static func titleNumbersDiffer(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        guard let x = a.titles.first, let y = b.titles.first else { return false }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        return !x.filter(isDigit).elementsEqual(y.filter(isDigit))
    }

    /// Share of the shorter author list found in the longer (surname and, when both give it, initial),
    /// whatever the order; nil when either list is empty.
    static func authorAgreement(_ a: [AuthorForm], _ b: [AuthorForm]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var unused = long
        var found = 0
        for author in short.prefix(30) {
            if let index = unused.firstIndex(where: { $0.agrees(with: author) }) {
                found += 1
                unused.remove(at: index)
            }
        }
        return Double(found) / Double(min(short.count, 30))
    }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
