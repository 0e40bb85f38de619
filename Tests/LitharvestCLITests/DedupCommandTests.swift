import Foundation
import LitharvestCore
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
