import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The `citation_*` reader on a real KoreaMed Synapse article page (the landing pages KoreaMed records
/// point to).
@Suite("citation_* meta tags of a Synapse article")
struct SynapseMetaTagTests {
    @Test func everyBibliographicTagIsRead() throws {
        let file = "synapse_article_1142721_head_excerpt.html"
        let meta = try CitationMetaTags(html: try fixture("synapse", file), source: file)
        var record = Record(database: "koreamed", nativeID: "synapse-1142721")
        meta.apply(to: &record)
        #expect(record.title == "Low-Dose Abdominal CT Using a Deep Learning-Based Denoising Algorithm: A Comparison with CT Reconstructed with Filtered Back Projection or Iterative Reconstruction Algorithm")
        #expect(record.journal == "Korean Journal of Radiology")
        #expect(record.journalAbbreviation == "Korean J Radiol")
        #expect(record.date == PublicationDate(year: 2020, month: 2, day: 11))
        #expect(record.volume == "21")
        #expect(record.issue == "3")
        #expect(record.pages == "356-364")
        #expect(record.keywords == ["Deep learning", "Denoising", "Iterative reconstruction", "CT", "Phantoms", "Radiation dose"])
        #expect(record.authors.count == 8)
        let first = try #require(record.authors.first)
        #expect(first.family == "Shin")
        #expect(first.given == "Yoon Joo")
        #expect(first.affiliations == ["Department of Radiology, Konkuk University Medical Center, Seoul, Korea."])
        #expect(record.authors.last?.displayName == "Kim, Young Hoon")
        #expect(Normalize.doi(meta.first("citation_doi")) == "10.3348/kjr.2019.0413")
        #expect(meta.first("citation_author_email") == "changwon1981@gmail.com")
    }
}
