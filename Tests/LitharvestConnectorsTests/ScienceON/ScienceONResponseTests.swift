import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The real ScienceON ARTI capture and the error envelope, mapped field by field.
@Suite("ScienceON answers")
struct ScienceONResponseTests {
    static let capture = "scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml"

    @Test func captureMapsEveryRecord() throws {
        let response = try ScienceONResponse.parse(try fixture("scienceon", Self.capture), location: "capture")
        #expect(response.totalCount == 1364)
        #expect(response.dataType == "논문")
        #expect(response.diagnostics.isEmpty)
        #expect(response.records.map(\.nativeID) == [
            "JAKO200507523360655", "JAKO202530350456301", "JAKO202112362357882", "JAKO200411922294653",
            "DIKO0014465727",
        ])
        // The parameterData echo is not a record and its client_id/token are never read.
        #expect(response.records.allSatisfy { $0.nativeID != "REDACTED" && $0.database == "scienceon" })

        let first = response.records[0]
        #expect(first.title == "표면유속을 이용한 평균유속 추정방법의 개발")
        #expect(first.otherTitle == "Estimatation of Mean Velocity from Surface Velocity")
        #expect(first.authors.map(\.displayName) == ["노영신", "윤병만", "류권규"])
        #expect(first.authors[0].alternateNames == ["Roh, Young-Sin"])
        #expect(first.authors[0].affiliations == ["한국건설기술연구원 수자원연구부"])
        #expect(first.authors[1].affiliations == ["명지대학교 토목환경공학과"])
        #expect(first.journal == "韓國水資源學會論文集 = Journal of Korea Water Resources Association")
        #expect(first.issns == [ISSN("1226-6280", kind: .print)])
        #expect(first.volume == "38")
        #expect(first.issue == "11")
        #expect(first.pages == "917-925")
        #expect(first.date == PublicationDate(year: 2005, month: 11, day: 1))
        #expect(first.doi == "10.3741/jkwra.2005.38.11.917")
        #expect(first.languages == ["한국어"])
        #expect(first.publicationTypes == ["journal article"])
        #expect(first.url == "http://click.ndsl.kr/servlet/OpenAPIDetailView?keyValue=05787966&target=NART&cn=JAKO200507523360655")
        let abstract = try #require(first.abstract)
        #expect(abstract.hasPrefix("LSIV은 표면유속을 측정하는"))
        #expect(abstract.contains("$6\\%$ 이내의 오차"))
        #expect(!abstract.contains("<TEX>"))
        // Abstract2 (English) is the other abstract, no longer appended to the Korean one.
        #expect(!abstract.contains("LSIV (Large Scale Image Velcocimetry)"))
        #expect(first.otherAbstract?.hasPrefix("LSIV (Large Scale Image Velcocimetry)") == true)

        let second = response.records[1]
        #expect(second.title == "자연하천에서의 표면유속-평균유속 환산계수 산정")
        #expect(second.otherTitle == "Calculation of surface-mean velocity conversion coefficient in natural rivers")
        #expect(second.authors.map(\.displayName) == ["이신재", "이기성", "류영용", "이지혜", "박석근"])
        #expect(second.journal == "Journal of Korea Water Resources Association = 한국수자원학회논문집")
        #expect(second.issns == [ISSN("2799-8746", kind: .print), ISSN("2799-8754", kind: .electronic)])
        #expect(second.volume == "58")
        #expect(second.issue == "9")
        #expect(second.pages == "757-769")
        #expect(second.year == 2025)
        #expect(second.doi == "10.3741/jkwra.2025.58.9.757")
        #expect(second.keywords.prefix(3) == ["표면유속", "환산계수 ${ alpha}$", "수리특성"])
        #expect(second.keywords.contains("Surface velocity"))

        let third = response.records[2]
        #expect(third.issns == [ISSN("2288-8527", kind: .electronic)])
        #expect(third.journal == "Ecology and resilient infrastructure")
        #expect(third.pages == "22-31")
        #expect(third.doi == "10.17820/eri.2021.8.1.022")
        #expect(third.keywords == ["드론", "표면영상유속계", "표면유속", "무참조점", "Drone", "SIV", "Surface velocity", "Without reference points"])

        let fourth = response.records[3]
        #expect(fourth.date == PublicationDate(year: 2004, month: 2, day: 1))
        #expect(fourth.authors.map(\.displayName) == ["김영근", "노영신", "윤병만"])
        #expect(fourth.keywords == ["표면유속", "LSPIV", "surface velocity"])

        let thesis = response.records[4]
        #expect(thesis.title == "드론 기반 표면영상유속계를 이용한 하천의 표면유속 측정")
        #expect(thesis.otherTitle == nil)
        #expect(thesis.authors.map(\.displayName) == ["황정근"])
        #expect(thesis.authors[0].affiliations == ["동의대학교대학원"])
        #expect(thesis.journal == nil)
        #expect(thesis.issns.isEmpty)
        #expect(thesis.volume == nil && thesis.issue == nil && thesis.pages == nil && thesis.doi == nil)
        #expect(thesis.date == PublicationDate(year: 2016))
        #expect(thesis.publicationTypes == ["thesis", "국내석사"])
        #expect(thesis.url?.hasSuffix("cn=DIKO0014465727") == true)
    }

    @Test func errorEnvelopeIsAnErrorNeverZeroRecords() throws {
        let body = try fixture("scienceon", "synthetic_scienceon_error_token_expired.xml")
        #expect {
            try ScienceONResponse.parse(body, location: "answer")
        } throws: { error in
            guard let status = error as? ScienceONResponse.StatusError else { return false }
            return status.code == "E4103" && status.isTokenExpired && status.message == "토큰이 만료되었습니다."
                && status.connectorError.kind == .databaseError
        }
        let other = Data("<MetaData><resultSummary><statusCode>E4002</statusCode><errorMessage>등록되지 않은 IP</errorMessage></resultSummary></MetaData>".utf8)
        #expect {
            try ScienceONResponse.parse(other, location: "answer")
        } throws: { error in
            guard let status = error as? ScienceONResponse.StatusError else { return false }
            return !status.isTokenExpired && status.connectorError.description.contains("E4002")
        }
    }

    @Test func otherShapesAreRefused() throws {
        for (body, expected) in [
            ("<html><body>gateway</body></html>", "expected <MetaData>"),
            ("{\"errorCode\":\"E4001\"}", "JSON"),
            ("<MetaData><recordList/></MetaData>", "TotalCount"),
        ] {
            #expect {
                try ScienceONResponse.parse(Data(body.utf8), location: "answer")
            } throws: { error in
                (error as? ConnectorError)?.message.contains(expected) == true
            }
        }
    }

    @Test func fileParserReadsTheCapture() throws {
        var records: [Record] = []
        let report = try ScienceONFileParser().parseFile(atPath: try fixturePath("scienceon", Self.capture)) {
            records.append($0)
        }
        #expect(report.recordsRead == 5)
        #expect(records.count == 5)
        #expect(report.diagnostics.contains { $0.message.contains("1364") })
    }

    @Test func searchQueryAndTarget() throws {
        #expect(try ScienceONConnector.searchQuery(Query(text: "표면유속")) == "{\"BI\":\"표면유속\"}")
        let ranged = Query(
            text: "표면유속", from: SimpleDate(year: 2015, month: 3, day: 1), until: SimpleDate(year: 2024, month: 1, day: 1))
        #expect(try ScienceONConnector.searchQuery(ranged) == "{\"BI\":\"표면유속\",\"PY\":\"2015~2024\"}")
        #expect(try ScienceONConnector.searchQuery(Query(text: "{\"TI\":\"유속\"}")) == "{\"TI\":\"유속\"}")
        #expect(throws: ConnectorError.self) { try ScienceONConnector.searchQuery(Query(text: "{not json")) }
        #expect(try ScienceONConnector.target(nil) == .articles)
        #expect(try ScienceONConnector.target("report") == .reports)
        #expect(throws: ConnectorError.self) { try ScienceONConnector.target("PATENT") }
    }
}
