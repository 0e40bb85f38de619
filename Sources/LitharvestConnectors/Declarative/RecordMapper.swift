import Foundation
import LitharvestCore
import LitharvestModel

/// Turns one record node into a ``Record`` by a spec's field map.
struct RecordMapper {
    let spec: ConnectorSpec
    /// `remove:` patterns, compiled once per page.
    private let patterns: [String: NSRegularExpression]

    init(spec: ConnectorSpec) throws {
        self.spec = spec
        var patterns: [String: NSRegularExpression] = [:]
        let rules = spec.fields.rules.values.map { $0 } + spec.fields.identifiers.map(\.rule)
        for rule in rules {
            guard let remove = rule.remove, patterns[remove] == nil else { continue }
            patterns[remove] = try NSRegularExpression(pattern: remove)
        }
        self.patterns = patterns
    }

    /// The record, or nil when it has no native id.
    func record(from node: SourceNode) throws -> Record? {
        guard let nativeID = try first(.nativeID, node) else { return nil }
        var record = Record(database: spec.descriptor.id, nativeID: nativeID)
        record.title = try first(.title, node)
        record.otherTitle = try first(.otherTitle, node)
        record.authors = try all(.authors, node).compactMap(SourceText.author)
        record.journal = try first(.journal, node)
        record.journalAbbreviation = try first(.journalAbbreviation, node)
        record.issns = try all(.issn, node).map { ISSN($0) }
        record.date = try first(.date, node).flatMap(Self.publicationDate)
        record.volume = try first(.volume, node)
        record.issue = try first(.issue, node)
        record.pages = try first(.pages, node)
        record.articleNumber = try first(.articleNumber, node)
        record.doi = Normalize.doi(try first(.doi, node))
        record.pmid = try first(.pmid, node)
        record.pmcid = Normalize.pmcid(try first(.pmcid, node))
        record.abstract = try first(.abstract, node)
        record.keywords = try all(.keywords, node)
        record.languages = try all(.languages, node)
        record.publicationTypes = try all(.publicationTypes, node)
        record.url = try first(.url, node)
        for (scheme, rule) in spec.fields.identifiers {
            for value in try values(rule, node) {
                record.identifiers.append(RecordIdentifier(scheme: scheme, value: value))
            }
        }
        return record
    }

    private func values(_ rule: FieldMap.Rule, _ node: SourceNode) throws -> [String] {
        try rule.values(in: node, removing: rule.remove.flatMap { patterns[$0] })
    }

    private func first(_ field: FieldMap.Field, _ node: SourceNode) throws -> String? {
        guard let rule = spec.fields.rules[field] else { return nil }
        return try values(rule, node).first
    }

    private func all(_ field: FieldMap.Field, _ node: SourceNode) throws -> [String] {
        guard let rule = spec.fields.rules[field] else { return [] }
        var seen = Set<String>()
        return try values(rule, node).filter { seen.insert($0).inserted }
    }

    /// `YYYY`, `YYYYMM`, `YYYYMMDD`, `YYYY-MM(-DD)` or `YYYY.MM(.DD)`; anything else keeps its first
    /// plausible year and the original wording (`2019 (2020 9刷)`).
    static func publicationDate(_ text: String) -> PublicationDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.filter { $0 != "-" && $0 != "." && $0 != "/" }
        let separatorsOnly = trimmed.allSatisfy { $0.isASCIIDigit || "-./".contains($0) }
        if separatorsOnly, digits.allSatisfy(\.isASCIIDigit), [4, 6, 8].contains(digits.count),
            let year = Int(digits.prefix(4)), (1000...2999).contains(year)
        {
            let month = digits.count >= 6 ? Int(digits.dropFirst(4).prefix(2)) : nil
            let day = digits.count == 8 ? Int(digits.suffix(2)) : nil
            return PublicationDate(year: year, month: month, day: day)
        }
        guard let year = Normalize.year(in: trimmed) else { return nil }
        return PublicationDate(year: year, text: trimmed)
    }
}
