package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// One page of Cochrane Library search results (`div.search-results-item` under a `.results-number`
/// total), as served to a browser or saved from one.
package struct CochraneSearchPage: Sendable {
    /// The total the page reports (`.results-number`).
    package var total: Int
    /// The site's reading of the query ("aspirin in Title Abstract Keyword"), when shown.
    package var interpretation: String?
    /// The records listed on this page, in page order.
    package var records: [Record]

    /// The site records link to; used for record URLs whatever host served the page.
    static let origin = "https://www.cochranelibrary.com"

    /// Reads a search-results page.
    ///
    /// - Throws: ``ConnectorError`` `.unexpectedResponse` naming `source` when the page has no result
    ///   total or lists items without a `CN-`/`CD` accession (a changed layout, never zero hits).
    package static func parse(_ data: Data, source: String) throws -> CochraneSearchPage {
        let document = try HTMLPage.document(data, source: source)
        return try parse(document, source: source)
    }

    static func parse(_ document: XMLDocument, source: String) throws -> CochraneSearchPage {
        let items = (try? document.select("//div[\(classIs("search-results-item"))]")) ?? []
        let totalText = try? document.text("//*[\(classIs("results-number"))]")
        guard let total = WebText.number(in: totalText) else {
            let body = (try? document.text("//body")) ?? ""
            if items.isEmpty, body.range(of: "no results", options: .caseInsensitive) != nil {
                return CochraneSearchPage(total: 0, interpretation: nil, records: [])
            }
            throw ConnectorError(
                .unexpectedResponse,
                "no result total (`.results-number`) on the Cochrane search page; this is not the results layout "
                    + "the connector reads", location: source)
        }
        var records: [Record] = []
        for (index, item) in items.enumerated() {
            guard let record = record(from: item) else {
                throw ConnectorError(
                    .unexpectedResponse,
                    "result \(index + 1) on the Cochrane search page has no CN-/CD accession link", location: source)
            }
            records.append(record)
        }
        if total > 0, records.isEmpty {
            throw ConnectorError(
                .unexpectedResponse,
                "the Cochrane search page reports \(total) results but lists no `div.search-results-item`",
                location: source)
        }
        let interpretation = try? document.text("//*[@id='searchResultText']")
        return CochraneSearchPage(total: total, interpretation: interpretation, records: records)
    }

    /// XPath predicate: the element's class list contains `name`.
    static func classIs(_ name: String) -> String {
        "contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')"
    }

    private static func record(from item: XMLNode) -> Record? {
        guard let link = try? item.first(".//*[\(classIs("result-title"))]//a[@href]"),
            let href = link.attribute("href"),
            let reference = CochraneReference(href: href)
        else { return nil }
        var record = Record(database: CochraneConnector.id, nativeID: reference.accession)
        record.title = Normalize.text(link.text)
        record.url = reference.canonicalURL
        reference.apply(to: &record)

        if let authors = try? item.text(".//*[\(classIs("search-result-authors"))]") {
            record.authors = CochraneReference.authors(authors)
        }
        if let metadata = try? item.first(".//*[\(classIs("search-result-metadata-text"))]/span") {
            let year = (try? metadata.text("strong")).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            CochraneReference.applyMetadata(metadata.text, year: year, to: &record)
        }
        return record
    }
}
