import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The further real RISS result pages (integrated search, 2026-07-10): every page's total equals the hit
/// count recorded with the capture and the sum of its per-category counts; records carry ids and titles.
@Suite("RISS further captures")
struct RISSMoreCapturesTests {
    /// File, hits recorded with the capture (summary.json = the page's `(검색결과 N 건)`), per-category counts,
    /// the records the page lists (counted independently: the `div.cont` entries of `div.srchResultListW`; the
    /// integrated search previews a few per category) and the first one's control number.
    static let captures: [(String, Int, [RISSSearchPage.Category], Int, String)] = [
        ("riss_search_03_A1_warfarin_phylloquinone.html", 5, [.init(name: "학위논문", count: 2), .init(name: "해외학술논문", count: 3)], 5, "eed7bf9821e75b7dffe0bdc3ef48d419"),
        ("riss_search_04_A1_warfarin_menaquinone.html", 5, [.init(name: "국내학술논문", count: 1), .init(name: "학위논문", count: 1), .init(name: "해외학술논문", count: 3)], 5, "7e787df505aa8361b7998d826d417196"),
        ("riss_search_05_A2_warfarin_omega_3.html", 6, [.init(name: "해외학술논문", count: 4), .init(name: "단행본", count: 2)], 5, "71b560d0da512f9effe0bdc3ef48d419"),
        ("riss_search_06_A2_warfarin_fish_oil.html", 4, [.init(name: "해외학술논문", count: 3), .init(name: "단행본", count: 1)], 4, "3709fd4851ff890cffe0bdc3ef48d419"),
        ("riss_search_07_A2_anticoagulant_omega_3.html", 5, [.init(name: "국내학술논문", count: 1), .init(name: "학위논문", count: 2), .init(name: "단행본", count: 2)], 5, "d54b1e0c0cc9bab547de9c1710b0298d"),
        ("riss_search_10_B1_nephrolithiasis_calcium_supplement.html", 15, [.init(name: "국내학술논문", count: 3), .init(name: "해외학술논문", count: 12)], 6, "16a2965b633cdd796aae8a972f9116fb"),
        ("riss_search_11_B1_urolithiasis_calcium_supplement_korean.html", 6, [.init(name: "단행본", count: 6)], 3, "b824c1b8abe84efeffe0bdc3ef48d419"),
        ("riss_search_12_B1_nephrolithiasis_calcium_supplement_korean.html", 1, [.init(name: "단행본", count: 1)], 1, "06c6f5d77282bd10"),
        ("riss_search_15_B2_urolithiasis_vitamin_D_korean.html", 154, [.init(name: "국내학술논문", count: 3), .init(name: "단행본", count: 151)], 6, "cfe0fb2122aee463ffe0bdc3ef48d419"),
        ("riss_search_16_B2_nephrolithiasis_vitamin_D_korean.html", 86, [.init(name: "단행본", count: 86)], 3, "928f20629f68697effe0bdc3ef48d419"),
        ("riss_search_17_B3_kidney_stone_vitamin_C.html", 98, [.init(name: "국내학술논문", count: 6), .init(name: "학위논문", count: 6), .init(name: "해외학술논문", count: 44), .init(name: "단행본", count: 42)], 12, "16a2965b633cdd796aae8a972f9116fb"),
        ("riss_search_18_B3_nephrolithiasis_ascorbic_acid.html", 4, [.init(name: "국내학술논문", count: 1), .init(name: "해외학술논문", count: 2), .init(name: "단행본", count: 1)], 4, "700d98e6a021f131b7998d826d417196"),
        ("riss_search_19_B3_urolithiasis_vitamin_C_korean.html", 154, [.init(name: "국내학술논문", count: 3), .init(name: "단행본", count: 151)], 6, "cfe0fb2122aee463ffe0bdc3ef48d419"),
        ("riss_search_20_B3_nephrolithiasis_vitamin_C_korean.html", 86, [.init(name: "단행본", count: 86)], 3, "928f20629f68697effe0bdc3ef48d419"),
    ]

    @Test(arguments: captures.indices)
    func pageTotalsEqualTheRecordedHits(index: Int) throws {
        let (file, hits, categories, listed, firstID) = Self.captures[index]
        let page = try RISSSearchPage(html: try fixture("riss", file), location: file)
        #expect(page.total == hits, "\(file)")
        #expect(page.categories == categories, "\(file)")
        #expect(page.categories.map(\.count).reduce(0, +) == hits, "\(file)")
        #expect(page.diagnostics.isEmpty, "\(file)")
        #expect(!page.records.isEmpty, "\(file)")
        #expect(page.records.count == listed, "\(file)")
        #expect(page.records.first?.nativeID == firstID, "\(file)")
        #expect(Set(page.records.map(\.nativeID)).count == page.records.count, "\(file)")
        #expect(page.records.allSatisfy { $0.database == "riss" && $0.title != nil }, "\(file)")
    }

    /// A domestic article on a Korean-query page, field by field (as the page shows it: 최성용 , 예미경 ·
    /// 대한비과학회 · 2015 · Journal of rhinology · Vol.22 No.2).
    @Test func aDomesticArticleIsMappedFieldByField() throws {
        let file = "riss_search_07_A2_anticoagulant_omega_3.html"
        let page = try RISSSearchPage(html: try fixture("riss", file), location: file)
        let record = try #require(page.records.first)
        #expect(record.nativeID == "d54b1e0c0cc9bab547de9c1710b0298d")
        #expect(record.title == "건강보조식품과 술후 출혈")
        #expect(record.authors.map(\.displayName) == ["최성용", "예미경"])
        #expect(record.publisher == "대한비과학회")
        #expect(record.journal == "Journal of rhinology")
        #expect(record.year == 2015)
        #expect((record.volume, record.issue) == ("22", "2"))
        #expect(record.url == "https://www.riss.kr/search/detail/DetailView.do?p_mat_type=1a0202e37d52c72d&control_no=d54b1e0c0cc9bab547de9c1710b0298d")
    }
}
