import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@Suite("litharvest dedup, standalone")
struct DedupCommandTests {
    private func writeRecords(_ records: [Record], to path: String) throws {
        let encoder = JSONEncoder()
        let lines = try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func writesOneClusterRowPerRecordAndMaybePairs() throws {
        let folder = NSTemporaryDirectory() + "dedup-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let title = "Intramuscular stimulation for chronic myofascial neck pain: a randomised controlled trial"
        func paper(_ id: String, _ database: String, title: String, year: Int, pages: String?) -> Record {
            Record(
                database: database, nativeID: id, title: title, authors: [Author(family: "Lim", given: "S")],
                journal: "J Pain Res", date: PublicationDate(year: year), volume: pages == nil ? nil : "12", pages: pages)
        }
        try writeRecords(
            [
                paper("a1", "pubmed", title: title, year: 2011, pages: "221-8"),
                paper("b7", "embase", title: title.uppercased(), year: 2011, pages: "221-228"),
                paper("c3", "scholar", title: title, year: 2010, pages: nil),
                paper("d4", "pubmed", title: "Massage for low back pain in office workers", year: 2011, pages: "1-9"),
            ], to: folder + "/in.jsonl")
        let result = try litharvest([
            "dedup", "--input", folder + "/in.jsonl", "--format", "jsonl", "--output", folder + "/clusters.csv",
            "--maybe", folder + "/maybe.csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let clusters = try String(contentsOfFile: folder + "/clusters.csv", encoding: .utf8)
        #expect(
            clusters == """
                record_id,cluster_id
                "a1","a1"
                "b7","a1"
                "c3","c3"
                "d4","d4"

                """)
        let maybe = try String(contentsOfFile: folder + "/maybe.csv", encoding: .utf8).split(separator: "\n")
        #expect(maybe.count == 3)
        #expect(maybe[1].hasPrefix("\"a1\",\"c3\",\"\"") || maybe[1].hasPrefix("\"b7\",\"c3\",\"\""))
        #expect(maybe[0].hasPrefix("first,second,decision,reason,first_title,second_title,first_year,second_year,first_authors"))
        #expect(maybe[1].contains("\"2011\",\"2010\",\"Lim, S\",\"Lim, S\",\"J Pain Res\",\"J Pain Res\""))

        try "first,second,decision\n\"a1\",\"c3\",same\n".write(toFile: folder + "/decided.csv", atomically: true, encoding: .utf8)
        let decided = try litharvest([
            "dedup", "--input", folder + "/in.jsonl", "--output", folder + "/clusters2.csv", "--decisions",
            folder + "/decided.csv",
        ])
        #expect(decided.status == 0, "\(decided.stderr)")
        let second = try String(contentsOfFile: folder + "/clusters2.csv", encoding: .utf8)
        #expect(second.contains("\"c3\",\"a1\""))
    }

    @Test func idsWithQuotesAreQuotedInClustersFile() throws {
        let folder = NSTemporaryDirectory() + "dedup-quotes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let title = "Intramuscular stimulation for chronic myofascial neck pain: a randomised controlled trial"
        try writeRecords(
            [
                Record(database: "csv", nativeID: "a\"1", title: title, date: PublicationDate(year: 2011)),
                Record(database: "csv", nativeID: "b,2", title: "Massage for low back pain in office workers"),
            ], to: folder + "/in.jsonl")
        let result = try litharvest(["dedup", "--input", folder + "/in.jsonl", "--output", folder + "/clusters.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let clusters = try String(contentsOfFile: folder + "/clusters.csv", encoding: .utf8)
        #expect(clusters == "record_id,cluster_id\n\"a\"\"1\",\"a\"\"1\"\n\"b,2\",\"b,2\"\n")
    }

    @Test func badInputNamesTheLine() throws {
        let path = NSTemporaryDirectory() + "dedup-bad-\(UUID().uuidString).jsonl"
        try "{\"database\": \"x\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try litharvest(["dedup", "--input", path, "--output", path + ".csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):1"))
    }
}

/// `dedup --review` on a review's store: the maybe pair a run left is shown side by side, the answer is
/// stored, and every later clustering (here a re-import) respects it.
@Suite("litharvest dedup --review end to end")
struct DedupReviewCommandTests {
    private static let title = "Intramuscular stimulation for chronic myofascial neck pain: a randomised controlled trial"

    /// One RIS record: the same study as a 2010 meeting abstract and a 2012 article is a maybe pair (years
    /// two apart, nothing else to tell).
    private func ris(id: String, year: Int, journal: String) -> String {
        "TY  - JOUR\nID  - \(id)\nTI  - \(Self.title)\nAU  - Lim, Sung-Hoon\nAU  - Park, Ji-Young\nPY  - \(year)\n"
            + "JO  - \(journal)\nER  - \n"
    }

    /// The abstract imported as a Cochrane job in a new run 1, the article as a PubMed job of the same run;
    /// returns the store arguments and the article's file.
    private func storeWithOneMaybePair(_ review: ImportCommandTests.Review) throws -> (store: [String], article: String) {
        let abstract = review.folder + "/embase.ris"
        let article = review.folder + "/pubmed.ris"
        try ris(id: "E1", year: 2010, journal: "Pain Medicine Meeting Abstracts").write(toFile: abstract, atomically: true, encoding: .utf8)
        try ris(id: "P1", year: 2012, journal: "Journal of Pain Research").write(toFile: article, atomically: true, encoding: .utf8)
        let store = ["--config", review.config, "--store", review.store]
        let first = try litharvest(["import"] + store + ["--database", "cochrane", abstract])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try litharvest(["import"] + store + ["--database", "pubmed", "--run", "1", article])
        #expect(second.status == 0, "\(second.stderr)")
        return (store, article)
    }

    @Test func reviewStoresDecisionsThatLaterClusteringRespects() throws {
        let review = try ImportCommandTests.Review()
        defer { review.remove() }
        let (store, article) = try storeWithOneMaybePair(review)
        func newStudies() throws -> [Record] {
            let new = try litharvest(["new"] + store + ["--format", "jsonl"])
            #expect(new.status == 0, "\(new.stderr)")
            return try new.stdout.split(separator: "\n").map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
        }
        #expect(try newStudies().count == 2)

        // An unknown answer is asked again; `s` decides "same".
        let reviewed = try litharvest(["dedup", "--review"] + store, input: "maybe\ns\n")
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stdout.contains("Pair 1 of 1: titles 100% alike; years 2 apart"))
        #expect(reviewed.stdout.contains("cochrane:E1"))
        #expect(reviewed.stdout.contains("pubmed:P1"))
        #expect(reviewed.stdout.contains("Journal of Pain Research"))
        #expect(reviewed.stdout.components(separatedBy: "Same study?").count == 3)
        #expect(reviewed.stdout.contains("1 decision(s) stored."))
        #expect(reviewed.stdout.contains("re-clustered: 1 unique, 1 duplicates removed"))
        #expect(try newStudies().count == 1)

        // Nothing is left to review, and re-importing a job re-clusters with the decision kept.
        let again = try litharvest(["dedup", "--review"] + store, input: "")
        #expect(again.stdout.contains("No pairs to review."))
        let reimported = try litharvest(["import"] + store + ["--database", "pubmed", "--run", "1", "--replace", article])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        #expect(try newStudies().count == 1)
    }

    @Test func differentIsStoredAndQuitStopsEarly() throws {
        let review = try ImportCommandTests.Review()
        defer { review.remove() }
        let store = try storeWithOneMaybePair(review).store
        let quit = try litharvest(["dedup", "--review"] + store, input: "q\n")
        #expect(quit.stdout.contains("0 decision(s) stored."))
        let different = try litharvest(["dedup", "--review"] + store, input: "d\n")
        #expect(different.stdout.contains("1 decision(s) stored."))
        #expect(different.stdout.contains("re-clustered: 2 unique, 0 duplicates removed"))
        // A pair decided "different" is not asked about again.
        #expect(try litharvest(["dedup", "--review"] + store, input: "").stdout.contains("No pairs to review."))
    }
}
