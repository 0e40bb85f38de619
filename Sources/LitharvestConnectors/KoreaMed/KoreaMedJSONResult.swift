import Foundation
import LitharvestCore
import LitharvestModel

/// KoreaMed's older JSON search (`search/result?q=…&display=Summary`, seen in client code around 2019):
/// `results.data[]` with `id` (the KMID), `title`, `journal_name`, `volume`, `issue`, `publishinfo`, `doi`,
/// `abstract`, `author_facet`, `pissn`/`eissn`, `language`, `article_type`, `mesh`, `author_keyword`,
/// `publication_date_year`. Whether it still answers is unknown, so it is a probe: nil means "not this
/// endpoint", and the connector falls back to the HTML search.
struct KoreaMedJSONResult {
    var total: Int
    var records: [Record]

    /// Reads a JSON answer; nil when it is not the documented shape with a total.
    static func parse(_ json: Any) -> KoreaMedJSONResult? {
        guard let root = json as? [String: Any], let results = root["results"] as? [String: Any],
            let data = results["data"] as? [[String: Any]]
        else { return nil }
        let totalKeys = ["total", "totalCount", "total_count", "count", "numFound"]
        guard let total = totalKeys.lazy.compactMap({ integer(results[$0] ?? root[$0]) }).first else { return nil }
        return KoreaMedJSONResult(total: total, records: data.compactMap(record))
    }

    private static func record(_ item: [String: Any]) -> Record? {
        guard let kmid = string(item["id"]) else { return nil }
        var record = Record(
            database: KoreaMedConnector.id, nativeID: kmid, title: SourceText.plain(string(item["title"])),
            url: "https://www.koreamed.org/SearchBasic.php?RID=\(kmid)")
        record.journal = SourceText.plain(string(item["journal_name"]))
        record.journalAbbreviation = SourceText.plain(string(item["journal_id_nlm_ta"]))
        record.volume = string(item["volume"])
        record.issue = string(item["issue"])
        record.pages = WebText.citation("x. " + (string(item["publishinfo"]) ?? "")).pages
        record.doi = Normalize.doi(string(item["doi"]))
        record.abstract = SourceText.plain(string(item["abstract"]))
        record.authors = strings(item["author_facet"]).compactMap { WebText.person($0) }
        if let year = integer(item["publication_date_year"]) { record.date = PublicationDate(year: year) }
        record.issns = [
            string(item["pissn"]).map { ISSN($0, kind: .print) }, string(item["eissn"]).map { ISSN($0, kind: .electronic) },
        ].compactMap { $0 }
        record.languages = strings(item["language"])
        record.publicationTypes = strings(item["article_type"])
        record.keywords = strings(item["author_keyword"])
        record.subjects = strings(item["mesh"]).map { SubjectTerm(term: $0, scheme: "MeSH") }
        return record
    }

    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: Normalize.text(text)
        case let number as Int: String(number)
        case let number as NSNumber: number.stringValue
        case let array as [Any]: array.first.flatMap { string($0) }
        default: nil
        }
    }

    private static func strings(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.compactMap { string($0) } }
        guard let text = string(value) else { return [] }
        return text.split(separator: ";").compactMap { Normalize.text(String($0)) }
    }

    private static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as NSNumber: number.intValue
        case let text as String: Int(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
