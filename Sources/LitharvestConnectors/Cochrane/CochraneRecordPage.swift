package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// A Cochrane Library record page (`/central/doi/…/CN-…/full` or `/cdsr/doi/…/full`): the record from its
/// `citation_*` meta tags plus the "added to CENTRAL" line.
package enum CochraneRecordPage {
    /// Reads a saved record page.
    ///
    /// - Throws: ``ConnectorError`` `.unexpectedResponse` naming `source` when the page has no
    ///   `citation_doi` with a `CN-`/`CD` accession or no `citation_title`.
    package static func parse(_ data: Data, source: String) throws -> Record {
        let document = try HTMLPage.document(data, source: source)
        return try parse(document, source: source)
    }

    static func parse(_ document: XMLDocument, source: String) throws -> Record {
        let meta = CitationMetaTags(document)
        guard let doi = meta.first("citation_doi"), let accession = CochraneReference.accession(inDOI: doi) else {
            throw ConnectorError(
                .unexpectedResponse, "no `citation_doi` with a CN-/CD accession on the Cochrane record page",
                location: source)
        }
        guard meta.first("citation_title") != nil else {
            throw ConnectorError(.unexpectedResponse, "no `citation_title` on the Cochrane record page", location: source)
        }
        let url = meta.first("citation_fulltext_html_url")
            ?? CochraneSearchPage.origin + (accession.hasPrefix("CD") ? "/cdsr" : "/central") + "/doi/\(doi)/full"
        let reference = CochraneReference(accession: accession, cochraneDOI: doi, canonicalURL: url)
        var record = Record(database: CochraneConnector.id, nativeID: accession, url: url)
        meta.apply(to: &record)
        reference.apply(to: &record)
        record.abstract = try? document.text("//*[contains(@class,'abstract')][contains(@class,'full_abstract')]")

        // The source line (`…, 2007`) carries the publication year; `citation_online_date` is only when
        // the record went online in CENTRAL.
        let sourceLine = (try? document.text("//*[contains(@class,'source-cite')]")) ?? ""
        let added = (try? document.text("//*[contains(@class,'central-date-added')]")) ?? ""
        let year = record.date?.year ?? Normalize.year(in: sourceLine.components(separatedBy: ",").last)
        var fromLine = record
        CochraneReference.applyMetadata(sourceLine + (added.isEmpty ? "" : " | " + added), year: year, to: &fromLine)
        record.identifiers += fromLine.identifiers.filter { $0.scheme != "cochrane-doi" }
        record.date = record.date ?? fromLine.date
        if record.journal == nil { record.journal = fromLine.journal }
        return record
    }
}
