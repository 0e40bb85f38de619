import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The further real RISS result pages (integrated search, 2026-07-10): every page's total equals the hit
/// count recorded with the capture and the sum of its per-category counts; records carry ids and titles.
@Suite("RISS further captures")
struct RISSMoreCapturesTests {
    /// File, hits recorded with the capture (summary.json = the page's `(검색결과 N 건)`), per-category counts.
    static let captures: [(String, Int, [RISSSearchPage.Category])] = [
        ("riss_search_03_A1_warfarin_phylloquinone.html", 5, [.init(name: "학위논문", count: 2), .init(name: "해외학술논문", count: 3)]),
        ("riss_search_04_A1_warfarin_menaquinone.html", 5, [.init(name: "국내학술논문", count: 1), .init(name: "학위논문", count: 1), .init(name: "해외학술논문", count: 3)]),
        ("riss_search_05_A2_warfarin_omega_3.html", 6, [.init(name: "해외학술논문", count: 4), .init(name: "단행본", count: 2)]),
        ("riss_search_06_A2_warfarin_fish_oil.html", 4, [.init(name: "해외학술논문", count: 3), .init(name: "단행본", count: 1)]),
        ("riss_search_07_A2_anticoagulant_omega_3.html", 5, [.init(name: "국내학술논문", count: 1), .init(name: "학위논문", count: 2), .init(name: "단행본", count: 2)]),
        ("riss_search_10_B1_nephrolithiasis_calcium_supplement.html", 15, [.init(name: "국내학술논문", count: 3), .init(name: "해외학술논문", count: 12)]),
        ("riss_search_11_B1_urolithiasis_calcium_supplement_korean.html", 6, [.init(name: "단행본", count: 6)]),
        ("riss_search_12_B1_nephrolithiasis_calcium_supplement_korean.html", 1, [.init(name: "단행본", count: 1)]),
        ("riss_search_15_B2_urolithiasis_vitamin_D_korean.html", 154, [.init(name: "국내학술논문", count: 3), .init(name: "단행본", count: 151)]),
        ("riss_search_16_B2_nephrolithiasis_vitamin_D_korean.html", 86, [.init(name: "단행본", count: 86)]),
        ("riss_search_17_B3_kidney_stone_vitamin_C.html", 98, [.init(name: "국내학술논문", count: 6), .init(name: "학위논문", count: 6), .init(name: "해외학술논문", count: 44), .init(name: "단행본", count: 42)]),
        ("riss_search_18_B3_nephrolithiasis_ascorbic_acid.html", 4, [.init(name: "국내학술논문", count: 1), .init(name: "해외학술논문", count: 2), .init(name: "단행본", count: 1)]),
        ("riss_search_19_B3_urolithiasis_vitamin_C_korean.html", 154, [.init(name: "국내학술논문", count: 3), .init(name: "단행본", count: 151)]),
        ("riss_search_20_B3_nephrolithiasis_vitamin_C_korean.html", 86, [.init(name: "단행본", count: 86)]),
    ]

    @Test(arguments: captures.indices)
    func pageTotalsEqualTheRecordedHits(index: Int) throws {
        let (file, hits, categories) = Self.captures[index]
        let page = try RISSSearchPage(html: try fixture("riss", file), location: file)
        #expect(page.total == hits, "\(file)")
        #expect(page.categories == categories, "\(file)")
        #expect(page.categories.map(\.count).reduce(0, +) == hits, "\(file)")
        #expect(page.diagnostics.isEmpty, "\(file)")
        #expect(!page.records.isEmpty, "\(file)")
        #expect(page.records.count <= hits, "\(file)")
        #expect(Set(page.records.map(\.nativeID)).count == page.records.count, "\(file)")
        #expect(page.records.allSatisfy { $0.database == "riss" && $0.title != nil }, "\(file)")
    }
}
