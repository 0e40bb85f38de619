import Foundation
import LitharvestCore
import LitharvestModel
import Testing

#if canImport(PubMedParsers)
@testable import PubMedParsers
#else
@testable import LitharvestConnectors
#endif

// efetch_pmc_full_article.xml is a real efetch db=pmc response (see Fixtures/pubmed/SOURCES.md); expected values
// were read from it. Inline documents marked "synthetic" cover JATS shapes the fixture does not have.

@Suite("PMC efetch JATS → Record")
struct PMCArticleParserTests {
    @Test("Full JATS article: ids, title, authors with affiliations, journal, dates, abstract, keywords")
    func fullArticle() throws {
        let (records, report) = try parsePMC(pmcFixtureData(), source: "efetch_pmc_full_article.xml")
        #expect(report.recordsRead == 1)
        #expect(report.diagnostics.isEmpty)
        let record = try #require(records.first)
        #expect(record.database == "pmc")
        #expect(record.nativeID == "PMC3299399")
        #expect(record.pmcid == "PMC3299399")
        #expect(record.pmid == "22416237")
        #expect(record.doi == "10.3389/fpsyt.2012.00018")
        #expect(record.url == "https://pmc.ncbi.nlm.nih.gov/articles/PMC3299399/")
        #expect(record.title == "The Effects of Psychosis Risk Variants on Brain Connectivity: A Review")
        #expect(record.otherTitle == nil)

        let affiliations = [
            "Neuropsychiatric Genetics Group, Department of Psychiatry, Trinity College Dublin, Dublin, Ireland",
            "Trinity College Institute for Neuroscience, Trinity College Dublin, Dublin, Ireland",
        ]
        #expect(record.authors == [
            Author(family: "Mothersill", given: "Omar", affiliations: affiliations),
            Author(family: "Kelly", given: "Sinead", affiliations: affiliations),
            Author(family: "Rose", given: "Emma Jane", affiliations: affiliations),
            Author(family: "Donohoe", given: "Gary", affiliations: affiliations),
        ])

        #expect(record.journal == "Frontiers in Psychiatry")
        #expect(record.journalAbbreviation == "Front Psychiatry")
        #expect(record.issns == [ISSN("1664-0640", kind: .electronic)])
        // pub-date epub (2012-03-09) is preferred to collection (2012).
        #expect(record.date == PublicationDate(year: 2012, month: 3, day: 9))
        #expect(record.volume == "3")
        #expect(record.issue == nil)
        #expect(record.pages == nil)
        #expect(record.articleNumber == "18")

        let abstract = try #require(record.abstract)
        #expect(abstract.hasPrefix("In light of observed changes in connectivity in schizophrenia"))
        #expect(abstract.contains("an estimate of effect size (i.e., Cohen’s d)."))
        #expect(abstract.contains("had a large effect on functional (mean d = 0.76) and structural connectivity (mean d = 1.04)."))
        #expect(abstract.contains("were comparable (Q = 2.17, p > 0.05)."))
        #expect(abstract.hasSuffix("novel analysis techniques for confirmation."))
        #expect(!abstract.contains("\n"))

        #expect(record.keywords == [
            "schizophrenia", "functional connectivity", "structural connectivity", "genotype", "effect size",
        ])
        #expect(record.publicationTypes == ["review-article"])
        #expect(record.languages.isEmpty)
        #expect(record.subjects.isEmpty)
    }

    @Test("Ids and titles of the ref-list never leak into the record")
    func referencesDoNotLeak() throws {
        let (records, _) = try parsePMC(pmcFixtureData())
        let record = try #require(records.first)
        // First reference: Braff et al. 2007, doi 10.1093/schbul/sbl049, pmid 17088422.
        #expect(record.pmid == "22416237")
        #expect(record.doi == "10.3389/fpsyt.2012.00018")
        #expect(record.identifiers.isEmpty)
        #expect(record.title?.contains("Deconstructing schizophrenia") == false)
        #expect(!record.authors.contains { $0.family == "Braff" })
        #expect(record.date?.year == 2012)
    }

    @Test("An article with its full text withheld (front only) still yields its metadata")
    func frontOnlyArticle() throws {
        // The real fixture with <body> and <back> cut out and PMC's notice comment put in their place.
        var text = String(decoding: try pmcFixtureData(), as: UTF8.self)
        let body = try #require(text.range(of: "<body>"))
        let backEnd = try #require(text.range(of: "</back>"))
        text.replaceSubrange(
            body.lowerBound..<backEnd.upperBound,
            with: "<!-- The publisher of this article does not allow downloading of the full text in XML form. -->"
        )
        #expect(!text.contains("<ref-list>"))
        let (records, report) = try parsePMC(Data(text.utf8))
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        #expect(record.pmcid == "PMC3299399")
        #expect(record.pmid == "22416237")
        #expect(record.title == "The Effects of Psychosis Risk Variants on Brain Connectivity: A Review")
        #expect(record.authors.count == 4)
        #expect(record.abstract?.hasPrefix("In light of observed changes") == true)
    }

    @Test("Sectioned abstract, markup and MathML in titles, collab, ORCID, labels dropped, print date preferred")
    func syntheticJATS() throws {
        // Synthetic JATS 1.3 shapes; the values are made up.
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <pmc-articleset>
            <article xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" xml:lang="en">
            <front>
            <journal-meta>
              <journal-id journal-id-type="nlm-ta">J Test</journal-id>
              <journal-id journal-id-type="iso-abbrev">J. Test.</journal-id>
              <journal-title-group><journal-title>Journal of Testing</journal-title></journal-title-group>
              <issn publication-format="print">1111-2222</issn>
              <issn publication-format="electronic">3333-4444</issn>
            </journal-meta>
            <article-meta>
              <article-id pub-id-type="pmcid">PMC1234567</article-id>
              <article-id pub-id-type="pmid">31000001</article-id>
              <article-id pub-id-type="doi">10.1000/J.TEST.2020.1</article-id>
              <title-group>
                <article-title>Role of <italic>TP53</italic> in Ca<sup>2+</sup> signalling: <inline-formula><alternatives><tex-math>\\alpha</tex-math><mml:math><mml:mi>α</mml:mi></mml:math></alternatives></inline-formula>-helix models<xref ref-type="fn" rid="fn1">*</xref></article-title>
                <trans-title-group xml:lang="de"><trans-title>Die Rolle von <italic>TP53</italic></trans-title></trans-title-group>
              </title-group>
              <contrib-group>
                <contrib contrib-type="author">
                  <contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id>
                  <name><surname>Smith</surname><given-names>Jane A.</given-names></name>
                  <xref ref-type="aff" rid="a1 a2"><sup>1,2</sup></xref>
                </contrib>
                <contrib contrib-type="author">
                  <collab>The Example Consortium<contrib-group><contrib><name><surname>Member</surname></name></contrib></contrib-group></collab>
                </contrib>
                <contrib contrib-type="author">
                  <name><surname>Lee</surname><given-names>Min</given-names></name>
                  <aff><institution>Own Institute</institution>, <city>Seoul</city>, <country>Korea</country></aff>
                </contrib>
                <contrib contrib-type="editor"><name><surname>Editor</surname><given-names>E.</given-names></name></contrib>
              </contrib-group>
              <aff id="a1"><label>1</label><institution-wrap><institution-id institution-id-type="ror">https://ror.org/000000000</institution-id><institution>First University</institution></institution-wrap><country>France</country></aff>
              <aff id="a2"><label>2</label>Second Lab, Lyon, France</aff>
              <pub-date publication-format="electronic" date-type="pub"><day>15</day><month>January</month><year>2020</year></pub-date>
              <pub-date publication-format="print" date-type="pub"><month>Mar</month><year>2020</year></pub-date>
              <pub-date pub-type="pmc-release"><day>01</day><month>01</month><year>2021</year></pub-date>
              <volume>12</volume>
              <issue>3</issue>
              <fpage>101</fpage>
              <lpage>109</lpage>
              <abstract abstract-type="graphical"><p>Graphical abstract text.</p></abstract>
              <abstract>
                <title>Abstract</title>
                <sec><title>Background</title><p>Why we did it with <italic>p</italic> &lt; 0.05.</p></sec>
                <sec><title>Methods</title><p>How.</p><p>More how.</p></sec>
                <sec><title>Results</title><p>The mass was <inline-formula><mml:math><mml:mrow><mml:msup><mml:mi>m</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:mrow></mml:math></inline-formula> large.</p></sec>
              </abstract>
              <kwd-group kwd-group-type="author"><title>Keywords</title><kwd>apoptosis</kwd><kwd><italic>TP53</italic></kwd></kwd-group>
            </article-meta>
            </front>
            <back><ref-list><ref id="r1"><element-citation><article-title>Cited work</article-title><pub-id pub-id-type="pmid">999</pub-id><pub-id pub-id-type="doi">10.9/cited</pub-id></element-citation></ref></ref-list></back>
            </article>
            <article article-type="letter"><front><article-meta><article-id pub-id-type="pmid">31000002</article-id><title-group><article-title>No PMC id</article-title></title-group></article-meta></front></article>
            <article article-type="correction"><front><journal-meta><journal-title>Old Style Title</journal-title><issn pub-type="ppub">5555-6666</issn></journal-meta><article-meta><article-id pub-id-type="pmc">7654321</article-id><title-group><article-title>Correction</article-title></title-group><contrib-group><contrib contrib-type="author"><name><surname>Solo</surname><given-names>Han</given-names></name></contrib></contrib-group><aff>Shared Institute, Oslo, Norway</aff><pub-date pub-type="collection"><season>Spring</season><year>2019</year></pub-date><fpage>7</fpage></article-meta></front></article>
            </pmc-articleset>
            """
        let (records, report) = try parsePMC(Data(xml.utf8), source: "jats.xml")
        #expect(records.count == 2)
        #expect(report.recordsRead == 2)
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.severity == .warning)
        #expect(report.diagnostics.first?.location == "jats.xml:56")

        let record = records[0]
        #expect(record.nativeID == "PMC1234567")
        #expect(record.pmid == "31000001")
        #expect(record.doi == "10.1000/j.test.2020.1")
        #expect(record.title == "Role of TP53 in Ca2+ signalling: α-helix models")
        #expect(record.otherTitle == "Die Rolle von TP53")
        #expect(record.authors.count == 3)
        #expect(record.authors[0].displayName == "Smith, Jane A.")
        #expect(record.authors[0].orcid == "0000-0002-1825-0097")
        #expect(record.authors[0].affiliations == ["First University, France", "Second Lab, Lyon, France"])
        #expect(record.authors[1] == Author(literal: "The Example Consortium"))
        #expect(record.authors[2].affiliations == ["Own Institute, Seoul, Korea"])
        #expect(record.journal == "Journal of Testing")
        #expect(record.journalAbbreviation == "J. Test.")
        #expect(record.issns == [ISSN("1111-2222", kind: .print), ISSN("3333-4444", kind: .electronic)])
        #expect(record.date == PublicationDate(year: 2020, month: 3))
        #expect(record.volume == "12")
        #expect(record.issue == "3")
        #expect(record.pages == "101-109")
        #expect(record.articleNumber == nil)
        #expect(record.abstract == "Background: Why we did it with p < 0.05.\n\nMethods: How. More how.\n\nResults: The mass was m2 large.")
        #expect(record.keywords == ["apoptosis", "TP53"])
        #expect(record.publicationTypes == ["research-article"])
        #expect(record.languages == ["en"])

        let correction = records[1]
        #expect(correction.nativeID == "PMC7654321")
        #expect(correction.pmid == nil)
        #expect(correction.journal == "Old Style Title")
        #expect(correction.issns == [ISSN("5555-6666", kind: .print)])
        #expect(correction.date == PublicationDate(year: 2019, text: "Spring"))
        #expect(correction.pages == "7")
        #expect(correction.abstract == nil)
        #expect(correction.authors == [Author(family: "Solo", given: "Han", affiliations: ["Shared Institute, Oslo, Norway"])])
        #expect(correction.publicationTypes == ["correction"])
    }

    @Test("Errors and foreign documents throw instead of yielding zero records")
    func failures() throws {
        let html = Data("<html><head><title>Service unavailable</title></head><body>down_bethesda</body></html>".utf8)
        let htmlError = #expect(throws: ConnectorError.self) {
            _ = try PMCArticleParser().parse(data: html, source: "pmc") { _ in }
        }
        #expect(htmlError?.kind == .unexpectedResponse)
        #expect(htmlError?.message.contains("Service unavailable") == true)

        let failure = Data("<?xml version=\"1.0\"?>\n<eFetchResult>\n<ERROR>Empty id list - nothing todo</ERROR>\n</eFetchResult>".utf8)
        let databaseError = #expect(throws: ConnectorError.self) {
            _ = try PMCArticleParser().parse(data: failure, source: "pmc") { _ in }
        }
        #expect(databaseError?.kind == .databaseError)
        #expect(databaseError?.message == "Empty id list - nothing todo")
        #expect(databaseError?.location == "pmc:3")

        let pubmed = try Data(contentsOf: #require(
            Bundle.module.url(forResource: "efetch_pubmed_two_articles_season", withExtension: "xml", subdirectory: "Fixtures/pubmed")
        ))
        let wrongRoot = #expect(throws: ConnectorError.self) {
            _ = try PMCArticleParser().parse(data: pubmed, source: "pubmed.xml") { _ in }
        }
        #expect(wrongRoot?.kind == .unexpectedResponse)
        #expect(wrongRoot?.message.contains("PubmedArticleSet") == true)

        let truncated = try pmcFixtureData().prefix(4000)
        let malformed = #expect(throws: ConnectorError.self) {
            _ = try PMCArticleParser().parse(data: Data(truncated), source: "cut.xml") { _ in }
        }
        #expect(malformed?.message.hasPrefix("malformed XML") == true)
        #expect(malformed?.location?.hasPrefix("cut.xml:") == true)

        let (records, report) = try parsePMC(Data("<pmc-articleset></pmc-articleset>".utf8))
        #expect(records.isEmpty)
        #expect(report.recordsRead == 0)
    }

    @Test("parseFile reads the fixture; record(fromArticle:) maps a lone <article> document")
    func fileAndSingleArticle() throws {
        let url = try #require(Bundle.module.url(forResource: "efetch_pmc_full_article", withExtension: "xml", subdirectory: "Fixtures/pubmed"))
        var ids: [String] = []
        let report = try PMCArticleParser().parseFile(atPath: url.path) { ids.append($0.nativeID) }
        #expect(report.recordsRead == 1)
        #expect(ids == ["PMC3299399"])

        var text = String(decoding: try pmcFixtureData(), as: UTF8.self)
        text = text.replacingOccurrences(of: "<pmc-articleset>", with: "").replacingOccurrences(of: "</pmc-articleset>", with: "")
        let (records, _) = try parsePMC(Data(text.utf8))
        #expect(records.map(\.pmid) == ["22416237"])
    }
}

// MARK: - Helpers

private func pmcFixtureData() throws -> Data {
    let url = try #require(Bundle.module.url(forResource: "efetch_pmc_full_article", withExtension: "xml", subdirectory: "Fixtures/pubmed"))
    return try Data(contentsOf: url)
}

private func parsePMC(_ data: Data, source: String = "pmc.xml") throws -> (records: [Record], report: ParseReport) {
    var records: [Record] = []
    let report = try PMCArticleParser().parse(data: data, source: source) { records.append($0) }
    return (records, report)
}
