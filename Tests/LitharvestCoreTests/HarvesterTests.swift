import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Synchronization
import Testing

/// A connector that makes `requests` calls to its endpoint and returns one record per call.
private struct SlowConnector: Connector {
    let descriptor: ConnectorDescriptor
    let requests: Int

    init(id: String, requests: Int = 3) {
        descriptor = ConnectorDescriptor(
            id: id, name: id, platform: "test", access: .api, defaultEndpoint: "http://127.0.0.1:9/",
            defaultRequestsPerSecond: 100, supportsDateWindow: false, version: "t1")
        self.requests = requests
    }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        var records: [Record] = []
        for page in 0..<requests {
            let response = try context.send(.get(context.settings.endpoint + "page\(page)"))
            guard response.isSuccess else { throw ConnectorError(.databaseError, "HTTP \(response.status)") }
            records.append(Record(database: descriptor.id, nativeID: "\(descriptor.id)-\(page)", title: response.text))
            context.progress?(records.count, requests)
        }
        return SearchResult(records: records, reportedCount: requests, querySent: query.text)
    }
}

@Suite("the Dispatch scheduler")
struct HarvesterTests {
    private func job(_ id: String, endpoint: String, requests: Int = 3, timeout: Double? = nil, skip: String? = nil) -> HarvestJob {
        let connector = SlowConnector(id: id, requests: requests)
        return HarvestJob(
            search: "s", factory: ConnectorFactory(descriptor: connector.descriptor) { connector },
            query: Query(text: "q"), settings: ConnectorSettings(endpoint: endpoint, requestsPerSecond: 100),
            timeout: timeout, skipReason: skip)
    }

    private func harvester(_ flag: CancellationFlag = CancellationFlag()) -> Harvester {
        Harvester(
            limiters: RateLimiterRegistry(defaultRequestsPerSecond: 0), cancellation: flag,
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: 0.05)
        ) { CurlTransport(cancellation: $0) }
    }

    @Test func slowDatabasesOverlap() throws {
        // Eight databases, each three requests of 300 ms: one after another would take 7.2 s.
        let servers = try (0..<8).map { _ in try LoopbackServer { _ in .delay(seconds: 0.3, then: .respond(.text("ok"))) } }
        defer { servers.forEach { $0.stop() } }
        let jobs = servers.enumerated().map { job("db\($0.offset)", endpoint: $0.element.url("/")) }
        let stored = Mutex<[String: Int]>([:])
        let start = Date()
        let reports = harvester().run(jobs, sink: { report, records in
            stored.withLock { $0[report.database] = records.count }
            return JobSinkOutcome(new: records.count, changed: 0)
        }, onEvent: { _ in })
        let elapsed = Date().timeIntervalSince(start)
        #expect(reports.count == 8)
        #expect(reports.allSatisfy { $0.status == .ok && $0.retrievedCount == 3 })
        #expect(stored.withLock { $0.count } == 8)
        // The slowest job alone takes about 0.9 s; the whole run must not take much longer.
        let slowest = reports.map { $0.finishedAt.timeIntervalSince($0.startedAt) }.max() ?? 0
        #expect(elapsed < slowest * 1.5 + 0.5, "run took \(elapsed) s, slowest job \(slowest) s")
    }

    @Test func aFailingDatabaseNeverFailsTheOthers() throws {
        let good = try LoopbackServer { _ in .respond(.text("ok")) }
        let down = try LoopbackServer { _ in .respond(.text("down", status: 503)) }
        defer { good.stop(); down.stop() }
        let reports = harvester().run(
            [job("good", endpoint: good.url("/")), job("down", endpoint: down.url("/"))],
            sink: { _, records in JobSinkOutcome(new: records.count, changed: 0) }, onEvent: { _ in })
        #expect(reports[0].status == .ok)
        #expect(reports[1].status == .failed)
        #expect(reports[1].reason?.contains("503") == true)
        #expect(reports[1].retrievedCount == 0)
    }

    @Test func aStalledDatabaseTimesOutAlone() throws {
        let good = try LoopbackServer { _ in .respond(.text("ok")) }
        let stuck = try LoopbackServer { _ in .delay(seconds: 30, then: .respond(.text("late"))) }
        defer { good.stop(); stuck.stop() }
        let start = Date()
        let reports = harvester().run(
            [job("good", endpoint: good.url("/")), job("stuck", endpoint: stuck.url("/"), timeout: 1)],
            sink: { _, records in JobSinkOutcome(new: records.count, changed: 0) }, onEvent: { _ in })
        #expect(Date().timeIntervalSince(start) < 6)
        #expect(reports[0].status == .ok)
        #expect(reports[1].status == .failed)
        #expect(reports[1].reason == "timed out after 1 s")
    }

    @Test func cancellationStopsEveryJobAndKeepsNothingHalfDone() throws {
        let slow = try LoopbackServer { _ in .delay(seconds: 30, then: .respond(.text("late"))) }
        defer { slow.stop() }
        let flag = CancellationFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flag.cancel() }
        let sunk = Atomic<Int>(0)
        let start = Date()
        let reports = harvester(flag).run(
            [job("a", endpoint: slow.url("/")), job("b", endpoint: slow.url("/"))],
            sink: { _, records in
                sunk.add(records.count, ordering: .relaxed)
                return JobSinkOutcome(new: 0, changed: 0)
            }, onEvent: { _ in })
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(reports.allSatisfy { $0.status == .skipped && $0.reason?.contains("interrupted") == true })
        #expect(sunk.load(ordering: .relaxed) == 0)
    }

    @Test func skippedJobsAreReportedWithTheirReason() throws {
        let reports = harvester().run(
            [job("keyless", endpoint: "http://127.0.0.1:9/", skip: "set KCI_API_KEY (issued at …)")],
            sink: { _, _ in JobSinkOutcome(new: 0, changed: 0) }, onEvent: { _ in })
        #expect(reports.first?.status == .skipped)
        #expect(reports.first?.reason == "set KCI_API_KEY (issued at …)")
    }

    @Test func aSinkFailureFailsTheJob() throws {
        let good = try LoopbackServer { _ in .respond(.text("ok")) }
        defer { good.stop() }
        struct DiskFull: Error {}
        let reports = harvester().run(
            [job("good", endpoint: good.url("/"))], sink: { _, _ in throw DiskFull() }, onEvent: { _ in })
        #expect(reports.first?.status == .failed)
        #expect(reports.first?.reason?.contains("could not store") == true)
    }

    @Test func childFlagsFollowTheirParent() {
        let parent = CancellationFlag()
        let child = parent.makeChild()
        let sibling = parent.makeChild()
        sibling.cancel()
        #expect(!parent.isCancelled)
        #expect(!child.isCancelled)
        parent.cancel()
        #expect(child.isCancelled)
        #expect(parent.makeChild().isCancelled)
    }
}
