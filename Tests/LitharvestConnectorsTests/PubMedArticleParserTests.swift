import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML
import LitharvestFormats
import Testing

#if canImport(PubMedParsers)
@testable import PubMedParsers
#else
@testable import LitharvestConnectors
#endif

// Fixtures are real NCBI responses copied byte-for-byte (see Fixtures/pubmed/SOURCES.md). The expected values
// below were read from those files. Small inline documents are marked "synthetic": they cover shapes that no
// verbatim public fixture has (MedlineDate, ValidYN="N", errors).

@Suite("PubMed efetch XML → Record")
struct PubMedArticleParserTests {
    // MARK: efetch_pubmed_two_articles_season.xml

    @Test("Season date, KIE keywords, MeSH, ISSN kinds (12091962)")
    func seasonArticle() throws {
        let (records, report) = try parsePubMedFixture("efetch_pubmed_two_articles_season")
        #expect(report.recordsRead == 2)
        #expect(report.diagnostics.isEmpty)
        #expect(records.map(\.nativeID) == ["12091962", "9997"])

        let record = try #require(records.first)
        #expect(record.database == "pubmed")
        #expect(record.pmid == "12091962")
        #expect(record.title == "The treatment of AIDS behind the walls of correctional facilities.")
        #expect(record.authors == [Author(family: "Olivero", given: "J Michael", initials: "JM")])
        #expect(record.journal == "Social justice (San Francisco, Calif.)")
        #expect(record.journalAbbreviation == "Soc Justice")
        #expect(record.issns == [ISSN("1043-1578", kind: .print), ISSN("1043-1578", kind: .linking)])
        #expect(record.volume == "17")
        #expect(record.issue == "1")
        #expect(record.pages == "113-25")
        #expect(record.articleNumber == nil)
        // <PubDate><Year>1990</Year><Season>Spring</Season>: the year, no month, the season kept as text.
        #expect(record.date == PublicationDate(year: 1990, month: nil, text: "Spring"))
        #expect(record.languages == ["eng"])
        #expect(record.publicationTypes == ["Journal Article", "Review"])
        #expect(record.keywords == ["Health Care and Public Health", "Legal Approach"])
        #expect(record.abstract == nil)
        #expect(record.doi == nil)
        #expect(record.pmcid == nil)
        #expect(record.identifiers.isEmpty)
        #expect(record.url == "https://pubmed.ncbi.nlm.nih.gov/12091962/")
        #expect(record.subjects.count == 19)
        #expect(record.subjects.first == SubjectTerm(term: "AIDS Serodiagnosis", identifier: "D015492", isMajor: false, scheme: "MeSH"))
        #expect(record.subjects.contains(
            SubjectTerm(term: "Acquired Immunodeficiency Syndrome", identifier: "D000163", isMajor: true, scheme: "MeSH")
        ))
        #expect(record.subjects.last?.term == "United States")
    }

    @Test("Full date with month name, DOI and PII from ArticleIdList, qualifier major flag (9997)")
    func fullDateArticle() throws {
        let (records, _) = try parsePubMedFixture("efetch_pubmed_two_articles_season")
        let record = try #require(records.last)
        #expect(record.nativeID == "9997")
        #expect(record.title == "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.")
        #expect(record.date == PublicationDate(year: 1976, month: 9, day: 28))
        #expect(record.doi == "10.1016/0005-2795(76)90109-4")
        #expect(record.identifiers == [RecordIdentifier(scheme: "pii", value: "0005-2795(76)90109-4")])
        #expect(record.authors == [Author(family: "Strekas", given: "T C", initials: "TC")])
        #expect(record.journal == "Biochimica et biophysica acta")
        #expect(record.journalAbbreviation == "Biochim Biophys Acta")
        #expect(record.issns == [ISSN("0006-3002", kind: .print), ISSN("0006-3002", kind: .linking)])
        #expect(record.volume == "446")
        #expect(record.issue == "1")
        #expect(record.pages == "179-91")
        #expect(record.abstract?.hasPrefix("Electron paramagnetic resonance and magnetic susceptibility studies") == true)
        #expect(record.abstract?.hasSuffix("indicating the existence of a mechanism for heme-flavin interaction.") == true)
        let chromatium = try #require(record.subjects.first { $0.term == "Chromatium" })
        #expect(chromatium.identifier == "D002844")
        #expect(chromatium.isMajor == false)
        #expect(chromatium.qualifiers == [SubjectTerm.Qualifier(name: "enzymology", identifier: "Q000201", isMajor: true)])
        let iron = try #require(record.subjects.first { $0.term == "Iron" })
        #expect(iron.qualifiers == [SubjectTerm.Qualifier(name: "analysis", identifier: "Q000032", isMajor: false)])
        #expect(record.keywords.isEmpty)
    }

    // MARK: efetch_pubmed_two_articles_charref.xml

    @Test("Numeric character references and &lt; are decoded (11748933, 11700088)")
    func characterReferences() throws {
        let (records, _) = try parsePubMedFixture("efetch_pubmed_two_articles_charref")
        #expect(records.map(\.nativeID) == ["11748933", "11700088"])
        let first = records[0]
        #expect(first.title == "Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti).")
        #expect(first.authors.count == 8)
        #expect(first.authors.first?.family == "Taddei")
        #expect(first.authors.first?.given == "A R")
        #expect(first.authors.first?.initials == "AR")
        #expect(first.authors.first?.affiliations == [
            "Dipartimento di Scienze Ambientali, Università degli Studi della Tuscia, 01100 Viterbo, Italy.",
        ])
        #expect(first.authors.last == Author(family: "Mazzini", given: "M", initials: "M"))
        #expect(first.abstract?.contains("compared with 24% in the fresh sample (P < 0.001).") == true)
        #expect(first.abstract?.contains("Copyright") == false)
        #expect(first.date == PublicationDate(year: 2001, month: 6))
        #expect(first.volume == "42")
        #expect(first.issue == "4")
        #expect(first.pages == "244-55")
        #expect(first.doi == "10.1006/cryo.2001.2328")
        #expect(first.identifiers == [RecordIdentifier(scheme: "pii", value: "S0011-2240(01)92328-4")])
        #expect(first.publicationTypes == ["Journal Article", "Research Support, Non-U.S. Gov't"])
        let seaBream = try #require(first.subjects.first { $0.term == "Sea Bream" })
        #expect(seaBream.qualifiers == [
            SubjectTerm.Qualifier(name: "anatomy & histology", identifier: "Q000033", isMajor: true),
            SubjectTerm.Qualifier(name: "physiology", identifier: "Q000502", isMajor: false),
        ])
        #expect(first.subjects.first { $0.term == "Sperm Motility" }?.isMajor == true)

        let second = records[1]
        #expect(second.title == "Proton MRI of (13)C distribution by J and chemical shift editing.")
        #expect(second.journal == "Journal of magnetic resonance (San Diego, Calif. : 1997)")
        #expect(second.journalAbbreviation == "J Magn Reson")
        #expect(second.authors.map(\.displayName) == [
            "Casieri, C", "Testa, C", "Carpinelli, G", "Canese, R", "Podo, F", "De Luca, F",
        ])
        #expect(second.authors[0].affiliations == ["INFM and Department of Physics, University of L'Aquila, I-67100 L'Aquila, Italy."])
        #expect(second.date == PublicationDate(year: 2001, month: 11))
        #expect(second.subjects.isEmpty)
        #expect(second.doi == "10.1006/jmre.2001.2429")
    }

    // MARK: efetch_pubmed_structured_abstract.xml

    @Test("Structured abstract keeps labels and inline markup text (28775130)")
    func structuredAbstract() throws {
        let (records, report) = try parsePubMedFixture("efetch_pubmed_structured_abstract")
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        // 40 CommentsCorrections carry other PMIDs; only the article's own is used.
        #expect(record.nativeID == "28775130")
        #expect(record.pmid == "28775130")
        #expect(record.title == "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.")
        let abstract = try #require(record.abstract)
        let paragraphs = abstract.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 4)
        #expect(paragraphs.map { $0.prefix { $0 != ":" } } == ["OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(paragraphs[0].hasPrefix("OBJECTIVES: Animal studies suggest that exposure to pesticides may alter thyroid function;"))
        // <u>&lt;</u> and <sub> keep their text.
        #expect(paragraphs[1].contains("compared with normal TSH (0.4-<4.5 mIU/L) and for anti-TPO positivity."))
        #expect(paragraphs[1].contains("(TSH >4.5 mIU/L)"))
        #expect(paragraphs[2].contains("(ORQ3=4.15, 95% CI 1.56 to 11.01, ORQ4=4.76, 95% CI 1.53 to 14.82, ptrend <0.01)"))
        #expect(paragraphs[3] == "CONCLUSIONS: Our results suggest that long-term exposure to aldrin, pendimethalin and methyl bromide may alter thyroid function among male pesticide applicators.")
        // CopyrightInformation (raw UTF-8 "©") is not abstract text.
        #expect(!abstract.contains("©"))

        #expect(record.doi == "10.1136/oemed-2017-104431")
        #expect(record.pmcid == "PMC5771820")
        #expect(record.identifiers == [
            RecordIdentifier(scheme: "pii", value: "oemed-2017-104431"),
            RecordIdentifier(scheme: "mid", value: "NIHMS932407"),
        ])
        #expect(record.issns == [ISSN("1470-7926", kind: .electronic), ISSN("1351-0711", kind: .linking)])
        #expect(record.journal == "Occupational and environmental medicine")
        #expect(record.journalAbbreviation == "Occup Environ Med")
        #expect(record.volume == "75")
        #expect(record.issue == "2")
        #expect(record.pages == "79-89")
        #expect(record.date == PublicationDate(year: 2018, month: 2))
        #expect(record.authors.count == 12)
        #expect(record.authors.first?.displayName == "Lerro, Catherine C")
        #expect(record.authors.last?.displayName == "Ward, Mary H")
        let dellaValle = try #require(record.authors.first { $0.family == "DellaValle" })
        #expect(dellaValle.affiliations == [
            "Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA.",
            "Environmental Working Group, Washington, DC, USA.",
        ])
        #expect(record.authors.first { $0.family == "Beane Freeman" }?.given == "Laura E")
        #expect(record.keywords == [
            "agriculture", "hypothyroidism", "pesticides", "thyroid disease", "thyroid stimulating hormone",
        ])
        #expect(record.subjects.isEmpty)
        #expect(record.publicationTypes == ["Journal Article"])
    }

    // MARK: efetch_pubmed_collective_mathml.xml

    @Test("Collective author, ORCID, MathML in the abstract, ReferenceList ignored (29963580)")
    func collectiveAndMathML() throws {
        let (records, _) = try parsePubMedFixture("efetch_pubmed_collective_mathml")
        let record = try #require(records.first)
        #expect(record.nativeID == "29963580")
        #expect(record.title == "Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.")
        #expect(record.authors.count == 9)
        #expect(record.authors.first?.displayName == "Guo, Fumin")
        #expect(record.authors.first?.affiliations.count == 3)
        #expect(record.authors.first?.affiliations.last == "University of Toronto, Sunnybrook Research Institute, Toronto, Canada.")
        let capaldi = try #require(record.authors.first { $0.family == "Capaldi" })
        #expect(capaldi.orcid == "0000-0002-4590-7461")
        #expect(record.authors.first { $0.family == "Fenster" }?.orcid == "0000-0003-3525-2788")
        #expect(record.authors.first?.orcid == nil)
        let collective = try #require(record.authors.last)
        #expect(collective.isLiteral)
        #expect(collective.literal == "Canadian Respiratory Research Network")
        #expect(collective.family == nil)

        let abstract = try #require(record.abstract)
        // <mml:mmultiscripts> with prescripts read as "3He"; the thin-space <mml:mtext> becomes a space.
        #expect(abstract.contains("included: (1) inhaled 3He/129Xe MRI ventilation and apparent diffusion coefficients,"))
        #expect(abstract.contains("(3) ultrashort echo-time 1H MRI proton density measurements, (4) free-breathing Fourier-decomposition 1H MRI ventilation/perfusion"))
        #expect(abstract.hasSuffix("for point-of-care and high-throughput research."))
        #expect(!abstract.contains("\n"))

        // Own ids only: the 49 references in PubmedData/ReferenceList repeat IdType="pubmed".
        #expect(record.pmid == "29963580")
        #expect(record.doi == "10.1117/1.jmi.5.2.026002")
        #expect(record.pmcid == "PMC6022861")
        #expect(record.identifiers == [RecordIdentifier(scheme: "pii", value: "17360RR")])
        #expect(record.pages == "026002")
        #expect(record.articleNumber == nil)
        #expect(record.journal == "Journal of medical imaging (Bellingham, Wash.)")
        #expect(record.journalAbbreviation == "J Med Imaging (Bellingham)")
        #expect(record.issns == [ISSN("2329-4302", kind: .print), ISSN("2329-4302", kind: .linking)])
        #expect(record.date == PublicationDate(year: 2018, month: 4))
        #expect(record.keywords.count == 5)
        #expect(record.keywords.contains("image processing, biomarkers"))
    }

    // MARK: efetch_pubmed_20_articles.xml

    @Test("Twenty articles in request order; ReferenceList ids do not leak")
    func twentyArticles() throws {
        let (records, report) = try parsePubMedFixture("efetch_pubmed_20_articles")
        #expect(report.recordsRead == 20)
        #expect(records.count == 20)
        #expect(report.diagnostics.isEmpty)
        #expect(records.map(\.nativeID) == [
            "10485824", "6677511", "2877511", "6143560", "3709451", "3934796", "8761421", "10357793", "20358181",
            "6355494", "8998951", "3383337", "12209194", "11995694", "12215663", "1632818", "3180084", "14727734",
            "23625783", "11246142",
        ])
        #expect(Set(records.map(\.pmid)).count == 20)

        // The record with a ReferenceList (whose nested ArticleIdLists repeat IdType="pubmed").
        let cited = try #require(records.first { $0.nativeID == "3709451" })
        #expect(cited.pmid == "3709451")
        #expect(cited.doi == "10.1289/ehp.8665263")
        #expect(cited.pmcid == "PMC1474679")
        #expect(cited.identifiers.isEmpty)
        #expect(cited.title == "Studies on the genetic effects of phthalic acid esters on cells in culture.")
        #expect(cited.volume == "65")
        #expect(cited.issue == nil)
        #expect(cited.date == PublicationDate(year: 1986, month: 3))
        #expect(!records.contains { $0.pmid == "5882717" || $0.nativeID == "5882717" })

        // <Season>Jul-Aug</Season>: a month range gives its first month, the text is kept.
        let season = records[0]
        #expect(season.date == PublicationDate(year: 1999, month: 7, text: "Jul-Aug"))
        #expect(season.authors.first?.affiliations == [
            "Zeneca Central Toxicology Laboratory, Alderley Park, Macclesfield, Cheshire, United Kingdom. Tony.Soames@ctl.zeneca.com",
        ])
        #expect(season.subjects.first { $0.term == "Diethylhexyl Phthalate" }?.qualifiers == [
            SubjectTerm.Qualifier(name: "administration & dosage", identifier: "Q000008", isMajor: true),
        ])

        // Year-only date and no identifiers besides the PMID.
        let yearOnly = records[1]
        #expect(yearOnly.date == PublicationDate(year: 1983))
        #expect(yearOnly.doi == nil)
        #expect(yearOnly.abstract == nil)

        // Status="Publisher" record with a letter in its pages.
        let publisher = records[12]
        #expect(publisher.nativeID == "12209194")
        #expect(publisher.pages == "1-G5")
        #expect(publisher.authors.count == 1)
        #expect(publisher.abstract?.contains("95&percnt; that of the controls") == true)

        // &#x3bc; in the abstract; DOI from ArticleIdList agrees with ELocationID.
        let mu = records[18]
        #expect(mu.nativeID == "23625783")
        #expect(mu.abstract?.contains("at doses of 20 and 40 μg/kg per body weight") == true)
        #expect(mu.doi == "10.1002/em.21776")
        #expect(mu.issns == [ISSN("1098-2280", kind: .electronic), ISSN("0893-6692", kind: .linking)])
        #expect(mu.authors.last?.displayName == "Shen, Wei")

        #expect(records.last?.issue == "1-3")
        #expect(records.last?.publicationTypes == ["Comparative Study", "Journal Article", "Review"])
        #expect(records.last?.doi == "10.1016/s0300-483x(00)00451-0")
    }

    // MARK: efetch_pubmed_book_article.xml

    @Test("PubmedBookArticle: book title, editors excluded, book accession (20301295)")
    func bookArticle() throws {
        let (records, report) = try parsePubMedFixture("efetch_pubmed_book_article")
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        #expect(record.database == "pubmed")
        #expect(record.nativeID == "20301295")
        #expect(record.pmid == "20301295")
        // Raw UTF-8 "™" in <BookTitle>.
        #expect(record.title == "GeneReviews™")
        #expect(record.publicationTypes.last == "Book")
        #expect(CSLJSONWriter.item(for: record)["type"] as? String == "book")
        // The record is the whole book (no ArticleTitle), so there is no container.
        #expect(record.journal == nil)
        // Only an AuthorList Type="editors" exists.
        #expect(record.authors.isEmpty)
        #expect(record.identifiers == [RecordIdentifier(scheme: "bookaccession", value: "NBK1116")])
        #expect(record.date == PublicationDate(year: 1993))
        #expect(record.languages == ["eng"])
        #expect(record.abstract?.hasPrefix("GeneReviews are expert-authored, peer-reviewed disease descriptions") == true)
        #expect(record.abstract?.contains("Copyright") == false)
        #expect(record.doi == nil)
        #expect(record.url == "https://pubmed.ncbi.nlm.nih.gov/20301295/")
    }

    // MARK: http_cassette_efetch_collective_author.yaml

    @Test("Response body of the recorded cassette: collective author only (21860499)")
    func cassetteCollectiveAuthor() throws {
        let url = try pubmedFixtureURL("http_cassette_efetch_collective_author", extension: "yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
        let body = try cassetteResponseBody(yaml)
        #expect(body.hasPrefix("<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet"))

        var records: [Record] = []
        let report = try PubMedArticleParser().parse(data: Data(body.utf8), source: "cassette") { records.append($0) }
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        #expect(record.nativeID == "21860499")
        #expect(record.title == "Nitrofen.")
        #expect(record.authors == [Author(literal: "National Toxicology Program")])
        #expect(record.journal == "Report on carcinogens : carcinogen profiles")
        #expect(record.journalAbbreviation == "Rep Carcinog")
        #expect(record.issns == [ISSN("1551-8280", kind: .electronic), ISSN("1551-8272", kind: .linking)])
        #expect(record.volume == "12")
        #expect(record.issue == nil)
        #expect(record.pages == "296-7")
        #expect(record.date == PublicationDate(year: 2011))
        #expect(record.abstract == nil)
        #expect(record.doi == nil)
        let carcinogens = try #require(record.subjects.first { $0.term == "Carcinogens, Environmental" })
        #expect(carcinogens.qualifiers.map(\.name) == ["chemistry", "poisoning", "toxicity"])
        #expect(carcinogens.qualifiers.last?.isMajor == true)
        #expect(record.subjects.first { $0.term == "Occupational Exposure" }?.qualifiers.map(\.name) == [
            "adverse effects", "legislation & jurisprudence", "standards",
        ])
    }

    // MARK: Files

    @Test("parseFile reads plain and gzip files with the same result")
    func parseFilePlainAndGzip() throws {
        let url = try pubmedFixtureURL("efetch_pubmed_20_articles", extension: "xml")
        var plain: [String] = []
        let report = try PubMedArticleParser().parseFile(atPath: url.path) { plain.append($0.nativeID) }
        #expect(report.recordsRead == 20)
        #expect(plain.count == 20)

        let gzip = "/usr/bin/gzip"
        guard FileManager.default.isExecutableFile(atPath: gzip) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pubmed-parser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("batch.xml")
        try FileManager.default.copyItem(at: url, to: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = [copy.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var zipped: [String] = []
        let zippedReport = try PubMedArticleParser().parseFile(atPath: copy.path + ".gz") { zipped.append($0.nativeID) }
        #expect(zippedReport.recordsRead == 20)
        #expect(zipped == plain)
    }

    @Test("record(fromArticle:) maps one element of a parsed document")
    func recordFromArticleNode() throws {
        let data = try Data(contentsOf: pubmedFixtureURL("efetch_pubmed_two_articles_season", extension: "xml"))
        let document = try XMLDocument.parse(data, source: "season")
        let articles = try document.select("/PubmedArticleSet/PubmedArticle")
        #expect(articles.count == 2)
        let record = try PubMedArticleParser.record(fromArticle: articles[1])
        #expect(record.nativeID == "9997")
        #expect(record.doi == "10.1016/0005-2795(76)90109-4")
    }

    // MARK: Failures the parser must not turn into "zero records"

    @Test("An HTML page throws instead of yielding zero records")
    func htmlPageThrows() {
        let html = """
            <!DOCTYPE html>
            <html><head><title>NCBI/eutils202 - WWW Error 500 Diagnostic</title></head>
            <body><h1>Error</h1><p>Server Error<br></p></body></html>
            """
        var count = 0
        let error = #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: Data(html.utf8), source: "efetch.fcgi") { _ in count += 1 }
        }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.message.contains("HTML") == true)
        #expect(error?.message.contains("WWW Error 500 Diagnostic") == true)
        #expect(error?.location == "efetch.fcgi")
        #expect(count == 0)
    }

    @Test("<eFetchResult><ERROR> throws a database error with its text")
    func efetchErrorThrows() {
        // Synthetic, in the shape E-utilities uses for whole-request failures.
        let xml = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE eEfetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">
            <eFetchResult>
            \t<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: MCID_0, retstart: 0, retmax: 500</ERROR>
            </eFetchResult>
            """
        let error = #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: Data(xml.utf8), source: "efetch") { _ in }
        }
        #expect(error?.kind == .databaseError)
        #expect(error?.message == "Cannot retrieve history data. query_key: 1, WebEnv: MCID_0, retstart: 0, retmax: 500")
        #expect(error?.location == "efetch:4")
    }

    @Test("Another E-utilities document (an esearch answer) is not a PubmedArticleSet")
    func wrongRootThrows() throws {
        let data = try Data(contentsOf: pubmedFixtureURL("efetch_pmc_full_article", extension: "xml"))
        let error = #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: data, source: "pmc.xml") { _ in }
        }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.message.contains("pmc-articleset") == true)

        let esearch = Data("<?xml version=\"1.0\"?><eSearchResult><Count>0</Count></eSearchResult>".utf8)
        let second = #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: esearch, source: "esearch") { _ in }
        }
        #expect(second?.message.contains("eSearchResult") == true)
    }

    @Test("Malformed XML throws with its line")
    func malformedThrowsWithLine() {
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation><PMID>1</PMID>
            <Article><ArticleTitle>Broken</Title></Article>
            </MedlineCitation></PubmedArticle>
            </PubmedArticleSet>
            """
        let error = #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: Data(xml.utf8), source: "broken.xml") { _ in }
        }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.message.hasPrefix("malformed XML") == true)
        #expect(error?.location?.hasPrefix("broken.xml:4") == true)
    }

    @Test("Empty input throws; an empty PubmedArticleSet is zero records")
    func emptyInputs() throws {
        #expect(throws: ConnectorError.self) {
            _ = try PubMedArticleParser().parse(data: Data(), source: "empty") { _ in }
        }
        let (records, report) = try parsePubMed(Data("<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n".utf8))
        #expect(records.isEmpty)
        #expect(report.recordsRead == 0)
        #expect(report.diagnostics.isEmpty)
    }

    @Test("An article without PMID is skipped with a warning naming the line")
    func missingPMIDIsReported() throws {
        // Synthetic.
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation><PMID Version="1">111</PMID><Article><ArticleTitle>First.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><Article><ArticleTitle>No id.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID Version="1">333</PMID><Article><ArticleTitle>Third.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            <DeleteCitation><PMID Version="1">444</PMID></DeleteCitation>
            </PubmedArticleSet>
            """
        let (records, report) = try parsePubMed(Data(xml.utf8), source: "batch.xml")
        #expect(records.map(\.nativeID) == ["111", "333"])
        #expect(report.recordsRead == 2)
        let warnings = report.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location == "batch.xml:4")
        #expect(warnings.first?.message.contains("PMID") == true)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("444") })
    }

    @Test("Errors thrown by emit reach the caller unchanged")
    func emitErrorsPropagate() throws {
        struct Stop: Error {}
        let data = try Data(contentsOf: pubmedFixtureURL("efetch_pubmed_20_articles", extension: "xml"))
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try PubMedArticleParser().parse(data: data, source: "twenty") { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    // MARK: Synthetic shapes no fixture has

    @Test("MedlineDate, ValidYN=N, old Affiliation, undashed ORCID, ELocationID pii, translated title")
    func syntheticShapes() throws {
        // Synthetic: every element name and shape follows the PubMed DTD; the values are made up.
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">900001</PMID>
            <Article PubModel="Print"><Journal><ISSN IssnType="Print">1234-5678</ISSN>
            <JournalIssue><Volume>3</Volume><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue>
            <Title>Revue m\u{E9}dicale</Title></Journal>
            <ArticleTitle>[Effects of <i>Helicobacter pylori</i> on CO<sub>2</sub> release ©].</ArticleTitle>
            <ELocationID EIdType="pii" ValidYN="Y">e1002</ELocationID>
            <ELocationID EIdType="doi" ValidYN="Y">10.1000/EXAMPLE.1</ELocationID>
            <Abstract><AbstractText>Plain abstract.</AbstractText><AbstractText Label="">Second part.</AbstractText></Abstract>
            <Affiliation>Old-style affiliation, Paris, France.</Affiliation>
            <AuthorList CompleteYN="Y">
            <Author ValidYN="Y"><LastName>Dupont</LastName><ForeName>Marie</ForeName><Initials>M</Initials><Identifier Source="ORCID">000000021825009X</Identifier></Author>
            <Author ValidYN="N"><LastName>Wrong</LastName><ForeName>Name</ForeName><Initials>N</Initials></Author>
            <Author ValidYN="Y"><LastName>Martin</LastName><Initials>P</Initials><Identifier Source="ORCID">http://orcid.org/0000-0002-1825-0097</Identifier></Author>
            </AuthorList>
            <AuthorList Type="editors"><Author><LastName>Editor</LastName><ForeName>Ed</ForeName></Author></AuthorList>
            <Language>fre</Language><Language>eng</Language>
            <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
            <VernacularTitle>Effets d'<i>Helicobacter pylori</i>.</VernacularTitle>
            </Article>
            <MedlineJournalInfo><MedlineTA>Rev Med</MedlineTA><ISSNLinking>1234-5678</ISSNLinking></MedlineJournalInfo>
            <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">ulcer</Keyword></KeywordList>
            <KeywordList Owner="NLM"><Keyword MajorTopicYN="N">ulcer</Keyword><Keyword MajorTopicYN="N">gastritis</Keyword></KeywordList>
            <CommentsCorrectionsList><CommentsCorrections RefType="Cites"><RefSource>X</RefSource><PMID Version="1">123</PMID></CommentsCorrections></CommentsCorrectionsList>
            </MedlineCitation>
            <PubmedData><ArticleIdList><ArticleId IdType="pubmed">900001</ArticleId></ArticleIdList></PubmedData>
            </PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID Version="1">900002</PMID>
            <Article><Journal><JournalIssue><PubDate><MedlineDate>2000-2001</MedlineDate></PubDate></JournalIssue></Journal>
            <ArticleTitle>Range.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID Version="1">900003</PMID>
            <Article><Journal><JournalIssue><PubDate><MedlineDate>1975-1976 Winter</MedlineDate></PubDate></JournalIssue></Journal>
            <ArticleTitle>Winter.</ArticleTitle><ArticleDate DateType="Electronic"><Year>2020</Year><Month>05</Month><Day>04</Day></ArticleDate></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID Version="1">900004</PMID>
            <Article><Journal><JournalIssue><PubDate></PubDate></JournalIssue></Journal>
            <ArticleTitle>Electronic only.</ArticleTitle><ArticleDate DateType="Electronic"><Year>2020</Year><Month>05</Month><Day>04</Day></ArticleDate></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID Version="1">900005</PMID><Article><ArticleTitle>History only.</ArticleTitle></Article></MedlineCitation>
            <PubmedData><History><PubMedPubDate PubStatus="entrez"><Year>2021</Year><Month>1</Month><Day>2</Day></PubMedPubDate><PubMedPubDate PubStatus="pubmed"><Year>2021</Year><Month>1</Month><Day>3</Day></PubMedPubDate></History></PubmedData></PubmedArticle>
            </PubmedArticleSet>
            """
        let (records, report) = try parsePubMed(Data(xml.utf8))
        #expect(report.recordsRead == 5)
        let record = records[0]
        // Translated titles keep PubMed's "[...]." form; inline <i>/<sub> text and raw UTF-8 kept.
        #expect(record.title == "[Effects of Helicobacter pylori on CO2 release ©].")
        #expect(record.otherTitle == "Effets d'Helicobacter pylori.")
        #expect(record.journal == "Revue médicale")
        #expect(record.journalAbbreviation == "Rev Med")
        #expect(record.date == PublicationDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        #expect(record.pages == nil)
        #expect(record.articleNumber == "e1002")
        #expect(record.doi == "10.1000/example.1")
        #expect(record.identifiers == [RecordIdentifier(scheme: "pii", value: "e1002")])
        #expect(record.abstract == "Plain abstract.\n\nSecond part.")
        #expect(record.authors.map(\.displayName) == ["Dupont, Marie", "Martin, P"])
        #expect(record.authors[0].orcid == "0000-0002-1825-009X")
        #expect(record.authors[0].affiliations == ["Old-style affiliation, Paris, France."])
        #expect(record.authors[1].orcid == "0000-0002-1825-0097")
        #expect(record.authors[1].affiliations.isEmpty)
        #expect(record.languages == ["fre", "eng"])
        #expect(record.keywords == ["ulcer", "gastritis"])
        #expect(record.pmid == "900001")

        #expect(records[1].date == PublicationDate(year: 2000, text: "2000-2001"))
        #expect(records[2].date == PublicationDate(year: 1975, text: "1975-1976 Winter"))
        #expect(records[3].date == PublicationDate(year: 2020, month: 5, day: 4))
        #expect(records[4].date == PublicationDate(year: 2021, month: 1, day: 3))
    }

    @Test("Book chapter: BookTitle is the container, chapter authors, editors left out")
    func syntheticBookChapter() throws {
        // Synthetic, following the BookDocument shape of the 2019+ DTD.
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedBookArticle><BookDocument>
            <PMID Version="1">900010</PMID>
            <ArticleIdList><ArticleId IdType="bookaccession">NBK9999</ArticleId></ArticleIdList>
            <Book><Publisher><PublisherName>Press</PublisherName></Publisher><BookTitle book="x">Handbook of Things</BookTitle>
            <PubDate><Year>2015</Year><Month>Mar</Month></PubDate>
            <AuthorList Type="editors"><Author ValidYN="Y"><LastName>Editor</LastName><ForeName>Ed</ForeName></Author></AuthorList>
            <Isbn>9780000000002</Isbn></Book>
            <ArticleTitle book="x" part="ch1">Chapter One</ArticleTitle>
            <Pagination><MedlinePgn>1-20</MedlinePgn></Pagination>
            <Language>eng</Language>
            <AuthorList Type="authors"><Author ValidYN="Y"><LastName>Writer</LastName><ForeName>Wanda</ForeName><Initials>W</Initials></Author></AuthorList>
            <PublicationType UI="D016454">Review</PublicationType>
            </BookDocument>
            <PubmedBookData><ArticleIdList><ArticleId IdType="pubmed">900010</ArticleId><ArticleId IdType="doi">10.1000/book.1</ArticleId></ArticleIdList></PubmedBookData>
            </PubmedBookArticle></PubmedArticleSet>
            """
        let (records, _) = try parsePubMed(Data(xml.utf8))
        let record = try #require(records.first)
        #expect(record.title == "Chapter One")
        #expect(record.journal == "Handbook of Things")
        #expect(record.authors == [Author(family: "Writer", given: "Wanda", initials: "W")])
        #expect(record.date == PublicationDate(year: 2015, month: 3))
        #expect(record.pages == "1-20")
        #expect(record.publicationTypes == ["Review", "Book Chapter"])
        #expect(CSLJSONWriter.item(for: record)["type"] as? String == "chapter")
        #expect(record.doi == "10.1000/book.1")
        #expect(record.identifiers == [
            RecordIdentifier(scheme: "bookaccession", value: "NBK9999"), RecordIdentifier(scheme: "isbn", value: "9780000000002"),
        ])
    }
}

// MARK: - Helpers

private func pubmedFixtureURL(_ name: String, extension ext: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/pubmed"))
}

private func parsePubMed(_ data: Data, source: String = "test.xml") throws -> (records: [Record], report: ParseReport) {
    var records: [Record] = []
    let report = try PubMedArticleParser().parse(data: data, source: source) { records.append($0) }
    return (records, report)
}

private func parsePubMedFixture(_ name: String) throws -> (records: [Record], report: ParseReport) {
    let url = try pubmedFixtureURL(name, extension: "xml")
    return try parsePubMed(Data(contentsOf: url), source: url.lastPathComponent)
}

/// The response body of a vcrpy cassette whose body is stored as a YAML single-quoted `string:` scalar:
/// the scalar is unfolded the YAML way (a line break inside is a space, an empty line is a newline,
/// indentation is dropped, `''` is a quote).
private func cassetteResponseBody(_ yaml: String) throws -> String {
    let response = try #require(yaml.range(of: "  response:\n"))
    let marker = try #require(yaml.range(of: "string: '", range: response.upperBound..<yaml.endIndex))
    var raw = ""
    var index = marker.upperBound
    while index < yaml.endIndex {
        let character = yaml[index]
        let next = yaml.index(after: index)
        if character == "'" {
            if next < yaml.endIndex, yaml[next] == "'" {
                raw.append("'")
                index = yaml.index(after: next)
                continue
            }
            break
        }
        raw.append(character)
        index = next
    }
    let lines = raw.components(separatedBy: "\n")
    var body = lines[0].trimmingCharacters(in: .whitespaces)
    var pendingBreaks = 0
    for line in lines.dropFirst() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            pendingBreaks += 1
            continue
        }
        body += pendingBreaks == 0 ? " " : String(repeating: "\n", count: pendingBreaks)
        pendingBreaks = 0
        body += trimmed
    }
    return body
}
