public import Foundation
public import LitharvestCore
import LitharvestXML

/// A Cochrane Library record page (`/central/doi/…/CN-…/full` or `/cdsr/doi/…/full`): the record from its
/// `citation_*` meta tags plus the "added to CENTRAL" line.
public enum CochraneRecordPage {
    /// Reads a saved record page.
    ///
    /// - Throws: ``ConnectorError`` `.unexpectedResponse` naming `source` when the page has no
    ///   `citation_doi` with a `CN-`/`CD` accession or no `citation_title`.
    public static func parse(_ data: Data, source: String) throws -> Record {
        let document: XMLDocument
        do {
            document = try XMLDocument.parseHTML(data, encoding: "UTF-8", source: source)
        } catch {
            throw ConnectorError(.unexpectedResponse, "the page could not be read as HTML: \(error)", location: source)
        }
        return try parse(document, source: source)
    }

    static func parse(_ document: XMLDocument, source: String) throws -> Record {
        func meta(_ name: String) -> [String] {
            ((try? document.select("//meta[@name='\(name)']/@content")) ?? []).compactMap { SourceText.plain($0.rawText) }
        }
        guard let doi = meta("citation_doi").first, let accession = CochraneReference.accession(inDOI: doi) else {
            throw ConnectorError(
                .unexpectedResponse, "no `citation_doi` with a CN-/CD accession on the Cochrane record page",
                location: source)
        }
        guard let title = meta("citation_title").first else {
            throw ConnectorError(.unexpectedResponse, "no `citation_title` on the Cochrane record page", location: source)
        }
        let url = meta("citation_fulltext_html_url").first
            ?? CochraneSearchPage.origin + (accession.hasPrefix("CD") ? "/cdsr" : "/central") + "/doi/\(doi)/full"
        let reference = CochraneReference(accession: accession, cochraneDOI: doi, canonicalURL: url)
        var record = Record(database: CochraneConnector.id, nativeID: accession, title: title, url: url)
        reference.apply(to: &record)
        record.authors = meta("citation_author").compactMap { WebText.person($0) }
        record.journal = meta("citation_journal_title").first
        record.volume = meta("citation_volume").first
        record.issue = meta("citation_issue").first
        if let first = meta("citation_firstpage").first {
            record.pages = meta("citation_lastpage").first.map { "\(first)-\($0)" } ?? first
        }
        record.keywords = meta("citation_keywords").flatMap { $0.split(separator: ";").compactMap { Normalize.text(String($0)) } }
        record.languages = meta("citation_language")
        record.abstract = try? document.text("//*[contains(@class,'abstract')][contains(@class,'full_abstract')]")

        // The source line (`…, 2007`) carries the publication year; `citation_online_date` is only when
        // the record went online in CENTRAL.
        let sourceLine = (try? document.text("//*[contains(@class,'source-cite')]")) ?? ""
        let added = (try? document.text("//*[contains(@class,'central-date-added')]")) ?? ""
        let year = meta("citation_publication_date").first.flatMap { Normalize.year(in: $0) }
            ?? Normalize.year(in: sourceLine.components(separatedBy: ",").last)
        var fromLine = record
        CochraneReference.applyMetadata(sourceLine + (added.isEmpty ? "" : " | " + added), year: year, to: &fromLine)
        record.identifiers += fromLine.identifiers.filter { $0.scheme != "cochrane-doi" }
        record.date = fromLine.date
        if record.journal == nil { record.journal = fromLine.journal }
        return record
    }
}
