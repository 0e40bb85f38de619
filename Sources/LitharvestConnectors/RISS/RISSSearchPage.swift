import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// One RISS `Search.do` result page (integrated or one material type), read with XPath. A page is
/// recognised only by a positive sign: the total in the search box, or the "no results" block with its
/// count of 0; anything else (a changed layout, a block page, a shell without results) is an error.
struct RISSSearchPage {
    /// A material-type section of an integrated page with the count RISS shows for it.
    struct Category: Hashable {
        var name: String
        var count: Int
    }

    /// Total hits RISS reported for the query (0 on a zero-hit page).
    var total: Int
    /// Per-category counts (integrated search pages only).
    var categories: [Category]
    /// Records in page order.
    var records: [Record]
    /// Records that could not be read, with why.
    var diagnostics: [Diagnostic]

    /// Parses a page; `location` (URL or file) names it in errors.
    ///
    /// - Throws: ``ConnectorError`` (`.unexpectedResponse`) when the page is not a recognisable result page.
    init(html: Data, location: String) throws {
        let document = try HTMLPage.document(html, source: location)
        let resultCount = try document.text("//div[contains(@class,'searchBox')]//dd//span[@class='num']")
        let noResult = try document.first("//div[contains(@class,'srchResultW') and contains(@class,'noList')]//div[@class='noResultW']")
        if let resultCount {
            guard let count = Int(resultCount.replacingOccurrences(of: ",", with: "")) else {
                throw ConnectorError(.unexpectedResponse, "the result count '\(resultCount)' is not a number", location: location)
            }
            total = count
        } else if let noResult {
            // The zero-hit block states its count ("카테고리에서 0개 검색되었습니다"); require it to say 0.
            let stated = try noResult.text(".//span[@class='cnt']")
            guard stated == "0" else {
                throw ConnectorError(
                    .unexpectedResponse, "a 'no results' block without its count of 0 (found \(stated ?? "nothing"))",
                    location: location)
            }
            total = 0
        } else {
            throw ConnectorError(
                .unexpectedResponse,
                "not a RISS result page: neither a result count (div.searchBox span.num) nor a 'no results' block "
                    + "(div.noResultW); the layout may have changed or the page is a script shell or block page",
                location: location)
        }

        categories = try document.select("//div[contains(concat(' ', @class, ' '), ' catalog ')]//h3[span[@class='moreCnt']]").compactMap { heading in
            let count = try heading.text("span[@class='moreCnt']").flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
            let name = try heading.text("text()")
            guard let count, let name else { return nil }
            return Category(name: name, count: count)
        }

        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        let items = try document.select("//div[contains(@class,'srchResultListW')]//li/div[@class='cont']")
        for item in items {
            do {
                records.append(try Self.record(from: item, location: location))
            } catch let error as ConnectorError {
                diagnostics.append(Diagnostic(.warning, "record skipped: \(error.message)", location: "\(location):\(item.line)"))
            }
        }
        if total > 0, records.isEmpty {
            throw ConnectorError(
                .unexpectedResponse, "RISS reports \(total) hits but the page lists no records (div.srchResultListW li)",
                location: location)
        }
        self.records = records
        self.diagnostics = diagnostics
    }

    /// One `div.cont`: `p.title a` (title and detail link with `control_no`), then `p.etc` spans: writer,
    /// assigned (publisher or university), year, journal link, volume/issue link, degree.
    static func record(from item: XMLNode, location: String) throws -> Record {
        guard let link = try item.first("p[@class='title']/a"), let href = link.attribute("href"),
            let controlNumber = RISSFields.parameter("control_no", in: href), !controlNumber.isEmpty
        else {
            throw ConnectorError(.unexpectedResponse, "a result without a title link carrying control_no", location: "\(location):\(item.line)")
        }
        let matType = RISSFields.parameter("p_mat_type", in: href)
        let (title, otherTitle) = RISSFields.titles(link.text)
        var record = Record(
            database: "riss", nativeID: controlNumber, title: title, otherTitle: otherTitle,
            url: RISSFields.detailURL(matType: matType, controlNumber: controlNumber))
        record.authors = try item.select("p[@class='etc']/span[@class='writer']/a").compactMap { RISSFields.author($0.text) }
        if let material = RISSFields.materialName(matType: matType) { record.publicationTypes.append(material) }
        // `span.assigned`: the publisher of an article or book, the university of a thesis.
        record.publisher = try item.text("p[@class='etc']/span[@class='assigned']").flatMap { SourceText.plain($0) }
        for span in try item.select("p[@class='etc']/span[not(@class)]") {
            let text = span.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            if let anchor = try span.first("a"), let spanHref = anchor.attribute("href") {
                if RISSFields.parameter("v_control_no", in: spanHref) != nil {
                    (record.volume, record.issue) = RISSFields.volumeIssue(text)
                } else {
                    record.journal = SourceText.plain(text)
                }
            } else if text.count == 4, text.allSatisfy(\.isASCIIDigit), let year = Int(text) {
                record.date = PublicationDate(year: year)
            } else if text.hasSuffix("석사") || text.hasSuffix("박사") {
                record.publicationTypes.append(text)
            }
        }
        return record
    }
}
