import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reads KCI's `oai_dc` as fully as `oai_kci`: KCI packs the journal, volume, issue and pages into one
/// identifier string and types its identifiers with a bare `type` attribute, which plain Dublin Core
/// mapping would keep only as opaque identifiers.
///
/// Parse rules (the wire form types every element; saved or degraded copies without the attributes are
/// read by pattern):
/// - `dc:title lang="original"` → title, `lang="english"` → other title; untyped titles: Hangul → title,
///   otherwise the other title (the first untyped one fills whichever is still empty).
/// - `dc:description` (the abstract) the same way → abstract and other abstract.
/// - `dc:creator` `이름(소속); 이름(소속)` → one author per `;`-separated part, the bracket an affiliation.
/// - `dc:identifier type=…`: `artiId` → native id (`ART…`), `uci` → UCI, `doi` → DOI (a bare resolver
///   `http://dx.doi.org/` with nothing after it is no DOI), `journalInfo` → the source string below,
///   `citedCnt` and `regularity` are dropped (a citation count and KCI's listing flag, not identifiers).
///   Untyped: `ART` + digits → native id, `G704-…` → UCI, a DOI form → DOI, a string with `,` and `(` → the
///   source string; bare numbers and `Y`/`N` are dropped.
/// - An `issn` attribute on any `dc:identifier` → ISSN.
/// - The source string `대중서사연구, 21(1), 34, pp.227-260` is `journal, volume(issue), serial number,
///   pp.first-last`: the journal is everything before the `, ` that precedes `volume(issue)` (a journal
///   name may itself hold commas), the volume the text before `(`, the issue the text inside it (either may
///   be empty), the serial number (KCI's running issue count) is dropped, and the pages follow `pp.` or
///   `p.`. Parts that are missing are left empty, never guessed.
/// - `dc:publisher` → publisher, `dc:date` → publication date, `dc:language` → language, `dc:subject`
///   → KCI subject category (as `oai_kci`'s `article-categories`), `dc:rights` (the open-access flag) dropped.
struct KCIDublinCoreMapper: OAIMetadataMapper {
    let metadataPrefix = "oai_dc"

    func record(metadata: XMLNode, header: OAIRecordHeader, database: String) throws -> Record {
        var record = Record(database: database, nativeID: header.identifier)
        var untypedTitles: [String] = []
        var untypedAbstracts: [String] = []
        var source: String?
        for element in metadata.children {
            guard let value = SourceText.plain(element.rawText) else { continue }
            let language = element.attribute("lang") ?? element.attribute("xml:lang")
            switch element.localName {
            case "title":
                switch language {
                case "original": record.title = record.title ?? value
                case "english", "foreign": record.otherTitle = record.otherTitle ?? value
                default: untypedTitles.append(value)
                }
            case "description":
                switch language {
                case "original": record.abstract = record.abstract ?? value
                case "english", "foreign": record.otherAbstract = record.otherAbstract ?? value
                default: untypedAbstracts.append(value)
                }
            case "creator":
                record.authors += value.split(separator: ";").compactMap { SourceText.author(String($0)) }
            case "identifier":
                if let issn = Normalize.text(element.attribute("issn")), !record.issns.contains(where: { $0.value == issn }) {
                    record.issns.append(ISSN(issn))
                }
                identifier(value, type: element.attribute("type"), into: &record, source: &source)
            case "publisher": record.publisher = record.publisher ?? value
            case "date": record.date = record.date ?? DublinCoreMapper.date(value)
            case "language": if !record.languages.contains(value) { record.languages.append(value) }
            case "subject": record.subjects.append(SubjectTerm(term: value, scheme: "KCI"))
            default: break
            }
        }
        for title in untypedTitles {
            if Self.hasHangul(title), record.title == nil {
                record.title = title
            } else if record.otherTitle == nil, title != record.title {
                record.otherTitle = title
            } else if record.title == nil {
                record.title = title
            }
        }
        if record.title == nil { record.title = record.otherTitle; record.otherTitle = nil }
        for abstract in untypedAbstracts {
            if Self.hasHangul(abstract), record.abstract == nil {
                record.abstract = abstract
            } else if record.otherAbstract == nil, abstract != record.abstract {
                record.otherAbstract = abstract
            }
        }
        if let source, let parsed = Self.source(source) {
            record.journal = parsed.journal
            record.volume = parsed.volume
            record.issue = parsed.issue
            record.pages = parsed.pages
        }
        if record.nativeID != header.identifier {
            record.identifiers.append(RecordIdentifier(scheme: "oai", value: header.identifier))
        }
        record.url = record.url ?? (record.nativeID.hasPrefix("ART") ? Self.landingPage(record.nativeID) : nil)
        return record
    }

    private func identifier(_ value: String, type: String?, into record: inout Record, source: inout String?) {
        switch type {
        case "artiId": record.nativeID = value
        case "uci": record.identifiers.append(RecordIdentifier(scheme: "uci", value: value))
        case "doi": record.doi = record.doi ?? Normalize.doi(value).flatMap { $0.hasPrefix("10.") ? $0 : nil }
        case "journalInfo": source = source ?? value
        case "citedCnt", "regularity": break
        case let other?:
            record.identifiers.append(RecordIdentifier(scheme: other.lowercased(), value: value))
        case nil:
            if Self.isArticleID(value) {
                record.nativeID = value
            } else if value.hasPrefix("G704-") {
                record.identifiers.append(RecordIdentifier(scheme: "uci", value: value))
            } else if DublinCoreMapper.isDOI(value), let doi = Normalize.doi(value), doi.hasPrefix("10.") {
                record.doi = record.doi ?? doi
            } else if value.contains(","), value.contains("(") {
                source = source ?? value
            } else if value.hasPrefix("http://") || value.hasPrefix("https://") {
                record.url = record.url ?? value
            }
            // Bare numbers (the citation count) and Y/N (the listing flag) are not identifiers.
        }
    }

    /// The parts of a KCI source string (`대중서사연구, 21(1), 34, pp.227-260`; see the type's rules).
    static func source(_ text: String) -> (journal: String?, volume: String?, issue: String?, pages: String?)? {
        let parts = text.components(separatedBy: ", ")
        // The volume(issue) part: the first part after the journal's that ends in `)` and holds `(`.
        guard let index = parts.indices.dropFirst().first(where: { parts[$0].hasSuffix(")") && parts[$0].contains("(") }),
            let open = parts[index].firstIndex(of: "(")
        else { return nil }
        let journal = Normalize.text(parts[..<index].joined(separator: ", "))
        let volumeIssue = parts[index]
        let volume = Normalize.text(String(volumeIssue[..<open]))
        let issue = Normalize.text(String(volumeIssue[volumeIssue.index(after: open)..<volumeIssue.index(before: volumeIssue.endIndex)]))
        var pages: String?
        for part in parts[(index + 1)...] {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            for prefix in ["pp.", "p."] where trimmed.hasPrefix(prefix) {
                pages = Normalize.text(String(trimmed.dropFirst(prefix.count)))
            }
        }
        return (journal, volume, issue, pages)
    }

    static func isArticleID(_ value: String) -> Bool {
        value.hasPrefix("ART") && value.count > 3 && value.dropFirst(3).allSatisfy(\.isASCIIDigit)
    }

    static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    /// KCI's article page, as `oai_kci`'s `url` gives it.
    static func landingPage(_ articleID: String) -> String {
        "https://www.kci.go.kr/kciportal/ci/sereArticleSearch/ciSereArtiView.kci?sereArticleSearchBean.artiId=\(articleID)"
    }
}
