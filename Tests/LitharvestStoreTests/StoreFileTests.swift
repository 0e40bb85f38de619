import Foundation
import LitharvestModel
import Testing

@testable import LitharvestStore

@Suite("Store file: locking, durability, concurrency, scale")
struct StoreFileTests {
    @Test func aSecondLockInTheSameProcessIsRefused() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let first = try HarvestStore(path: path)
        let second = try HarvestStore(path: path)
        let lock = try first.lockForRun()
        #expect(lock.path == path + ".lock")
        let pidText = try String(contentsOfFile: path + ".lock", encoding: .utf8)
        #expect(pidText == "\(getpid())\n")
        do {
            _ = try second.lockForRun()
            Issue.record("a second lock was granted")
        } catch let error as StoreError {
            #expect(error.kind == .locked(pid: getpid()))
            #expect(
                error.description
                    == "another litharvest run (pid \(getpid())) holds \(path).lock; wait for it or stop it")
        }
        // The same instance cannot lock twice either.
        #expect(throws: StoreError.self) { try first.lockForRun() }
        lock.release()
        lock.release()
        let again = try second.lockForRun()
        again.release()
    }

    @Test func aLockIsReleasedWhenItGoesAway() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        do {
            let lock = try store.lockForRun()
            _ = lock
        }
        let lock = try store.lockForRun()
        lock.release()
    }

    #if os(Linux)
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func aLockHeldByAnotherProcessIsRefusedUntilItDies() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        // flock(1) takes the lock (in a process group of its own) and says so; the command it runs does not
        // inherit the lock (--close), so only flock itself holds it.
        let holder = try LockHolder(lockPath: path + ".lock")
        defer { holder.kill() }
        #expect(try holder.readLine() == "held")
        do {
            _ = try store.lockForRun()
            Issue.record("the lock was granted while another process held it")
        } catch let error as StoreError {
            // The flock tool writes no pid.
            #expect(error.kind == .locked(pid: nil))
            #expect(error.description == "another litharvest run holds \(path).lock; wait for it or stop it")
        }
        // The holder dies hard: the operating system drops its lock.
        holder.kill()
        let lock = try store.lockForRun()
        lock.release()
    }
    #endif

    @Test func aRunLeftRunningIsAbandonedWhenTheLockIsNextTaken() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        do {
            // A process that died mid-run: a saved job, no finishRun, no lock left behind.
            let store = try HarvestStore(path: path)
            try store.simulateRun([(report(), [record("A")])])
            try store.simulateRun([(report(), [record("A"), record("B")])], status: .running, at: 100)
        }
        let store = try HarvestStore(path: path)
        #expect(try store.runs().map(\.status) == [.running, .complete])
        let lock = try store.lockForRun()
        defer { lock.release() }
        let runs = try store.runs()
        #expect(runs.map(\.status) == [.abandoned, .complete])
        // Its finish time is its last job's.
        #expect(runs.first?.finishedAt == epoch.addingTimeInterval(5))
        #expect(try store.latestFinishedRun()?.id == runs.last?.id)
        let run3 = try store.simulateRun([(report(), [record("A"), record("B")])], at: 200)
        #expect(ids(try store.newRecords(runID: run3)) == ["B"])
        #expect(try store.lastSuccessfulSearch(search: "ims", database: "pubmed", before: run3) == epoch)
    }

    @Test func aFailedSaveLeavesNothingBehind() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let run1 = try store.simulateRun([(report(), [record("A")])])
        struct Boom: Error {}
        let run2 = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        #expect(throws: StoreError.self) {
            try store.saveJob(
                runID: run2, report: report(), records: [record("A"), record("B"), record("C")],
                beforeCommit: { jobID in
                    // Everything is written at this point, inside the transaction.
                    #expect(try store.count("SELECT COUNT(*) FROM job_records") == 1)
                    _ = jobID
                    throw Boom()
                })
        }
        #expect(try store.jobs(runID: run2).isEmpty)
        #expect(try store.count("SELECT COUNT(*) FROM records") == 1)
        #expect(try store.count("SELECT COUNT(*) FROM record_versions") == 1)
        #expect(try store.count("SELECT COUNT(*) FROM job_records") == 1)
        #expect(ids(try store.records(runID: run1)) == ["A"])
        // The store still works.
        let summary = try store.saveJob(runID: run2, report: report(), records: [record("A"), record("B")])
        #expect(summary == JobSaveSummary(stored: 2, new: 1, changed: 0))
    }

    @Test func concurrentJobsAllLand() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let runID = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        let jobCount = 8
        let perJob = 2_000
        let results = Results(count: jobCount)
        DispatchQueue.concurrentPerform(iterations: jobCount) { job in
            // Each job has 1,500 records of its own and 500 shared by all jobs.
            let records = (0..<perJob).map { index in
                index < 500 ? record("shared-\(index)") : record("job\(job)-\(index)")
            }
            results.set(job) {
                try store.saveJob(
                    runID: runID, report: report(search: "s\(job)", count: perJob), records: records)
            }
        }
        let summaries = try results.values()
        #expect(summaries.allSatisfy { $0.stored == perJob && $0.new == perJob && $0.changed == 0 })
        try store.finishRun(runID: runID, status: .complete, finishedAt: epoch)
        #expect(try store.jobs(runID: runID).count == jobCount)
        #expect(try store.records(runID: runID).count == 500 + jobCount * 1_500)
        #expect(try store.newRecords(runID: runID).count == 500 + jobCount * 1_500)
        #expect(try store.newRecords(runID: runID, search: "s3").count == perJob)
        #expect(try store.count("SELECT COUNT(*) FROM job_records") == jobCount * perJob)
    }

    @Test func oneHundredThousandRecordsTakeSeconds() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let count = 100_000
        let first = (0..<count).map { record(String(format: "%08d", $0)) }
        let clock = ContinuousClock()
        var timings: [String] = []
        func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
            var value: T?
            let elapsed = try clock.measure { value = try body() }
            timings.append("\(label) \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))")
            return value!
        }

        let run1 = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        let summary1 = try timed("save 100k (run 1)") {
            try store.saveJob(runID: run1, report: report(count: count), records: first)
        }
        #expect(summary1 == JobSaveSummary(stored: count, new: count, changed: 0))
        try store.finishRun(runID: run1, status: .complete, finishedAt: epoch)

        // Run 2: 1,000 records gone, 1,000 new, 1,000 changed.
        var second = Array(first.dropFirst(1_000))
        for index in 0..<1_000 { second[index].title = "Changed \(index)" }
        second += (count..<(count + 1_000)).map { record(String(format: "%08d", $0)) }
        let run2 = try store.beginRun(review: "r", configPath: nil, startedAt: epoch, toolVersion: "0.1.0")
        let summary2 = try timed("save 100k (run 2)") {
            try store.saveJob(runID: run2, report: report(count: count), records: second)
        }
        #expect(summary2 == JobSaveSummary(stored: count, new: 1_000, changed: 1_000))
        try store.finishRun(runID: run2, status: .complete, finishedAt: epoch)

        #expect(try timed("newRecords") { try store.newRecords(runID: run2) }.count == 1_000)
        #expect(try timed("changedRecords") { try store.changedRecords(runID: run2) }.count == 1_000)
        #expect(try timed("goneRecords") { try store.goneRecords(runID: run2) }.count == 1_000)
        // Read in many batches decoded on several cores: every record comes back whole and in order.
        #expect(try timed("newRecords of run 1") { try store.newRecords(runID: run1) } == first)
        #expect(try timed("records") { try store.records(runID: run2) }.count == count)
        #expect(try timed("runs") { try store.runs() }.map { $0.jobs.map(\.newCount) } == [[1_000], [count]])
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        print("HarvestStore scale (100,000 records, \(build)): " + timings.joined(separator: ", "))
    }

    @Test func reopeningKeepsEverything() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let runID: Int64
        do {
            let store = try HarvestStore(path: path)
            runID = try store.simulateRun([(report(), [record("A"), record("B")])])
        }
        for _ in 0..<3 {
            let store = try HarvestStore(path: path)
            #expect(try store.runs().map(\.id) == [runID])
            #expect(ids(try store.newRecords(runID: runID)) == ["A", "B"])
            #expect(try store.count("SELECT COUNT(*) FROM grdb_migrations") == 3)  // v1, v2-dedup and v3-encoded-records
            #expect(try store.text("PRAGMA journal_mode") == "wal")
        }
        let store = try HarvestStore(path: path)
        let run2 = try store.simulateRun([(report(), [record("A"), record("B"), record("C")])], at: 10)
        #expect(ids(try store.newRecords(runID: run2)) == ["C"])
    }

    @Test func aGarbageFileIsReportedWithItsPath() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data(String(repeating: "This is not a database. ", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try HarvestStore(path: path)
            Issue.record("a garbage file opened as a store")
        } catch let error as StoreError {
            #expect(error.kind == .unreadable)
            #expect(error.description.hasPrefix("cannot read the litharvest store \(path): "))
        }
    }

    @Test func anotherSQLiteDatabaseIsNotTakenOver() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        do {
            let store = try HarvestStore(path: path)
            // Make it look like someone else's database.
            try store.execute("PRAGMA application_id = 7")
        }
        do {
            _ = try HarvestStore(path: path)
            Issue.record("a foreign database opened as a store")
        } catch let error as StoreError {
            #expect(error.kind == .unreadable)
            #expect(error.description.contains("not a litharvest store"))
            #expect(error.description.contains(path))
        }
    }

    @Test func aFolderAtThePathIsReported() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(throws: StoreError(.unreadable, path: path, message: "it is a folder, not a store file")) {
            try HarvestStore(path: path)
        }
    }

    @Test func contentHashIsSHA256OfSortedKeyJSON() throws {
        #expect(ContentHash.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            ContentHash.hexDigest(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            ContentHash.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            ContentHash.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")

        let record = Record(database: "pubmed", nativeID: "1", title: "a/b")
        let json = String(decoding: try CanonicalJSON.encode(record), as: UTF8.self)
        #expect(json.hasPrefix(#"{"abstract"#) == false)
        #expect(json.contains(#""database":"pubmed""#))
        #expect(json.contains("a/b"))
        #expect(try EncodedRecord(record).hash == ContentHash.hexDigest(Array(json.utf8)))
        // The hash of a known record, as every version of the store has computed it.
        #expect(
            try EncodedRecord(record).hash == ContentHash.hexDigest(Array(
                #"{"authors":[],"database":"pubmed","identifiers":[],"issns":[],"keywords":[],"languages":[],"nativeID":"1","publicationTypes":[],"subjects":[],"title":"a/b"}"#.utf8)))
    }
}

#if os(Linux)
/// A process holding the run lock through flock(1), started with posix_spawn so that its death can be
/// awaited with waitpid.
final class LockHolder {
    private var pid: pid_t = 0
    private let output: Int32

    init(lockPath: String) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw POSIXError(.EIO) }
        output = pipeEnds[0]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let arguments = [
            "/usr/bin/flock", "--nonblock", "--close", lockPath, "/bin/sh", "-c", "echo held; exec sleep 60",
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(output)
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
        }
    }

    /// The first line the holder printed.
    func readLine() throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(output, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Kills the holder's process group with SIGKILL and reaps it (again is harmless).
    func kill() {
        guard pid > 0 else { return }
        _ = Glibc.kill(-pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        pid = 0
        close(output)
    }
}
#endif

/// Results of concurrent jobs, filled from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<JobSaveSummary, any Error>?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ body: () throws -> JobSaveSummary) {
        let result = Result { try body() }
        lock.withLock { storage[index] = result }
    }

    func values() throws -> [JobSaveSummary] {
        try lock.withLock { try storage.map { try #require($0).get() } }
    }
}
