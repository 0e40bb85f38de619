import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML
import Testing

@testable import LitharvestConnectors

/// KCI's REST answers and OAI pages read from the shared documentation samples and synthetic errors.
@Suite("KCI parsing")
struct KCIParsingTests {
    private func parse(_ name: String) throws -> ([Record], ParseReport) {
        var records: [Record] = []
        let report = try KCIFileParser().parseFile(atPath: try fixturePath("kci", name)) { records.append($0) }
        return (records, report)
    }

    private func restAnswer(_ name: String) throws -> KCIRestAnswer {
        try KCIRestAnswer.read(try XMLStreamReader(data: try fixture("kci", name)), source: name, database: "kci")
    }

    @Test func articleSearchSample() throws {
        let answer = try restAnswer("kci_rest_articleSearch_guide_sample.xml")
        #expect(answer.total == 3779)
        #expect(try answer.check(source: "x", redactor: .standard).isEmpty)

        let (records, report) = try parse("kci_rest_articleSearch_guide_sample.xml")
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        #expect(record.database == "kci")
        #expect(record.nativeID == "ART001143784")
        #expect(record.title == "초등학교 컴퓨터 교과서에 나온 컴퓨터 용어 분석")
        #expect(record.otherTitle == "An Analysis of Computer Terms …")
        #expect(record.authors.map(\.literal) == ["김갑수", "홍명희", "이순영"])
        #expect(record.authors.map(\.affiliations) == [["서울교육대학교"], ["서울교육대학교"], ["인천계산초등학교"]])
        #expect(record.authors.map(\.alternateNames) == [["KIM KAP SU"], ["Myunghui Hong"], []])
        #expect(record.authors[0].orcid == nil)  // KCI's all-zero placeholder
        #expect(record.journal == "컴퓨터교육학회논문지")
        #expect(record.date == PublicationDate(year: 2004, month: 9))
        #expect(record.volume == "8")
        #expect(record.issue == "3")
        #expect(record.pages == "433-448")
        #expect(record.doi == nil)
        #expect(record.identifiers.isEmpty)
        #expect(record.abstract == "… 국문 초록 …")
        #expect(record.subjects == [SubjectTerm(term: "컴퓨터교육", scheme: "KCI")])
        #expect(record.url == "https://www.kci.go.kr/kciportal/ci/sereArticleSearch/ciSereArtiView.kci?sereArticleSearchBean.artiId=ART001143784")
    }

    @Test func articleDetailSample() throws {
        #expect(try restAnswer("kci_rest_articleDetail_sample.xml").total == 1)
        let (records, _) = try parse("kci_rest_articleDetail_sample.xml")
        let record = try #require(records.first)
        #expect(record.nativeID == "ART002358582")
        #expect(record.title == "컴퓨터 학습을 통한 디지털 에이징")
        #expect(record.otherTitle == "Digital Aging Through Computer Learning")
        #expect(record.authors.count == 1)
        #expect(record.authors[0].literal == "김정진")
        #expect(record.authors[0].affiliations == ["백석대학교"])
        #expect(record.authors[0].alternateNames == ["KIM JUNG JIN"])
        #expect(record.journal == "한국융합학회논문지")
        #expect(record.issns == [ISSN("2383-5281")])
        #expect(record.date == PublicationDate(year: 2018, month: 6))
        #expect(record.volume == "8")
        #expect(record.issue == "6")
        #expect(record.pages == "297-304")
        #expect(record.doi == "10.35873/ajmahs.2018.8.6.026")
        #expect(record.keywords == ["Digital aging", "Active aging", "Computer"])
        #expect(record.subjects.map(\.term) == ["공학 > 컴퓨터학"])
        #expect(record.languages == ["한국어"])
        #expect(record.abstract == "이 연구는 노인의 디지털 에이징 연구이다.")
    }

    @Test func oaiKCISample() throws {
        let (records, report) = try parse("kci_oai_listrecords_oai_kci_sample.xml")
        #expect(report.recordsRead == 1)
        let record = try #require(records.first)
        #expect(record.nativeID == "ART001985846")
        #expect(record.title == "1930년대 기생-가정극 연구")
        #expect(record.otherTitle == "A Study on Kisaeng Domestic Dramas in 1930s")
        #expect(record.authors.map(\.literal) == ["백현미"])
        #expect(record.authors.map(\.affiliations) == [["전남대학교"]])
        #expect(record.journal == "대중서사연구")
        #expect(record.issns == [ISSN("1738-3188", kind: .print)])
        #expect(record.date == PublicationDate(year: 2015, month: 4))
        #expect(record.volume == "21")
        #expect(record.issue == "1")
        #expect(record.pages == "227-260")
        #expect(record.doi == "10.18856/jpn.2015.21.1.008")
        #expect(record.languages == ["한국어"])
        #expect(record.abstract == "연애와 여성을 키워드로 한 대중 서사 연구.")
        #expect(record.identifiers == [
            RecordIdentifier(scheme: "uci", value: "G704-001717.2015.21.1.001"),
            RecordIdentifier(scheme: "oai", value: "oai:kci.go.kr:ARTI/914"),
        ])

        let page = try OAIPMHPage.read(
            try XMLStreamReader(data: try fixture("kci", "kci_oai_listrecords_oai_kci_sample.xml")), source: "sample",
            mapper: KCIOAIMapper(), database: "kci")
        #expect(page.nextToken == "2023-01-01:2023-01-31:100:1014")
        #expect(page.resumptionToken?.completeListSize == nil)
    }

    @Test func oaiBadArgumentIsAnError() throws {
        let error = try #require(throws: ConnectorError.self) { try parse("kci_oai_error_badArgument_sample.xml") }
        #expect(error.kind == .databaseError)
        #expect(error.message == "OAI-PMH error badArgument: parameter format must have 'YYYY-MM-DD' format.")
    }

    @Test func resultMessageWithoutRecordsIsAnErrorAndTheKeyIsMasked() throws {
        let key = "KCISECRET0123456789"
        let body = String(decoding: try fixture("kci", "synthetic_kci_rest_unregistered_key.xml"), as: UTF8.self)
            .replacingOccurrences(of: "__KEY__", with: key)
        let answer = try KCIRestAnswer.read(try XMLStreamReader(data: Data(body.utf8)), source: "answer", database: "kci")
        #expect(answer.resultMessage == "등록되지 않은 key 입니다.")
        #expect(answer.records.isEmpty)
        let request = HTTPRequest.get("https://open.kci.go.kr/x", query: [QueryItem("key", key)])
        let error = try #require(throws: ConnectorError.self) {
            try answer.check(source: "answer", redactor: SecretRedactor.standard.learning(from: request))
        }
        #expect(error.kind == .databaseError)
        #expect(error.message == "KCI answered: 등록되지 않은 key 입니다. (check KCI_API_KEY)")
        #expect(!error.description.contains(key))
    }

    @Test func noDataIsZeroHits() throws {
        let answer = try restAnswer("synthetic_kci_rest_no_data.xml")
        #expect(answer.isNoData)
        #expect(answer.total == 0)
        #expect(try answer.check(source: "x", redactor: .standard).isEmpty)
        let (records, report) = try parse("synthetic_kci_rest_no_data.xml")
        #expect(records.isEmpty)
        #expect(report.recordsRead == 0)
    }

    @Test func restQueryTextBecomesParameters() throws {
        #expect(try KCIRestQuery.parameters(from: " 근막통증 ") == [QueryItem("title", "근막통증")])
        #expect(try KCIRestQuery.parameters(from: "COVID-19: a review") == [QueryItem("title", "COVID-19: a review")])
        #expect(
            try KCIRestQuery.parameters(from: "keyword: 근육내자극; Author: 홍길동")
                == [QueryItem("keyword", "근육내자극"), QueryItem("author", "홍길동")])
        let unknown = try #require(throws: ConnectorError.self) { try KCIRestQuery.parameters(from: "abstract: pain") }
        #expect(unknown.kind == .invalidQuery)
        #expect(unknown.message.contains("does not search abstracts"))
    }

    @Test func routeURLsComeFromOneEndpoint() {
        #expect(KCIConnector.url("https://open.kci.go.kr/", path: KCIConnector.restPath)
            == "https://open.kci.go.kr/po/openapi/openApiSearch.kci")
        #expect(KCIConnector.url("http://127.0.0.1:8080", path: KCIConnector.oaiPath) == "http://127.0.0.1:8080/oai/request")
        #expect(KCIConnector.url("https://open.kci.go.kr/oai/request", path: KCIConnector.oaiPath)
            == "https://open.kci.go.kr/oai/request")
        #expect(KCIConnector.url("https://open.kci.go.kr/oai/request", path: KCIConnector.restPath)
            == "https://open.kci.go.kr/po/openapi/openApiSearch.kci")
    }

    @Test func routeFollowsTheKeyUnlessConfigured() throws {
        let keyless = ConnectorSettings(endpoint: "x", requestsPerSecond: 1)
        let keyed = ConnectorSettings(endpoint: "x", apiKey: "k", requestsPerSecond: 1)
        #expect(try KCIConnector.route(for: keyless) == .oai)
        #expect(try KCIConnector.route(for: keyed) == .rest)
        #expect(try KCIConnector.route(for: ConnectorSettings(endpoint: "x", apiKey: "k", requestsPerSecond: 1, options: ["route": "oai"])) == .oai)
        let bad = try #require(throws: ConnectorError.self) {
            try KCIConnector.route(for: ConnectorSettings(endpoint: "x", requestsPerSecond: 1, options: ["route": "web"]))
        }
        #expect(bad.message.contains("'route'"))
    }
}
