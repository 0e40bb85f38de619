package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// One page of KMbase's result list (`?pg_idx=260&ad_cd=…`).
///
/// No capture of this page exists (the research pilot stopped at the search log), so the reading is
/// deliberately loose and isolated here: a result is any element holding a link to a KMbase record
/// (`…d=KMBASE&i={id}…`, the detail URL KMbase has used); its title is the link's text, and the fields
/// around it are found by class names that say what they are (`title-en`, `author`, `source`, `doi`).
/// When a real page is captured, add it as a fixture and adjust only this type.
package enum KMbaseResultPage {
    /// Reads the records listed on one page.
    ///
    /// - Throws: ``ConnectorError`` `.unexpectedResponse` naming `source` when the page lists no KMbase
    ///   record link although `expectRecords` says it should (a changed layout, never zero hits).
    package static func parse(_ data: Data, source: String, expectRecords: Bool) throws -> [Record] {
        let document = try HTMLPage.document(data, source: source)
        let links = (try? document.select("//a[contains(@href,'d=KMBASE') and contains(@href,'i=')]")) ?? []
        var records: [Record] = []
        var seen = Set<String>()
        for link in links {
            guard let href = link.attribute("href"), let id = WebText.parameter("i", in: href),
                !id.isEmpty, seen.insert(id).inserted
            else { continue }
            records.append(record(id: id, link: link))
        }
        if records.isEmpty, expectRecords {
            throw ConnectorError(
                .unexpectedResponse,
                "the KMbase result list shows no record links (`d=KMBASE&i=…`); the page is not the layout this "
                    + "connector reads", location: source)
        }
        return records
    }

    private static func record(id: String, link: XMLNode) -> Record {
        ResultListItem.record(
            database: KMbaseConnector.id, nativeID: id, url: "https://kmbase.medric.or.kr/Main.aspx?d=KMBASE&i=\(id)&m=VIEW",
            link: link, otherTitleClass: "title-en")
    }
}
