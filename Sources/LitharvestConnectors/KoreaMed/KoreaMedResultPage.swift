package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// One page of KoreaMed's HTML search results (`SearchBasic.php`).
///
/// No capture of a KoreaMed result page exists (only a browser observation log), so this reader is
/// written against the documented structure and kept on its own: a result is any list item or row holding
/// a link to `SearchBasic.php?RID={KMID}`; its title is the link's text and the fields around it are found
/// by class names that say what they are (`author`, `source`, `doi`, `title-ko`); the total is the number
/// in an element whose class names a total or count. A page with neither a total nor a "no items" message
/// is refused, never read as zero hits. When a real page is captured, add it as a fixture and adjust
/// only this type.
package struct KoreaMedResultPage: Sendable {
    /// The total the page reports.
    package var total: Int
    /// The records listed on this page.
    package var records: [Record]

    /// Reads a result page.
    ///
    /// - Throws: ``ConnectorError`` `.databaseError` for KoreaMed's `DB Error: …` page (it cannot run nested
    ///   Boolean queries), `.unexpectedResponse` naming `source` for a page without a recognisable total or
    ///   with a total but no KMID links.
    package static func parse(_ data: Data, source: String) throws -> KoreaMedResultPage {
        let document = try HTMLPage.document(data, source: source)
        let body = (try? document.text("//body")) ?? String(decoding: data.prefix(2048), as: UTF8.self)
        if let range = body.range(of: "DB Error") {
            let message = String(body[range.lowerBound...].prefix(120))
            throw ConnectorError(
                .databaseError, "KoreaMed answered \(message.debugDescription) (it rejects nested Boolean and some "
                    + "field-tagged queries; simplify the query)", location: source)
        }
        var records: [Record] = []
        var seen = Set<String>()
        let links = (try? document.select("//a[contains(@href,'SearchBasic.php?RID=')]")) ?? []
        for link in links {
            guard let href = link.attribute("href"), let kmid = WebText.parameter("RID", in: href),
                !kmid.isEmpty, kmid != "0", kmid.allSatisfy(\.isASCIIDigit), seen.insert(kmid).inserted
            else { continue }
            records.append(record(kmid: kmid, link: link))
        }
        let totalText = try? document.text(
            "//*[contains(@class,'total') or contains(@class,'count') or contains(@id,'total')][1]")
        let noItems = ["No items found", "No results", "검색 결과가 없습니다", "검색결과가 없습니다"].contains {
            body.contains($0)
        }
        guard let total = WebText.number(in: totalText) ?? (noItems && records.isEmpty ? 0 : nil) else {
            throw ConnectorError(
                .unexpectedResponse,
                "no result total on the KoreaMed page (\(records.count) KMID links); this is not the result "
                    + "layout the connector reads", location: source)
        }
        if total > 0, records.isEmpty {
            throw ConnectorError(
                .unexpectedResponse, "the KoreaMed page reports \(total) results but lists no "
                    + "`SearchBasic.php?RID=` links", location: source)
        }
        return KoreaMedResultPage(total: total, records: records)
    }

    private static func record(kmid: String, link: XMLNode) -> Record {
        ResultListItem.record(
            database: KoreaMedConnector.id, nativeID: kmid, url: "https://www.koreamed.org/SearchBasic.php?RID=\(kmid)",
            link: link, otherTitleClass: "title-ko")
    }
}
