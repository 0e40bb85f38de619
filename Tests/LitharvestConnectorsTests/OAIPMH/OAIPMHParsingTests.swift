import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML
import Testing

@testable import LitharvestConnectors

/// OAI-PMH answers read from fixture files: OAK's real `oai_dc`, synthetic pages, errors, Identify.
@Suite("OAI-PMH parsing")
struct OAIPMHParsingTests {
    private func parse(_ name: String, mapper: any OAIMetadataMapper = DublinCoreMapper.standard) throws -> ([Record], ParseReport) {
        var records: [Record] = []
        let report = try OAIPMHFileParser(database: "test", mapper: mapper)
            .parseFile(atPath: try fixturePath("oaipmh", name)) { records.append($0) }
        return (records, report)
    }

    @Test func oakNonStandardDublinCoreIsMapped() throws {
        let (records, report) = try parse("oak_listrecords_oai_dc.xml", mapper: DublinCoreMapper.oak)
        #expect(report.recordsRead == 3)
        #expect(records.map(\.nativeID) == ["oai:oak.go.kr:16974253", "oai:oak.go.kr:16974254", "oai:oak.go.kr:38227874"])

        let first = records[0]
        #expect(first.database == "test")
        #expect(first.title == "부산·진해 경제자유구역 개발계획.제2권 :부문별 계획")
        #expect(first.authors.map(\.displayName) == ["김원배"])
        #expect(first.date == PublicationDate(year: 2004))
        #expect(first.publicationTypes == ["Report"])
        #expect(first.languages == ["bnk"])
        #expect(first.url == "http://oak.go.kr/detail/detail.do?metadataSeq=16974253")
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "url", value: "http://repo.krihs.re.kr/handle/2015.oak/39899")))

        let second = records[1]
        #expect(second.title == "우리나라 토지이용규제의 문제점 및 개선과제")
        #expect(second.authors.map(\.displayName) == ["김상조", "김성수", "김동근"])
        #expect(second.date == PublicationDate(year: 2013, month: 12, day: 29))
        #expect(second.issns == [ISSN("1229-8638")])
        #expect(second.publicationTypes == ["Book"])

        let third = records[2]
        #expect(third.title == "동곡서첩")
        #expect(third.abstract == "筆寫本.")
        #expect(third.date == nil)
        #expect(third.publicationTypes == ["OldBook"])
    }

    @Test func standardDublinCoreFieldsAndLanguageVariants() throws {
        let (records, report) = try parse("synthetic_listrecords_page1.xml", mapper: DublinCoreMapper(nativeIDType: "artiId"))
        #expect(report.recordsRead == 2)
        let record = records[0]
        #expect(record.nativeID == "ART000000001")
        #expect(record.title == "근막통증증후군에 대한 근육내자극 치료")
        #expect(record.otherTitle == "Intramuscular Stimulation for Myofascial Pain Syndrome")
        #expect(record.authors.count == 2)
        #expect(record.authors[0].literal == "홍길동")
        #expect(record.authors[0].affiliations == ["서울대학교"])
        #expect(record.authors[1].family == "Kim")
        #expect(record.authors[1].given == "Minsu")
        #expect(record.keywords == ["intramuscular stimulation", "dry needling"])
        #expect(record.abstract == "A randomised trial of IMS.")
        #expect(record.date == PublicationDate(year: 2023, month: 5, day: 15))
        #expect(record.publicationTypes == ["Article"])
        #expect(record.doi == "10.1234/abc.2023.001")
        #expect(record.url == "https://example.org/article/1")
        #expect(record.journal == "대한재활의학회지, 47(2), 100-108")
        #expect(record.languages == ["kor"])
        #expect(record.identifiers == [RecordIdentifier(scheme: "oai", value: "oai:example.org:1")])
        #expect(records[1].doi == "10.1234/abc.2022.002")
        #expect(records[1].date == PublicationDate(year: 2022))
    }

    @Test func deletedHeadersAreNotesNotRecords() throws {
        let (records, report) = try parse("synthetic_listrecords_page2.xml")
        #expect(records.map(\.nativeID) == ["oai:example.org:4"])
        #expect(records[0].date == PublicationDate(year: 2021, month: 11))
        #expect(report.diagnostics.map(\.severity) == [.note])
        #expect(report.diagnostics[0].message.contains("deleted in the repository: oai:example.org:3"))
    }

    @Test func protocolErrorsInFilesAreErrorsNamingTheCode() throws {
        let error = try #require(throws: ConnectorError.self) {
            try parse("synthetic_error_badResumptionToken.xml")
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("badResumptionToken"))
        #expect(error.location?.hasSuffix("synthetic_error_badResumptionToken.xml") == true)
        let (records, report) = try parse("synthetic_error_noRecordsMatch.xml")
        #expect(records.isEmpty)
        #expect(report.recordsRead == 0)
    }

    @Test func aPageThatIsNotOAIPMHIsRefused() throws {
        let error = try #require(throws: ConnectorError.self) {
            try OAIPMHFileParser(database: "test", mapper: DublinCoreMapper.standard)
                .parseFile(atPath: try fixturePath("kci", "kci_rest_articleDetail_sample.xml")) { _ in }
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains("<MetaData>"))
    }

    @Test func resumptionTokenAttributesAreRead() throws {
        let data = try oaiFixture("synthetic_listrecords_page2.xml")
        let page = try OAIPMHPage.read(
            try XMLStreamReader(data: data), source: "page2", mapper: DublinCoreMapper.standard, database: "test")
        #expect(page.resumptionToken == ResumptionToken(value: "page-3", completeListSize: 5, cursor: 2))
        #expect(page.nextToken == "page-3")
        #expect(page.recordCount == 2)
        let last = try OAIPMHPage.read(
            try XMLStreamReader(data: try oaiFixture("synthetic_listrecords_page3.xml")), source: "page3",
            mapper: DublinCoreMapper.standard, database: "test")
        #expect(last.nextToken == nil)
        #expect(last.resumptionToken?.completeListSize == 5)
    }

    @Test func identifyGivesGranularityAndEarliestDatestamp() throws {
        let identity = try OAIRepositoryIdentity.parse(try oaiFixture("synthetic_identify_seconds.xml"), source: "identify")
        #expect(identity.repositoryName == "Synthetic Repository")
        #expect(identity.earliestDatestamp == "2013-03-21T00:00:00Z")
        #expect(identity.granularity == .seconds)
        #expect(identity.deletedRecord == "persistent")
        let day = try #require(SimpleDate(parsing: "2024-02-29"))
        #expect(OAIGranularity.seconds.from(day) == "2024-02-29T00:00:00Z")
        #expect(OAIGranularity.seconds.until(day) == "2024-02-29T23:59:59Z")
        #expect(OAIGranularity.day.from(day) == "2024-02-29")
    }

    @Test func queryFilterKeepsEverythingOrMatchesTerms() {
        let record = Record(
            database: "t", nativeID: "1", title: "Dry Needling of Trigger Points", keywords: ["myofascial pain"])
        #expect(OAIQueryFilter("").keepsEverything)
        #expect(OAIQueryFilter(" * ").matches(record))
        #expect(OAIQueryFilter("needling trigger").matches(record))
        #expect(!OAIQueryFilter("needling acupuncture").matches(record))
        #expect(OAIQueryFilter("acupuncture OR \"myofascial pain\"").matches(record))
        #expect(!OAIQueryFilter("\"pain myofascial\"").matches(record))
        #expect(OAIQueryFilter("a b OR \"c d\"").alternatives == [["a", "b"], ["c d"]])
        #expect(OAIQueryFilter("a b OR \"c d\"").description == "kept when title, keywords or abstract contain (a AND b) OR (\"c d\")")
    }
}
