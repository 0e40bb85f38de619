import Foundation
import LitharvestCore

/// Real `<PubmedArticle>` elements cut out of recorded EFetch responses, keyed by PMID, with the creation
/// date NCBI gave each (`PubMedPubDate PubStatus="entrez"`). Feeds ``EUtilitiesStandIn`` for replays.
public struct RecordedPubMedArticles: Sendable {
    /// PMID → the article element as recorded.
    public private(set) var elements: [Int: String] = [:]
    /// The articles with their creation dates.
    public private(set) var articles: [EUtilitiesStandIn.Article] = []

    /// An empty set; fill it with ``add(fromEFetch:)``.
    public init() {}

    /// Reads every `.xml` file in `directory`.
    public init(directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
        for name in names {
            let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
            add(fromEFetch: text)
        }
    }

    /// Adds the articles of one EFetch response.
    public mutating func add(fromEFetch text: String) {
        var rest = text[...]
        while let open = rest.range(of: "<PubmedArticle>") ?? rest.range(of: "<PubmedArticle "),
            let close = rest.range(of: "</PubmedArticle>", range: open.upperBound..<rest.endIndex)
        {
            let element = String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
            guard let pmid = Self.firstMatch(#"<PMID[^>]*>(\d+)</PMID>"#, in: element).flatMap({ Int($0[0]) }) else {
                continue
            }
            let created =
                Self.firstMatch(
                    #"PubStatus="entrez">\s*<Year>(\d+)</Year>\s*<Month>(\d+)</Month>\s*<Day>(\d+)</Day>"#, in: element)
                .flatMap { SimpleDate(year: Int($0[0]) ?? 0, month: Int($0[1]) ?? 0, day: Int($0[2]) ?? 0) }
                ?? SimpleDate(year: 2000, month: 1, day: 1)!
            if elements[pmid] == nil { articles.append(EUtilitiesStandIn.Article(pmid: pmid, created: created)) }
            elements[pmid] = element
        }
    }

    private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
