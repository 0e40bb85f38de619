import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The real ScienceON `target=REPORT` capture (R&D reports): keywords, researchers and report fields.
@Suite("ScienceON reports")
struct ScienceONReportTests {
    static let capture = "scienceon_openapicall_search_REPORT_BI_surface_velocity_p1_r5_excerpt.xml"

    @Test func reportFieldsAreMapped() throws {
        let response = try ScienceONResponse.parse(try fixture("scienceon", Self.capture), location: "capture")
        #expect(response.totalCount == 411)
        #expect(response.dataType == "보고서")
        #expect(response.records.map(\.nativeID) == ["TRKO201300019602", "TRKO202100014401"])

        let first = response.records[0]
        #expect(first.title == "임계열유속 증진을 위한 핵 연료봉 나노 구조 표면 개발")
        #expect(first.otherTitle == "Development of nano-structure surface on nuclear fuel rod for enhancing critical heat flux")
        // The principal investigator is the author; the participating researchers are contributors.
        #expect(first.authors.map(\.displayName) == ["김무환"])
        let researchers = try #require(first.contributors)
        #expect(researchers.map(\.displayName) == ["김준원", "강순호", "안호선", "김형모", "이찬"])
        #expect(researchers.allSatisfy { $0.role == ScienceONFields.participatingResearcher })
        // Comma-separated report keywords are split, Korean then English.
        #expect(first.keywords == [
            "나노구조 표면개질", "임계열유속", "핵 연료봉", "표면 젖음성", "원자로 안전", "모세관력", "열전달",
            "nano-structure", "critical heat flux", "nuclear fuel rod", "surface wettability", "nuclear safety",
            "capillary", "heat transfer",
        ])
        #expect(first.abstract?.hasPrefix("Ⅲ. 연구개발의 내용 및 범위") == true)
        #expect(first.otherAbstract?.hasPrefix("3. Contents & Scope of Research") == true)
        #expect(first.publisher == "포항공과대학교 산학협력단")
        #expect(first.date == PublicationDate(year: 2012, month: 4))
        #expect(first.pages == nil)  // PageInfo 174 is a page count
        #expect(first.publicationTypes == ["report"])
        #expect(first.languages == ["한국어"])
        #expect(first.url == "http://click.ndsl.kr/servlet/OpenAPIDetailView?keyValue=05787966&target=REPORT&cn=TRKO201300019602")

        let second = response.records[1]
        #expect(second.contributors == nil)
        #expect(second.otherAbstract == nil)
        #expect(second.keywords == [
            "빗물받이", "측구", "차집유량", "지표유출", "배수시설", "표면영상유속", "도로 표면 흐름", "Kinematic wave",
            "Diffusive wave",
        ])
        #expect(second.publisher == "부천대학교")
        #expect(second.date == PublicationDate(year: 2020, month: 6))
    }
}
