import Foundation
import LitharvestModel
import LitharvestApp
import LitharvestDedup
import Testing

@testable import LitharvestStore

@Suite("Store: clusters across runs and databases")
struct DedupStoreTests {
    private let title = "Intramuscular stimulation for chronic myofascial neck pain: a randomised controlled trial"

    private func paper(_ id: String, _ database: String, title: String? = nil, year: Int = 2011) -> Record {
        Record(
            database: database, nativeID: id, title: title ?? self.title,
            authors: [Author(family: "Lim", given: "Sung-Hoon"), Author(family: "Park", given: "Ji")],
            journal: "Journal of Pain Research", date: PublicationDate(year: year), volume: "12", issue: "3",
            pages: "221-8", pmid: database == "pubmed" ? id : nil)
    }

    @Test func secondDatabaseOfAnAlreadySeenPaperIsNotNewButIsRecorded() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let other = paper("99", "pubmed", title: "Massage for low back pain in office workers: a cohort study")
        let run1 = try store.simulateRun([(report(), [paper("21", "pubmed"), other])])
        let first = try store.deduplicate(runID: run1)
        #expect(first.identified == 2)
        #expect(first.unique == 2)
        #expect(first.duplicatesRemoved == 0)
        #expect(first.newClusters == 2)
        #expect(first.previousUnique == nil)
        #expect(try store.newClusterRecords(runID: run1)?.count == 2)

        let riss = paper("R7", "riss")
        var kci = paper("ART1", "kci")
        kci.title = "근막통증에 대한 근육내 자극 치료"
        kci.otherTitle = title
        let fresh = paper("R8", "riss", title: "Dry needling of the trapezius in office workers: a pilot study")
        let run2 = try store.simulateRun(
            [(report(), [paper("21", "pubmed"), other]), (report(database: "riss"), [riss, fresh]),
             (report(database: "kci"), [kci])], at: 100)
        let second = try store.deduplicate(runID: run2)
        #expect(second.identifiedPerDatabase == ["pubmed": 2, "riss": 2, "kci": 1])
        #expect(second.identified == 5)
        #expect(second.duplicatesRemoved == 2)
        #expect(second.unique == 3)
        #expect(second.newClusters == 1)
        #expect(second.previousUnique == 2)
        #expect(try store.dedupSummary(runID: run2) == second)
        #expect(try store.dedupSummary(runID: run1) == first)
        #expect(second.method.contains("identifier-first"))

        let newRecords = try #require(try store.newClusterRecords(runID: run2))
        #expect(newRecords.map(\.nativeID) == ["R8"])
        let members = try store.clusterMembers(of: RecordKey(database: "pubmed", nativeID: "21"))
        #expect(members == [
            RecordKey(database: "kci", nativeID: "ART1"), RecordKey(database: "pubmed", nativeID: "21"),
            RecordKey(database: "riss", nativeID: "R7"),
        ])
        let merged = try store.clusterRepresentatives(runID: run2).first { $0.nativeID == "21" }
        #expect(merged?.identifiers.contains(RecordIdentifier(scheme: "riss", value: "R7")) == true)
    }

    @Test func reviewDecisionsArePersistedAndRespected() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        // One year apart without volume or pages: a conference abstract and its article, or one paper.
        var abstract = paper("E1", "embase", year: 2010)
        abstract.volume = nil
        abstract.pages = nil
        abstract.issue = nil
        let run1 = try store.simulateRun([(report(), [paper("21", "pubmed")]), (report(database: "embase"), [abstract])])
        let before = try store.deduplicate(runID: run1)
        #expect(before.unique == 2)
        let pairs = try store.maybePairs()
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].first.nativeID, pairs[0].second.nativeID]) == ["21", "E1"])

        try store.saveDecision(PairDecision(RecordKey(pairs[0].first), RecordKey(pairs[0].second), same: true))
        #expect(try store.pairDecisions().count == 1)
        let after = try store.deduplicate(runID: run1)
        #expect(after.unique == 1)
        #expect(after.duplicatesRemoved == 1)
        #expect(try store.maybePairs().isEmpty)

        // Reopening the store keeps the decision.
        let reopened = try HarvestStore(path: path)
        #expect(try reopened.pairDecisions() == [PairDecision(RecordKey(database: "embase", nativeID: "E1"), RecordKey(database: "pubmed", nativeID: "21"), same: true)])
        try reopened.saveDecision(PairDecision(RecordKey(database: "embase", nativeID: "E1"), RecordKey(database: "pubmed", nativeID: "21"), same: false))
        #expect(try reopened.deduplicate(runID: run1).unique == 2)
        #expect(try reopened.maybePairs().isEmpty)
    }
}
