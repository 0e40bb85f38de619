import Foundation
import LitharvestCore
import LitharvestModel

/// What a Cochrane link and its metadata line say about a record: the accession, the DOI, the
/// "added to CENTRAL" date and issue.
struct CochraneReference {
    /// `CN-01510974` for a CENTRAL record, `CD012116` for a review.
    var accession: String
    /// The record's Cochrane DOI (`10.1002/central/CN-01510974`, `10.1002/14651858.CD012116.pub2`).
    var cochraneDOI: String?
    /// `/central/doi/…/full` without highlight parameters, on the public host.
    var canonicalURL: String

    init?(href: String) {
        var path = href
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if let scheme = path.range(of: "://") {
            let afterHost = path[scheme.upperBound...].firstIndex(of: "/") ?? path.endIndex
            path = String(path[afterHost...])
        }
        guard let doiRange = path.range(of: "/doi/") else { return nil }
        var doi = String(path[doiRange.upperBound...])
        for suffix in ["/full", "/abstract", "/pdf/full", "/information"] where doi.hasSuffix(suffix) {
            doi = String(doi.dropLast(suffix.count))
        }
        guard let accession = Self.accession(inDOI: doi) else { return nil }
        self.accession = accession
        self.cochraneDOI = doi
        self.canonicalURL = CochraneSearchPage.origin + path
    }

    init(accession: String, cochraneDOI: String?, canonicalURL: String) {
        self.accession = accession
        self.cochraneDOI = cochraneDOI
        self.canonicalURL = canonicalURL
    }

    /// `CN-…` or `CD…` inside a Cochrane DOI.
    static func accession(inDOI doi: String) -> String? {
        if let range = doi.range(of: "CN-") {
            let digits = doi[range.upperBound...].prefix { $0.isASCIIDigit }
            return digits.isEmpty ? nil : "CN-" + digits
        }
        if let range = doi.range(of: ".CD") {
            let digits = doi[range.upperBound...].prefix { $0.isASCIIDigit }
            return digits.isEmpty ? nil : "CD" + digits
        }
        return nil
    }

    /// A review's DOI is the article's own DOI; a CENTRAL record's DOI names only the CENTRAL entry, so it
    /// goes to the identifiers, never to `doi` (it would never match the journal article elsewhere).
    func apply(to record: inout Record) {
        guard let cochraneDOI else { return }
        if accession.hasPrefix("CD") {
            record.doi = Normalize.doi(cochraneDOI)
        } else {
            record.identifiers.append(RecordIdentifier(scheme: "cochrane-doi", value: cochraneDOI))
        }
    }

    /// Authors as the list prints them, `;`- or `,`-separated.
    static func authors(_ text: String) -> [Author] {
        let separator: Character = text.contains(";") ? ";" : ","
        return text.split(separator: separator).compactMap { WebText.person(String($0)) }
    }

    /// Reads `Source, <year>[, volume(issue), pages] | added to CENTRAL: 31 May 2018 | 2018 Issue 5`.
    static func applyMetadata(_ text: String, year: Int?, to record: inout Record) {
        let segments = text.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        for segment in segments.dropFirst() {
            if segment.lowercased().hasPrefix("added to central:") {
                let date = String(segment.dropFirst("added to central:".count))
                if let iso = isoDate(date) { record.identifiers.append(RecordIdentifier(scheme: "central-added", value: iso)) }
            } else if segment.range(of: " Issue ", options: .caseInsensitive) != nil {
                record.identifiers.append(RecordIdentifier(scheme: "central-issue", value: segment))
            }
        }
        guard let source = segments.first, !source.isEmpty else { return }
        let publicationYear = year ?? Normalize.year(in: source)
        if let publicationYear { record.date = PublicationDate(year: publicationYear) }
        guard let publicationYear, let yearRange = source.range(of: ", \(publicationYear)") else {
            record.journal = Normalize.text(source.trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
            return
        }
        record.journal = Normalize.text(String(source[..<yearRange.lowerBound]))
        let tail = source[yearRange.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ,."))
        guard !tail.isEmpty else { return }
        // `12(3), 221-228` or `12(3):221-8`.
        let parts = tail.split(whereSeparator: { $0 == "," || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
        var volume = parts.first ?? ""
        if let open = volume.firstIndex(of: "("), let close = volume.lastIndex(of: ")"), open < close {
            record.issue = Normalize.text(String(volume[volume.index(after: open)..<close]))
            volume = String(volume[..<open])
        }
        record.volume = Normalize.text(volume)
        if parts.count > 1 { record.pages = Normalize.text(parts[1]) }
    }

    /// `31 May 2018` → `2018-05-31`.
    static func isoDate(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 3, let day = Int(words[0]), let month = Normalize.month(words[1]),
            let year = Int(words[2]), let date = SimpleDate(year: year, month: month, day: day)
        else { return nil }
        return date.description
    }
}
