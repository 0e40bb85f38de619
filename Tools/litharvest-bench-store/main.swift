// Store benchmark: writes N records made from seed records (JSON lines, as `litharvest parse --format jsonl`
// writes them) into a new store, or reads every record of the store's latest run back, timing it. Only the
// store's public API is used, so the same tool measures any version of the store. scripts/bench-store.sh runs
// it (release build, peak memory from GNU time).
//
//   litharvest-bench-store write STORE COUNT SEEDS.jsonl...
//   litharvest-bench-store read STORE
//   litharvest-bench-store fixture STORE SEEDS.jsonl
//
// `fixture` writes the small two-run store the migration tests open (Tests/LitharvestStoreTests/Fixtures):
// run 1 saves the seeds, run 2 the same jobs with the first seed changed, the second gone and one record new.
import Foundation
import LitharvestModel
import LitharvestStore

/// Records a job stores at once, as a large search's job would.
let recordsPerJob = 10_000

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func seeds(_ paths: [String]) -> [Record] {
    let decoder = JSONDecoder()
    var records: [Record] = []
    for path in paths {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        for line in text.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            do {
                records.append(try decoder.decode(Record.self, from: Data(line.utf8)))
            } catch {
                fail("\(path): not a record: \(error)")
            }
        }
    }
    guard !records.isEmpty else { fail("no seed records") }
    return records
}

/// The `index`th generated record: a seed with its own native id (and so its own content hash).
func generated(_ index: Int, from seeds: [Record]) -> Record {
    var record = seeds[index % seeds.count]
    record.nativeID = "bench-\(index)"
    if record.pmid != nil { record.pmid = String(50_000_000 + index) }
    return record
}

func write(storePath: String, count: Int, seedPaths: [String]) throws {
    let seedRecords = seeds(seedPaths)
    try? FileManager.default.removeItem(atPath: storePath)
    let store = try HarvestStore(path: storePath)
    let clock = ContinuousClock()
    let start = clock.now
    let runID = try store.beginRun(review: "bench", configPath: nil, startedAt: Date(), toolVersion: "bench")
    var written = 0
    while written < count {
        let batch = (written..<min(count, written + recordsPerJob)).map { generated($0, from: seedRecords) }
        let report = JobReport(
            search: "bench-\(written / recordsPerJob)", database: "bench", status: .ok, retrievedCount: batch.count,
            startedAt: Date(), finishedAt: Date(), connectorVersion: "bench")
        _ = try store.saveJob(runID: runID, report: report, records: batch)
        written += batch.count
    }
    try store.finishRun(runID: runID, status: .complete, finishedAt: Date())
    let seconds = (clock.now - start) / .seconds(1)
    let size = ((try? FileManager.default.attributesOfItem(atPath: storePath))?[.size] as? Int) ?? 0
    print(String(format: "wrote %d records (%d seeds) in %.2f s; store file %.1f MB", written, seedRecords.count, seconds, Double(size) / 1_048_576))
}

func read(storePath: String) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let store = try HarvestStore(path: storePath)
    guard let run = try store.latestFinishedRun() else { fail("no finished run in \(storePath)") }
    let records = try store.records(runID: run.id)
    let seconds = (clock.now - start) / .seconds(1)
    // Touch the records so nothing of the read can be skipped.
    let characters = records.reduce(0) { $0 + ($1.title?.utf8.count ?? 0) + $1.authors.count }
    print(String(format: "read %d records back in %.2f s (%.0f records/s; checksum %d)", records.count, seconds, Double(records.count) / seconds, characters))
}

func writeFixture(storePath: String, seedPaths: [String]) throws {
    let seedRecords = seeds(seedPaths)
    guard seedRecords.count >= 3 else { fail("a fixture needs at least 3 seeds") }
    try? FileManager.default.removeItem(atPath: storePath)
    let store = try HarvestStore(path: storePath)
    func saveRun(_ records: [Record], startedAt: Date) throws {
        let runID = try store.beginRun(review: "fixture", configPath: nil, startedAt: startedAt, toolVersion: "fixture")
        // One job per database, as a run of one search over several databases.
        for database in Set(seedRecords.map(\.database)).sorted() {
            let jobRecords = records.filter { $0.database == database }
            let report = JobReport(
                search: "fixture", database: database, status: .ok, reportedCount: jobRecords.count,
                retrievedCount: jobRecords.count, querySent: "fixture", startedAt: startedAt,
                finishedAt: startedAt.addingTimeInterval(1), connectorVersion: "fixture")
            _ = try store.saveJob(runID: runID, report: report, records: jobRecords)
        }
        try store.finishRun(runID: runID, status: .complete, finishedAt: startedAt.addingTimeInterval(2))
    }
    try saveRun(seedRecords, startedAt: Date(timeIntervalSince1970: 1_780_000_000))
    var second = seedRecords
    second[0].title = (second[0].title ?? "") + " (corrected)"
    second.remove(at: 1)
    var added = seedRecords[2]
    added.nativeID += "-new"
    second.append(added)
    try saveRun(second, startedAt: Date(timeIntervalSince1970: 1_780_086_400))
    print("wrote the fixture store \(storePath) from \(seedRecords.count) seeds")
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "write" where arguments.count >= 4:
        guard let count = Int(arguments[arguments.startIndex + 2]) else { fail("COUNT must be a number") }
        try write(storePath: arguments[arguments.startIndex + 1], count: count, seedPaths: Array(arguments.dropFirst(3)))
    case "fixture" where arguments.count >= 3:
        try writeFixture(storePath: arguments[arguments.startIndex + 1], seedPaths: Array(arguments.dropFirst(2)))
    case "read" where arguments.count == 2:
        try read(storePath: arguments[arguments.startIndex + 1])
    default:
        fail("usage: litharvest-bench-store write STORE COUNT SEEDS.jsonl... | read STORE | fixture STORE SEEDS.jsonl...")
    }
} catch {
    fail("\(error)")
}
