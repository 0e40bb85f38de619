import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// The `item[@metaCode]` values of one record, mapped to a ``Record``.
struct ScienceONFields {
    private var values: [String: String] = [:]

    init(_ record: XMLNode) {
        for item in record.children("item") {
            guard let code = item.attribute("metaCode"), values[code] == nil else { continue }
            values[code] = item.text
        }
    }

    /// The cleaned value of `code` (markup stripped, entities decoded), nil when empty.
    subscript(_ code: String) -> String? { SourceText.plain(values[code]) }

    /// A `;`-separated field (with its trailing `;`) as its parts, empty parts kept so positions align.
    func list(_ code: String) -> [String] {
        guard let raw = values[code] else { return [] }
        var parts = raw.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    /// The record, or nil when it has no `CN` (nor `ArticleId`).
    func record() -> Record? {
        guard let nativeID = self["CN"] ?? self["ArticleId"] else { return nil }
        var record = Record(database: "scienceon", nativeID: nativeID)
        record.title = self["Title"] ?? self["Title2"]
        record.otherTitle = self["Title"] == nil ? nil : self["Title2"]
        record.authors = authors()
        let researchers = contributors()
        record.contributors = researchers.isEmpty ? nil : researchers
        record.journal = self["JournalName"]
        record.issns = issns()
        record.volume = self["VolNo1"]
        record.issue = self["VolNo2"]
        record.date = date()
        record.doi = Normalize.doi(self["DOI"])
        // Abstract is in the record's language (Korean), Abstract2 in the other one (English), as Title/Title2.
        record.abstract = self["Abstract"] ?? self["Abstract2"]
        record.otherAbstract = self["Abstract"] == nil ? nil : self["Abstract2"]
        record.publisher = self["Publisher"]
        record.keywords = keywords()
        record.languages = self["Lang"].map { [$0] } ?? []
        record.publicationTypes = publicationTypes()
        record.url = self["ContentURL"] ?? self["MobileURL"]
        let dbCode = self["DBCode"] ?? String(nativeID.prefix(4))
        // REPORT's PageInfo is a page count, not a range.
        if dbCode != "TRKO", let pageInfo = self["PageInfo"] {
            record.pages = Self.pages(pageInfo)
        }
        if let articleID = self["ArticleId"], articleID != nativeID {
            record.identifiers.append(RecordIdentifier(scheme: "scienceon-article", value: articleID))
        }
        if let isbn = self["ISBN"] { record.identifiers.append(RecordIdentifier(scheme: "isbn", value: isbn)) }
        return record
    }

    /// `pp.917-925` → `917-925`.
    static func pages(_ text: String) -> String? {
        var value = text
        for prefix in ["pp.", "p.", "pp", "p"] where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count))
            break
        }
        return Normalize.text(value)
    }

    /// A report's `Contributors` (참여연구자명): the participating researchers, who are not its authors
    /// (`Author` is the principal investigator).
    private func contributors() -> [Author] {
        list("Contributors").compactMap { name in
            guard var researcher = SourceText.author(name) else { return nil }
            researcher.role = Self.participatingResearcher
            return researcher
        }
    }

    /// The role given to a report's `Contributors`.
    static let participatingResearcher = "participating researcher (참여연구자)"

    private func authors() -> [Author] {
        let names = list("Author")
        let romanised = list("Author2")
        let affiliations = list("Affiliation")
        var authors: [Author] = []
        for (index, name) in names.enumerated() {
            guard var author = SourceText.author(name) else { continue }
            if index < affiliations.count, let affiliation = SourceText.plain(affiliations[index]),
                !author.affiliations.contains(affiliation)
            {
                author.affiliations.append(affiliation)
            }
            // Author2 lines up with Author only when both have the same length.
            if romanised.count == list("Author").count, index < romanised.count,
                let alternate = SourceText.plain(romanised[index]), alternate != author.literal
            {
                author.alternateNames.append(alternate)
            }
            authors.append(author)
        }
        return authors
    }

    /// `ISSN` is `print;electronic;`; an empty slot means that medium has none.
    private func issns() -> [ISSN] {
        let parts = list("ISSN")
        var issns: [ISSN] = []
        for (index, part) in parts.enumerated() where !part.isEmpty {
            let kind: ISSN.Kind = index == 0 ? .print : index == 1 ? .electronic : .unknown
            issns.append(ISSN(part, kind: kind))
        }
        return issns
    }

    /// `Pubdate` (`YYYYMMDD`, `YYYYMM00` for reports), else `Pubyear`.
    private func date() -> PublicationDate? {
        if let pubdate = self["Pubdate"], pubdate.count == 8, pubdate.allSatisfy(\.isASCIIDigit),
            let year = Int(pubdate.prefix(4)), year > 0
        {
            let month = Int(pubdate.dropFirst(4).prefix(2)).flatMap { (1...12).contains($0) ? $0 : nil }
            let day = month == nil ? nil : Int(pubdate.suffix(2)).flatMap { (1...31).contains($0) ? $0 : nil }
            return PublicationDate(year: year, month: month, day: day)
        }
        return Normalize.year(in: self["Pubyear"]).map { PublicationDate(year: $0) }
    }

    /// `Keyword` and `Keyword2`: articles separate keywords with ` . `, reports with `;` (and a trailing
    /// `;`) or `,`.
    private func keywords() -> [String] {
        var seen = Set<String>()
        var keywords: [String] = []
        for code in ["Keyword", "Keyword2"] {
            guard let text = self[code] else { continue }
            // One separator per field, the first found: a comma inside a `;`-separated list is part of a term.
            let separator = [" . ", ";", ","].first { text.contains($0) } ?? " . "
            for part in text.components(separatedBy: separator) {
                guard let keyword = Normalize.text(part), seen.insert(keyword).inserted else { continue }
                keywords.append(keyword)
            }
        }
        return keywords
    }

    /// From `DBCode`: JAKO journal article, DIKO thesis (with its `Degree`), TRKO report.
    private func publicationTypes() -> [String] {
        switch self["DBCode"] {
        case "JAKO": return ["journal article"]
        case "DIKO": return ["thesis"] + (self["Degree"].map { [$0] } ?? [])
        case "TRKO": return ["report"]
        case let code?: return [code]
        case nil: return []
        }
    }
}
