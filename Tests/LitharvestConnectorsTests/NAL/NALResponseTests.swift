import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The live NAL captures (and the spec-shaped synthetic record), mapped field by field.
@Suite("NAL answers")
struct NALResponseTests {
    static func parse(_ name: String, expectTotal: Bool = true) throws -> NALResponse {
        try NALResponse.parse(try fixture("nal", name), location: name, expectTotal: expectTotal)
    }

    @Test func basicSearchArticleAndBook() throws {
        let response = try Self.parse("nal_searchservice_basic_ok_excerpt.xml")
        #expect(response.total == 5609)
        #expect(response.records.count == 2)
        #expect(response.diagnostics.isEmpty)

        let article = response.records[0]
        #expect(article.database == "nal")
        #expect(article.nativeID == "KINX2026037525")
        #expect(article.title == "디지털 매체와 놀이 활동을 활용한 세계시민교육 음악 프로그램")
        #expect(article.authors.map(\.displayName) == ["최여진"])
        #expect(article.journal == "한국초등교육")
        #expect(article.publisher == "서울교육대학교")
        #expect(article.volume == "37")
        #expect(article.issue == "1")
        #expect(article.year == 2026)
        #expect(article.keywords == ["세계시민교육", "디지털매체", "음악교육"])
        #expect(article.languages == ["kor"])
        #expect(article.publicationTypes == ["journal article"])
        #expect(article.pages == nil && article.doi == nil && article.abstract == nil)
        #expect(article.url == "https://dl.nanet.go.kr/search/searchInnerDetail.do?controlNo=KINX2026037525")

        let book = response.records[1]
        #expect(book.nativeID == "MONO12026000012887")
        #expect(book.title == "교육불평등과 지역불균형")
        #expect(book.authors.map(\.displayName) == ["류장수"])
        #expect(book.journal == nil)
        #expect(book.publisher == "산지니")
        #expect(book.year == 2026)
        #expect(book.publicationTypes == ["book"])
        #expect(book.identifiers.contains(RecordIdentifier(scheme: "isbn", value: "9791168616059")))
        #expect(book.identifiers.contains(RecordIdentifier(scheme: "nal-call-number", value: "370.951 -26-7")))
    }

    @Test func emptyResultIsRecognisedPositively() throws {
        let response = try Self.parse("nal_searchservice_basic_empty.xml")
        #expect(response.total == 0)
        #expect(response.records.isEmpty)
        #expect(response.diagnostics.isEmpty)
        // Without <total> a search answer is not "empty" but unreadable.
        let noTotal = Data("<response><header><resultMsg>NORMAL_CODE</resultMsg><resultCode>00</resultCode></header></response>".utf8)
        #expect(throws: ConnectorError.self) { try NALResponse.parse(noTotal, location: "x", expectTotal: true) }
    }

    @Test func gatewayError20IsTerminal() throws {
        #expect {
            try Self.parse("nal_gateway_error_20_service_key_is_null.xml")
        } throws: { error in
            guard let gateway = error as? NALResponse.GatewayError else { return false }
            let connectorError = gateway.connectorError
            return gateway.reasonCode == "20" && !gateway.isTransient
                && gateway.message == "SERVICE_KEY_IS_NULL / 서비스 접근거부"
                && connectorError.kind == .databaseError && connectorError.message.contains("DATA_GO_KR_SERVICE_KEY")
        }
        #expect {
            try Self.parse("synthetic_nal_gateway_error_04.xml")
        } throws: { error in
            (error as? NALResponse.GatewayError)?.isTransient == true
        }
    }

    @Test func thesisDetailWithFlatItems() throws {
        let response = try Self.parse("nal_detailinfoservice_detail_ok.xml", expectTotal: false)
        #expect(response.total == nil)
        let thesis = try #require(response.records.first)
        #expect(response.records.count == 1)
        #expect(thesis.nativeID == "KDMT12026000034521")
        #expect(thesis.title == "한국 교육불평등의 제도적 경로")
        #expect(thesis.authors.map(\.displayName) == ["박소영"])
        #expect(thesis.year == 2026)
        #expect(thesis.publicationTypes == ["thesis"])
        #expect(thesis.journal == nil)
    }

    @Test func specOrderRecordHighlightingAndPlaceholders() throws {
        let response = try Self.parse("synthetic_nal_record_spec_order.xml")
        let record = try #require(response.records.first)
        #expect(record.nativeID == "KINX2020000001")
        #expect(record.title == "교육불평등 연구")
        #expect(record.authors.map(\.displayName) == ["홍길동", "김철수"])
        #expect(record.journal == "교육학연구")
        #expect(record.volume == "58")
        #expect(record.issue == "2")
        #expect(record.keywords.isEmpty)
        #expect(record.year == 2020)
    }

    @Test func fileParserReadsCapturesAndRefusesTheTOC() throws {
        var records: [Record] = []
        let report = try NALFileParser().parseFile(atPath: try fixturePath("nal", "nal_searchservice_basic_ok_excerpt.xml")) {
            records.append($0)
        }
        #expect(report.recordsRead == 2)
        #expect(records.map(\.nativeID) == ["KINX2026037525", "MONO12026000012887"])
        #expect(report.diagnostics.contains { $0.message.contains("5609") })
        let empty = try NALFileParser().parseFile(atPath: try fixturePath("nal", "nal_searchservice_basic_empty.xml")) { _ in }
        #expect(empty.recordsRead == 0)
        let toc = try fixturePath("nal", "nal_detailinfoservice_toc_ok.xml")
        #expect {
            try NALFileParser().parseFile(atPath: toc) { _ in }
        } throws: { error in
            (error as? ConnectorError)?.location == toc && (error as? ConnectorError)?.message.contains("toc") == true
        }
        let gateway = try fixturePath("nal", "nal_gateway_error_20_service_key_is_null.xml")
        #expect {
            try NALFileParser().parseFile(atPath: gateway) { _ in }
        } throws: { error in
            (error as? ConnectorError)?.message.contains("gateway error 20") == true
        }
    }

    @Test func searchFieldsAreValidatedBeforeSending() throws {
        #expect(try NALSearch("교육불평등", materialType: nil).parameter == "전체,교육불평등")
        #expect(try NALSearch("자료명,교육|저자,홍길동", materialType: nil).parameter == "자료명,교육|저자,홍길동")
        #expect(try NALSearch("논문명,교육|지도교수,유성상", materialType: "학위논문").parameter == "논문명,교육|지도교수,유성상")
        #expect(try NALSearch("기사명,교육", materialType: "국내기사").parameter == "기사명,교육")
        for (text, type, named) in [
            ("제목,교육", nil, "제목"), ("논문명,교육", nil, "논문명"), ("자료명,교육", "학위논문", "자료명"),
            ("기사명,x", "고서", "고서"), ("교육", "국내기사", "field,value"), ("자료명,", nil, "field,value"),
        ] as [(String, String?, String)] {
            #expect {
                try NALSearch(text, materialType: type)
            } throws: { error in
                guard let error = error as? ConnectorError else { return false }
                return error.kind == .invalidQuery && error.message.contains(named)
            }
        }
    }

    @Test func hostJournalAndAuthorRoles() {
        #expect(NALResponse.hostJournal("한국초등교육 제37권 제1호") == ("한국초등교육", "37", "1"))
        #expect(NALResponse.hostJournal("교육학 논총 제5호") == ("교육학 논총", nil, "5"))
        #expect(NALResponse.authors("류장수 지음").map(\.displayName) == ["류장수"])
        #expect(NALResponse.authors("김철수 편저, 이영희 옮김").map(\.displayName) == ["김철수", "이영희"])
    }
}
