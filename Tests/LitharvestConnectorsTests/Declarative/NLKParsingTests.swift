import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The shipped NLK spec reading real NLK records and the real invalid-key answer.
@Suite("NLK declarative spec: parsing")
struct NLKParsingTests {
    let spec: ConnectorSpec

    init() throws {
        spec = try shippedSpec("nlk")
    }

    private func page(_ body: Data, status: Int = 200) throws -> DeclarativePage {
        try DeclarativePage.read(body, status: status, spec: spec, location: "https://www.nl.go.kr/NL/search/openApi/search.do")
    }

    @Test func descriptorComesFromTheSpec() {
        #expect(spec.descriptor.id == "nlk")
        #expect(spec.descriptor.name == "National Library of Korea (NLK)")
        #expect(spec.descriptor.defaultEndpoint == "https://www.nl.go.kr/NL/search/openApi/search.do")
        #expect(spec.descriptor.key?.environmentVariable == "NLK_API_KEY")
        #expect(spec.descriptor.key?.isRequired == true)
        #expect(spec.descriptor.supportsDateWindow == false)
        #expect(spec.keyParameter == "key")
        #expect(spec.paging.cap == 500)
        #expect(spec.split?.mode == .each)
    }

    @Test func realRecordsMapToRecords() throws {
        let result = try page(try nlkEnvelope(total: 1_124, pageSize: 7, records: try nlkFixtureRecords()))
        #expect(result.total == 1_124)
        #expect(result.records.count == 7)
        #expect(result.diagnostics.isEmpty)

        let offline = result.records[0]
        #expect(offline.database == "nlk")
        #expect(offline.nativeID == "KMO200734572")
        #expect(offline.title == "교육격차 : 가정 배경과 학교교육의 영향력 분석")
        #expect(offline.otherTitle == nil)
        #expect(offline.authors.map(\.displayName) == ["류방란", "김성식"])
        #expect(offline.journal == "한국교육개발원")
        #expect(offline.date == PublicationDate(year: 2006))
        #expect(offline.publicationTypes == ["도서"])
        #expect(offline.url == "https://www.nl.go.kr/NL/contents/search.do#viewKey=73389294&viewType=AH1")
        #expect(offline.identifiers.contains(RecordIdentifier(scheme: "nlk_id", value: "73389294")))
        #expect(offline.identifiers.contains(RecordIdentifier(scheme: "isbn", value: "8961130099")))
        #expect(offline.identifiers.contains(RecordIdentifier(scheme: "call_number", value: "370.13-7-20")))

        // An online item has no control number: its NLK id stands in, and the parallel title is split off.
        let online = result.records[1]
        #expect(online.nativeID == "0000000106053304")
        #expect(online.title == "교육격차 : 가정 배경과 학교교육의 영향력 분석")
        #expect(online.otherTitle == "An analysis of educational gap")
        #expect(online.authors.map(\.displayName) == ["류방란 김성식"])
        #expect(online.journal == "서울 : 한국교육개발원, 20061229")
        #expect(online.date == PublicationDate(year: 2006, month: 12, day: 29))
        #expect(!online.identifiers.contains { $0.scheme == "isbn" })

        #expect(result.records[2].date == PublicationDate(year: 2006, month: 9))
        #expect(result.records[4].date == nil)
        #expect(result.records[4].title == "도농간 학교교육 격차의 근본 원인과 해소방안 탐색. 1, 도농간교육격차-발제")

        let odd = result.records[5]
        #expect(odd.nativeID == "JMO202002441")
        #expect(odd.title == "教育格差 : 階層・地域・学歴")
        #expect(odd.authors.map(\.displayName) == ["松岡亮二"])
        #expect(odd.journal == "筑摩書房")
        #expect(odd.date == PublicationDate(year: 2019, text: "2019 (2020 9刷)"))
    }

    @Test func highlightSpansAreStripped() throws {
        var record = try nlkFixtureRecords()[0]
        record["titleInfo"] = "<span class=\"searching_txt\">교육격차</span> : 가정 배경과 학교교육의 영향력 분석"
        record["pubInfo"] = "<span class=\"searching_txt\">한국교육개발원</span>"
        let result = try page(try nlkEnvelope(total: 1, records: [record]))
        #expect(result.records.first?.title == "교육격차 : 가정 배경과 학교교육의 영향력 분석")
        #expect(result.records.first?.journal == "한국교육개발원")
    }

    @Test func absentResultMeansNoHits() throws {
        let result = try page(try nlkEnvelope(total: 0, records: []))
        #expect(result.total == 0)
        #expect(result.records.isEmpty)
    }

    @Test func invalidKeyAnswerIsADatabaseError() throws {
        let body = try fixture("nlk", "nlk_search_openapi_error_invalid_key.json")
        let error = try #require(throws: ConnectorError.self) { try page(body) }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("011"))
        #expect(error.message.contains("INVALID KEY:인증키값이 유효하지 않습니다."))
        #expect(error.location == "https://www.nl.go.kr/NL/search/openApi/search.do")
    }

    @Test func htmlPageIsAnUnexpectedResponseNotZeroHits() throws {
        let error = try #require(throws: ConnectorError.self) {
            try page(Data("<html><body>점검 중입니다</body></html>".utf8))
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains("not JSON"))
    }

    @Test func missingTotalIsAnError() throws {
        let body = try JSONSerialization.data(withJSONObject: ["result": try nlkFixtureRecords()])
        let error = try #require(throws: ConnectorError.self) { try page(body) }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains("$.total"))
    }

    @Test func savedResponseParsesThroughTheFactory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nlk-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("page1.json")
        try nlkEnvelope(total: 1_124, pageSize: 7, records: try nlkFixtureRecords()).write(to: file)
        let parser = try #require(DeclarativeConnectors.factory(for: spec).fileParser)
        var ids: [String] = []
        let report = try parser.parseFile(atPath: file.path) { ids.append($0.nativeID) }
        #expect(report.recordsRead == 7)
        #expect(ids.first == "KMO200734572")
        #expect(report.diagnostics.contains { $0.message.contains("7 of the 1124") })

        let errorFile = try fixturePath("nlk", "nlk_search_openapi_error_invalid_key.json")
        let error = try #require(throws: ConnectorError.self) { try parser.parseFile(atPath: errorFile) { _ in } }
        #expect(error.kind == .databaseError)
        #expect(error.location == errorFile)
    }
}
