import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML
import Testing

@testable import LitharvestConnectors

/// KCI's `oai_dc`: the real record ART001995054 (untyped, as saved by its origin) and the typed wire form.
@Suite("KCI oai_dc")
struct KCIDublinCoreTests {
    private func records(_ body: Data) throws -> [Record] {
        try OAIPMHPage.read(try XMLStreamReader(data: body), source: "oai_dc", mapper: KCIDublinCoreMapper(), database: "kci").records
    }

    @Test func realRecordIsMappedAsFullyAsOaiKci() throws {
        let record = try #require(try records(try fixture("kci", "kci_oai_record_literal_ART001995054.xml")).first)
        #expect(record.nativeID == "ART001995054")
        #expect(record.title == "IT보안과 인터넷뱅킹")
        #expect(record.otherTitle == "IT-security and internet banking")
        #expect(record.authors.map(\.displayName) == ["스기우라 노부히코", "이현정"])
        #expect(record.authors.map(\.affiliations) == [["주오대학교"], ["충남대학교"]])
        #expect(record.journal == "은행법연구")
        #expect(record.volume == "8")
        #expect(record.issue == "1")
        #expect(record.pages == "17-28")
        #expect(record.publisher == "은행법학회")
        #expect(record.date == PublicationDate(year: 2015, month: 5))
        #expect(record.languages == ["한국어"])
        #expect(record.subjects == [SubjectTerm(term: "사회과학일반", scheme: "KCI")])
        #expect(record.identifiers == [
            RecordIdentifier(scheme: "uci", value: "G704-SER000010547.2015.8.1.001"),
            RecordIdentifier(scheme: "oai", value: "oai:kci.go.kr:ARTI/484375"),
        ])
        #expect(record.doi == nil)
        #expect(record.url?.hasSuffix("artiId=ART001995054") == true)
    }

    @Test func typedWireFormReadsTheTypesIssnAndAbstracts() throws {
        let body = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>
            <header><identifier>oai:kci.go.kr:ARTI/914</identifier><datestamp>2023-01-29</datestamp></header>
            <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title lang="english">A Study on Kisaeng Domestic Dramas in 1930s</dc:title>
            <dc:title lang="original">1930년대 기생-가정극 연구</dc:title>
            <dc:creator>백현미(전남대학교)</dc:creator>
            <dc:description lang="original">연애와 여성을 키워드로 한 대중 서사 연구.</dc:description>
            <dc:description lang="english">A study on popular narratives.</dc:description>
            <dc:identifier type="journalInfo" issn="1738-3188">대중서사연구, 21(1), 34, pp.227-260</dc:identifier>
            <dc:identifier type="artiId">ART001985846</dc:identifier>
            <dc:identifier type="citedCnt">3</dc:identifier>
            <dc:identifier type="uci">G704-001717.2015.21.1.001</dc:identifier>
            <dc:identifier type="doi">http://dx.doi.org/10.18856/jpn.2015.21.1.008</dc:identifier>
            <dc:identifier type="regularity">Y</dc:identifier>
            <dc:publisher>대중서사학회</dc:publisher><dc:date>2015-04</dc:date>
            </oai_dc:dc></metadata></record>
            <record><header><identifier>oai:kci.go.kr:ARTI/915</identifier></header>
            <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title lang="original">제목</dc:title>
            <dc:identifier type="artiId">ART000000001</dc:identifier>
            <dc:identifier type="doi">http://dx.doi.org/</dc:identifier>
            </oai_dc:dc></metadata></record></ListRecords></OAI-PMH>
            """
        let parsed = try records(Data(body.utf8))
        let record = try #require(parsed.first)
        #expect(record.nativeID == "ART001985846")
        #expect(record.title == "1930년대 기생-가정극 연구")
        #expect(record.otherTitle == "A Study on Kisaeng Domestic Dramas in 1930s")
        #expect(record.abstract == "연애와 여성을 키워드로 한 대중 서사 연구.")
        #expect(record.otherAbstract == "A study on popular narratives.")
        #expect(record.issns == [ISSN("1738-3188")])
        #expect(record.journal == "대중서사연구")
        #expect(record.volume == "21")
        #expect(record.issue == "1")
        #expect(record.pages == "227-260")
        #expect(record.doi == "10.18856/jpn.2015.21.1.008")
        #expect(record.publisher == "대중서사학회")
        #expect(record.date == PublicationDate(year: 2015, month: 4))
        // The citation count and the listing flag are not identifiers.
        #expect(!record.identifiers.contains { $0.value == "3" || $0.value == "Y" })
        // A bare resolver with no DOI after it is no DOI.
        #expect(parsed[1].doi == nil)
    }

    @Test(arguments: [
        ("대중서사연구, 21(1), 34, pp.227-260", "대중서사연구", "21", "1", "227-260"),
        ("은행법연구, 8(1), 15, pp.17-28", "은행법연구", "8", "1", "17-28"),
        ("Journal of Korean Law, Seoul, 3(2), 7, p.5", "Journal of Korean Law, Seoul", "3", "2", "5"),
        ("한국학, (12), 4", "한국학", nil, "12", nil),
    ] as [(String, String?, String?, String?, String?)])
    func sourceStringRules(text: String, journal: String?, volume: String?, issue: String?, pages: String?) throws {
        let parsed = try #require(KCIDublinCoreMapper.source(text))
        #expect(parsed.journal == journal)
        #expect(parsed.volume == volume)
        #expect(parsed.issue == issue)
        #expect(parsed.pages == pages)
    }

    @Test func aSourceWithoutVolumeAndIssueIsNotGuessed() {
        #expect(KCIDublinCoreMapper.source("은행법연구, 15") == nil)
    }
}
