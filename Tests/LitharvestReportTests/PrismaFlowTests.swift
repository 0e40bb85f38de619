import Foundation
import LitharvestModel
import LitharvestReport
import Testing

@Suite("PRISMA flow numbers")
struct PrismaFlowTests {
    static let labels: DatabaseLabels = { id in
        switch id {
        case "pubmed": DatabaseLabel(name: "MEDLINE/PubMed", platform: "NCBI E-utilities")
        case "kmbase": DatabaseLabel(name: "KMbase <한국의학> & \"Co\"", platform: "MedRIC")
        case "ctgov": DatabaseLabel(name: "ClinicalTrials.gov", platform: "API")
        default: nil
        }
    }

    static func report(
        _ database: String, search: String = "ims", retrieved: Int, status: JobReport.Status = .ok, query: String? = nil
    ) -> JobReport {
        let date = Date(timeIntervalSince1970: 1_764_115_200)
        return JobReport(
            search: search, database: database, status: status, reason: status == .ok ? nil : "no key",
            reportedCount: retrieved, retrievedCount: retrieved, querySent: query ?? "\"intramuscular stimulation\"[tiab]",
            startedAt: date, finishedAt: date, connectorVersion: "1")
    }

    static let reports = [report("pubmed", retrieved: 40), report("kmbase", retrieved: 12)]

    @Test func firstRunWithoutDedupLeavesDuplicatesUndetermined() throws {
        let flow = try PrismaFlow(
            review: "IMS", run: 1, searchedAt: "2026-11-26T03:00:00Z", reports: Self.reports, newRecords: 52, previous: nil,
            labels: Self.labels)
        #expect(flow.sources.map(\.database) == ["pubmed", "kmbase"])
        #expect(flow.sources.map(\.identified) == [40, 12])
        #expect(flow.sources[1].name == "KMbase <한국의학> & \"Co\"")
        #expect(flow.identified == 52)
        #expect(flow.identifiedFromDatabases == 52)
        #expect(flow.identifiedFromRegisters == 0)
        #expect(flow.duplicatesRemoved == nil)
        #expect(flow.unique == nil)
        #expect(flow.seenBefore == 0)
        #expect(flow.screened == 52)
        #expect(!flow.isUpdate)
        #expect(flow.deduplication.contains("not determined"))
    }

    @Test func updateWithoutDedupCountsRecordsSeenBefore() throws {
        let previous = PrismaFlow.PreviousVersion(runs: [1, 2], records: 40)
        let flow = try PrismaFlow(
            review: "IMS", run: 3, searchedAt: "2026-11-26T03:00:00Z", reports: [Self.report("pubmed", retrieved: 43)],
            newRecords: 3, previous: previous, labels: Self.labels)
        #expect(flow.isUpdate)
        #expect(flow.previous == previous)
        #expect(flow.identified == 43)
        #expect(flow.seenBefore == 40)
        #expect(flow.screened == 3)
    }

    @Test func searchesOfOneDatabaseAddUpAndCarryTheirStatus() throws {
        let reports = [
            Self.report("pubmed", search: "a", retrieved: 5), Self.report("pubmed", search: "b", retrieved: 7),
            Self.report("kmbase", retrieved: 0, status: .skipped), Self.report("ctgov", retrieved: 4),
        ]
        let flow = try PrismaFlow(
            review: "IMS", run: 1, searchedAt: "t", reports: reports, newRecords: 14, previous: nil, labels: Self.labels,
            registers: ["ctgov"])
        #expect(flow.sources.map(\.identified) == [12, 0, 4])
        #expect(flow.sources[1].note == "search ims skipped")
        #expect(flow.sources[2].kind == .register)
        #expect(flow.identifiedFromDatabases == 12)
        #expect(flow.identifiedFromRegisters == 4)
        #expect(flow.seenBefore == 2)
    }

    @Test func moreNewRecordsThanIdentifiedIsAnError() {
        #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 4, searchedAt: "t", reports: Self.reports, newRecords: 53, previous: nil,
                labels: Self.labels)
        }
    }

    static func dedup(
        identified: Int = 52, duplicates: Int = 7, unique: Int = 45, new: Int = 45, previous: Int? = nil,
        perDatabase: [String: Int] = ["pubmed": 40, "kmbase": 12]
    ) -> RunDedupSummary {
        RunDedupSummary(
            identifiedPerDatabase: perDatabase, identified: identified, duplicatesRemoved: duplicates, unique: unique,
            newClusters: new, previousUnique: previous, method: "DOI, PMID and title-year matching")
    }

    @Test func dedupNumbersFillDuplicatesAndScreened() throws {
        let flow = try PrismaFlow(
            review: "IMS", run: 1, searchedAt: "t", reports: Self.reports, dedup: Self.dedup(), previousRuns: [],
            labels: Self.labels)
        #expect(flow.duplicatesRemoved == 7)
        #expect(flow.unique == 45)
        #expect(flow.screened == 45)
        #expect(flow.seenBefore == 0)
        #expect(flow.deduplication == "Duplicates removed by DOI, PMID and title-year matching.")

        let update = try PrismaFlow(
            review: "IMS", run: 2, searchedAt: "t", reports: Self.reports, dedup: Self.dedup(new: 5, previous: 40),
            previousRuns: [1], labels: Self.labels)
        #expect(update.previous == PrismaFlow.PreviousVersion(runs: [1], records: 40))
        #expect(update.seenBefore == 40)
        #expect(update.screened == 5)
    }

    @Test func dedupNumbersThatDoNotAddUpAreErrors() throws {
        let wrongUnique = #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 5, searchedAt: "t", reports: Self.reports, dedup: Self.dedup(unique: 44, new: 44),
                previousRuns: [], labels: Self.labels)
        }
        #expect(wrongUnique?.description == "PRISMA flow of run 5: identified (52) − duplicates removed (7) = 45, but 44 records are unique")
        #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 5, searchedAt: "t", reports: Self.reports,
                dedup: Self.dedup(perDatabase: ["pubmed": 40, "kmbase": 11]), previousRuns: [], labels: Self.labels)
        }
        #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 5, searchedAt: "t", reports: Self.reports, dedup: Self.dedup(new: 40), previousRuns: [],
                labels: Self.labels)
        }
        #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 5, searchedAt: "t", reports: Self.reports, dedup: Self.dedup(), previousRuns: [4],
                labels: Self.labels)
        }
        #expect(throws: PrismaFlowError.self) {
            try PrismaFlow(
                review: "IMS", run: 5, searchedAt: "t", sources: [], identified: 10, duplicatesRemoved: 2, unique: 8,
                seenBefore: 0, screened: 9, previous: nil, deduplication: "")
        }
    }
}
