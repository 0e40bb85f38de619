import LitharvestCore
import Testing

/// The one "retrieved X of Y" rule connectors report through.
@Suite("Completeness rule")
struct CompletenessRuleTests {
    @Test func fewerThanReportedIsPartialWithTheNumbers() {
        #expect(
            SearchResult.Completeness(retrieved: 40, reported: 57, source: "KCI")
                == .partial(reason: "retrieved 40 of the 57 records KCI reported"))
        #expect(
            SearchResult.Completeness(retrieved: 3, reported: 9, source: "KMbase", detail: "page 4 failed")
                == .partial(reason: "retrieved 3 of the 9 records KMbase reported (page 4 failed)"))
    }

    @Test func aLimitReachedOrNoCountIsComplete() {
        #expect(SearchResult.Completeness(retrieved: 10, reported: 57, wanted: 10, source: "KCI") == .complete)
        #expect(SearchResult.Completeness(retrieved: 57, reported: 57, source: "KCI") == .complete)
        #expect(SearchResult.Completeness(retrieved: 0, reported: nil, source: "KCI") == .complete)
    }

    @Test func problemsComeFirstThenTheShortfall() {
        #expect(
            SearchResult.Completeness(retrieved: 1, reported: 2, source: "NAL", problems: ["a", "b"])
                == .partial(reason: "a; b; retrieved 1 of the 2 records NAL reported"))
        #expect(SearchResult.Completeness(retrieved: 2, reported: 2, problems: ["a"]) == .partial(reason: "a"))
        #expect(SearchResult.Completeness(problems: []) == .complete)
    }

    @Test func aShortfallNamesItsScope() {
        let shortfall = SearchResult.Shortfall(retrieved: 5, reported: 8, source: "RISS", scope: "\"warfarin\"")
        #expect(shortfall?.description == "retrieved 5 of the 8 records RISS reported for \"warfarin\"")
        #expect(shortfall?.brief == "retrieved 5 of 8")
        #expect(SearchResult.Shortfall(retrieved: 8, reported: 8) == nil)
    }
}
