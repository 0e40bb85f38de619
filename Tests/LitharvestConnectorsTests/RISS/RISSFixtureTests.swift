import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The real RISS captures: saved result pages (counts, categories, first and last records, zero hits)
/// and the two Excel exports, through the factory's file parser.
@Suite("RISS pages and Excel exports")
struct RISSFixtureTests {
    static func parse(_ name: String) throws -> ([Record], ParseReport) {
        var records: [Record] = []
        let report = try RISSFileParser().parseFile(atPath: try fixturePath("riss", name)) { records.append($0) }
        return (records, report)
    }

    static func page(_ name: String) throws -> RISSSearchPage {
        try RISSSearchPage(html: try fixture("riss", name), location: name)
    }

    @Test func englishPageCountsCategoriesAndRecords() throws {
        let page = try Self.page("riss_search_A1_warfarin_vitamin_K.html")
        #expect(page.total == 555)
        #expect(page.categories == [
            .init(name: "국내학술논문", count: 89), .init(name: "학위논문", count: 50), .init(name: "해외학술논문", count: 386),
            .init(name: "단행본", count: 29), .init(name: "연구보고서", count: 1),
        ])
        #expect(page.records.count == 13)
        #expect(page.diagnostics.isEmpty)
        let first = try #require(page.records.first)
        #expect(first.database == "riss")
        #expect(first.nativeID == "e5379c5852a29af6ffe0bdc3ef48d419")
        #expect(first.title == "Warfarin toxicity treated by high dose vitamin K therapy")
        #expect(first.otherTitle == nil)
        #expect(first.authors.map(\.displayName) == ["Hong Sun Jang", "Soo Hyun Lee", "Mi Ryung Roh", "Kee Yang Chung"])
        #expect(first.journal == "대한피부과학회 학술발표대회집")
        #expect(first.volume == "64")
        #expect(first.issue == "1")
        #expect(first.year == 2012)
        #expect(first.url == "https://www.riss.kr/search/detail/DetailView.do?p_mat_type=1a0202e37d52c72d&control_no=e5379c5852a29af6ffe0bdc3ef48d419")
        #expect(first.publicationTypes == ["국내학술논문 (domestic journal article)"])
        let last = try #require(page.records.last)
        #expect(last.nativeID == "ec4c4d104b55260e")
        #expect(last.title == "심방세동 항응고제, 부정맥 약물 요법의 비교효과 연구(Anticoagulation and drug treatment in atrial fibrillation)")
        #expect(last.authors.map(\.displayName) == ["정보영"])
        #expect(last.year == 2018)
        #expect(last.journal == nil)
        #expect(last.publicationTypes == ["연구보고서 (research report)"])
        // A foreign article: "Vol.79 No.9//Sup" and `Family, Given` authors.
        let jacc = try #require(page.records.first { $0.journal == "Journal of the American College of Cardiology" })
        #expect(jacc.volume == "79")
        #expect(jacc.issue == "9//Sup")
        #expect(jacc.authors.first?.family == "Jain")
        #expect(jacc.authors.first?.given == "Akhil")
        // "unknown" stands for no author.
        let unknown = try #require(page.records.first { $0.nativeID == "a805d84d953d2635b36097776a77e665" })
        #expect(unknown.authors.isEmpty)
        #expect(unknown.title == "Warfarin/vitamin K")
    }

    @Test func koreanPageKeepsHangulAndParallelTitles() throws {
        let page = try Self.page("riss_search_A1_warfarin_vitamin_K_korean.html")
        #expect(page.total == 47)
        #expect(page.categories.map(\.count) == [10, 26, 9, 2])
        #expect(page.records.count == 11)
        let first = try #require(page.records.first)
        #expect(first.nativeID == "9fafc25293da5fc97ecd42904f0c5d65")
        #expect(first.title == "와파린 복용 중 과도한 INR 상승 시 비출혈 환자에서 비타민 K1 사용의 후향적 평가")
        #expect(first.authors.map(\.displayName) == ["서비취", "문정연", "조은정", "조윤숙", "한현주"])
        #expect(first.journal == "병원약사회지")
        #expect(first.volume == "33")
        #expect(first.issue == "4")
        #expect(first.year == 2016)
        let thesis = try #require(page.records.first { $0.nativeID == "8f5450b8aec2fc27ffe0bdc3ef48d419" })
        #expect(thesis.title == "와파린 복용 환자들의 비타민 K 섭취량과 프로트롬빈 시간 안정성의 상관관계")
        #expect(thesis.publicationTypes == ["학위논문 (thesis)", "국내석사"])
        let book = try #require(page.records.first { $0.nativeID == "13d92a2e63e2afd1ffe0bdc3ef48d419" })
        #expect(book.title == "치과 영양학 : 영양과 대사")
        #expect(book.otherTitle == "Dental nutrition")
        #expect(book.authors.map(\.displayName) == ["高橋信博"])
        #expect(page.records.last?.nativeID == "ec4c4d104b55260e")
    }

    @Test func thirdPageAndSavedPageThroughTheFileParser() throws {
        let (records, report) = try Self.parse("riss_search_B1_kidney_stone_calcium_supplement.html")
        #expect(records.count == 10)
        #expect(report.recordsRead == 10)
        #expect(report.diagnostics.contains { $0.message == "saved RISS page: 28 hits reported, 10 on the page" })
        #expect(records.first?.nativeID == "e19861ebdccd03e06aae8a972f9116fb")
        #expect(records.first?.title == "Should We Prescribe Calcium Supplements For Osteoporosis Prevention?")
        #expect(records.first?.authors.map(\.displayName) == ["Ian R Reid"])
        #expect(records.first?.journal == "대한골대사학회지")
        #expect(records.last?.nativeID == "87423e1811b1267bffe0bdc3ef48d419")
        #expect(records.last?.title == "Nutrition & diet therapy")
        #expect(records.last?.authors.first?.family == "DeBruyne")
        #expect(records.last?.year == 2016)
    }

    @Test func zeroHitPageIsRecognisedByItsCountOfZero() throws {
        let page = try Self.page("riss_search_B2_nephrolithiasis_cholecalciferol_zero_hits.html")
        #expect(page.total == 0)
        #expect(page.records.isEmpty)
        #expect(page.categories.isEmpty)
        // The same page without its "0" is not a zero-hit page.
        let html = String(decoding: try fixture("riss", "riss_search_B2_nephrolithiasis_cholecalciferol_zero_hits.html"), as: UTF8.self)
        let altered = html.replacingOccurrences(of: "<span class=\"cnt\">0</span>", with: "<span class=\"cnt\"></span>")
        let error = #expect(throws: ConnectorError.self) { try RISSSearchPage(html: Data(altered.utf8), location: "altered.html") }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.location == "altered.html")
    }

    @Test func unrecognisedPagesAreErrors() throws {
        for body in ["<html><body><p>잠시 후 다시 시도해 주세요</p></body></html>", "<html><head><script src='app.js'></script></head><body></body></html>"] {
            let error = #expect(throws: ConnectorError.self) { try RISSSearchPage(html: Data(body.utf8), location: "https://www.riss.kr/search/Search.do?query=x") }
            #expect(error?.kind == .unexpectedResponse)
            #expect(error?.location == "https://www.riss.kr/search/Search.do?query=x")
            #expect(error?.message.contains("not a RISS result page") == true)
        }
        // A count without any listed record is a layout change, not an empty result.
        let countOnly = "<html><body><div class=\"searchBox pd\"><dl><dd>x <span>(검색결과 <span class=\"num\">12</span> 건)</span></dd></dl></div></body></html>"
        let error = #expect(throws: ConnectorError.self) { try RISSSearchPage(html: Data(countOnly.utf8), location: "p.html") }
        #expect(error?.message.contains("12 hits") == true)
    }

    @Test(arguments: ["riss_excel_export_20250812152237.xls", "riss_excel_export_20250812152326.xls"])
    func excelExportMapsEveryRow(file: String) throws {
        let (records, report) = try Self.parse(file)
        #expect(records.count == 100)
        #expect(report.recordsRead == 100)
        #expect(report.diagnostics.isEmpty)
        #expect(Set(records.map(\.nativeID)).count == 100)
        let first = try #require(records.first)
        #expect(first.database == "riss")
        #expect(first.title == "디지털･신기술 분야 교육훈련 사업 간(KDC, KDT, STEP) 연계 현황 분석: 인공지능 분야를 중심으로")
        #expect(first.otherTitle == "Analysis of the Current Status of Linkage between the Ministry of Employment and Labor’s Digital and Emerging Technology Programs (KDC, KDT, STEP): Focusing on the Artificial Intelligence Sector")
        #expect(first.authors.map(\.displayName) == ["박윤희", "이수경", "신정민", "김지영", "오미래"])
        #expect(first.journal == "직업능력개발연구(Journal of Vocational Education & Training)")
        #expect(first.volume == "28")
        #expect(first.issue == "1")
        #expect(first.year == 2025)
        #expect(first.pages == "1-38")
        #expect(first.languages == ["Korean"])
        #expect(first.keywords.count == 10)
        #expect(first.keywords.first == "K-디지털 기조역량훈련(KDC)")
        #expect(first.keywords.last == "Linkage")
        #expect(first.publicationTypes == ["학술저널", "KCI등재"])
        let abstract = try #require(first.abstract)
        #expect(abstract.hasPrefix("이 연구의 목적은 K-디지털 기초역량훈련(KDC)에서"))
        // 국문 초록 is the abstract, 다국어 초록 the other abstract (no longer appended to it).
        #expect(!abstract.contains("This study aimed to analyze"))
        #expect(first.otherAbstract?.hasPrefix("This study aimed to analyze the scope, proficiency levels, and skill sets") == true)
        #expect(first.nativeID.hasPrefix("xls-"))
        #expect(first.nativeID.count == 20)
        #expect(first.url == nil)

        let last = try #require(records.last)
        #expect(last.title == "인공지능 적용에 관한 교실 기반 연구: 초등영어 학습 부진아의 기계번역기 사용과 인식을 중심으로")
        #expect(last.otherTitle == "A Classroom-based Study on the Application of Artificial Intelligence Translator: The Use and Perception of AI by Low-achieving Primary School English Learners")
        #expect(last.authors.map(\.displayName) == ["이세진", "장경석", "이경미"])
        #expect(last.journal == "초등영어교육(Primary English Education)")
        #expect((last.volume, last.issue) == ("29", "1"))
        #expect(last.year == 2023)
        #expect(last.pages == "31-53")
        #expect(last.abstract?.hasPrefix("This study aims to explore the use of Artificial Intelligence (AI)") == true)

        // Romanised names in brackets are alternate names, not affiliations.
        let bracketed = try #require(records.first { $0.authors.first?.literal == "신혜지" })
        #expect(bracketed.authors.first?.alternateNames == ["Hye Ji Sin"])
        #expect(bracketed.authors.first?.affiliations == [])
        #expect(records.filter { $0.volume == nil }.count == 6)
        #expect(records.filter { $0.otherTitle != nil }.count == 80)
        // Rows 85 and 92 are one article listed once per provider (KCI, 스콜라): two entries, two ids.
        #expect(records[84].title == records[91].title)
        #expect(records[84].nativeID != records[91].nativeID)
        #expect(records[91].authors.first?.alternateNames == ["Dongil Kim"])
    }

    @Test func bothExportsGiveTheSameIDs() throws {
        let (a, _) = try Self.parse("riss_excel_export_20250812152237.xls")
        let (b, _) = try Self.parse("riss_excel_export_20250812152326.xls")
        #expect(a.map(\.nativeID) == b.map(\.nativeID))
    }

    @Test func fieldHelpers() {
        #expect(RISSFields.volumeIssue("Vol.-No.12[2024]\r\n") == (nil, "12"))
        #expect(RISSFields.volumeIssue("Vol.15No.-[2024]") == ("15", nil))
        #expect(RISSFields.volumeIssue("Vol.64 No.1") == ("64", "1"))
        #expect(RISSFields.author("정용석 ( Yong-seok Chung )")?.alternateNames == ["Yong-seok Chung"])
        #expect(RISSFields.author("( Hong Sun Jang )")?.literal == "Hong Sun Jang")
        #expect(RISSFields.authors("송진주(Jinju Song), 김채은(Chaeeun Kim)").map(\.displayName) == ["송진주", "김채은"])
        #expect(RISSFields.authors("Reid, Ian R,Kim, Lee").map(\.displayName) == ["Reid, Ian R", "Kim, Lee"])
    }

    @Test func parserRefusesOtherFiles() throws {
        let path = NSTemporaryDirectory() + "riss-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "TY  - JOUR\nER  - \n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConnectorError.self) { try RISSFixtureTests.parseFile(path) }
        #expect(error?.location == path)
        let truncated = NSTemporaryDirectory() + "riss-\(UUID().uuidString).xls"
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        try fixture("riss", "riss_excel_export_20250812152237.xls").prefix(50_000).write(to: URL(fileURLWithPath: truncated))
        let xlsError = #expect(throws: ConnectorError.self) { try RISSFixtureTests.parseFile(truncated) }
        #expect(xlsError?.location == truncated)
        #expect(xlsError?.message.contains("unreadable Excel file") == true)
    }

    static func parseFile(_ path: String) throws {
        _ = try RISSFileParser().parseFile(atPath: path) { _ in }
    }
}
