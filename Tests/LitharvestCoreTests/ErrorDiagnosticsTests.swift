import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel
import Testing

/// A connector that answers without any request, with the diagnostics it is given.
private struct DiagnosingConnector: Connector {
    let descriptor = ConnectorDescriptor(
        id: "diag", name: "Diag", platform: "test", access: .api, defaultEndpoint: "http://127.0.0.1:9/",
        defaultRequestsPerSecond: 100, supportsDateWindow: false, version: "t1")
    let diagnostics: [Diagnostic]
    let completeness: SearchResult.Completeness

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        SearchResult(
            records: [Record(database: "diag", nativeID: "1", title: "A")], reportedCount: 1, querySent: query.text,
            diagnostics: diagnostics, completeness: completeness)
    }
}

@Suite("error diagnostics make a job partial")
struct ErrorDiagnosticsTests {
    private func run(_ diagnostics: [Diagnostic], _ completeness: SearchResult.Completeness = .complete) -> JobReport {
        let connector = DiagnosingConnector(diagnostics: diagnostics, completeness: completeness)
        let job = HarvestJob(
            search: "s", factory: ConnectorFactory(descriptor: connector.descriptor) { connector },
            query: Query(text: "q"), settings: ConnectorSettings(endpoint: "http://127.0.0.1:9/", requestsPerSecond: 100))
        let harvester = Harvester(limiters: RateLimiterRegistry(), cancellation: CancellationFlag()) {
            CurlTransport(cancellation: $0)
        }
        return harvester.run([job], sink: { _, records in JobSinkOutcome(new: records.count, changed: 0) }, onEvent: { _ in })[0]
    }

    @Test func anErrorDiagnosticTurnsAnOKJobPartialWithItAsTheReason() {
        let report = run([Diagnostic(.error, "PubMed ignored part of the query: \"xyzzy\"[tiab]")])
        #expect(report.status == .partial)
        #expect(report.reason == "error: PubMed ignored part of the query: \"xyzzy\"[tiab]")
    }

    @Test func warningsAndNotesLeaveItOK() {
        let report = run([Diagnostic(.warning, "a record had no title"), Diagnostic(.note, "split into 2 windows")])
        #expect(report.status == .ok)
        #expect(report.reason == nil)
    }

    @Test func aPartialJobKeepsItsReasonAndGainsTheErrors() {
        let report = run([Diagnostic(.error, "page 3 unreadable")], .partial(reason: "retrieved 40 of 50"))
        #expect(report.status == .partial)
        #expect(report.reason == "retrieved 40 of 50; error: page 3 unreadable")
    }

    @Test func manyErrorsAreSummedUp() {
        var report = JobReport(
            search: "s", database: "d", status: .ok, diagnostics: (1...5).map { Diagnostic(.error, "e\($0)") },
            startedAt: Date(), finishedAt: Date(), connectorVersion: "1")
        report.markPartialForErrors()
        #expect(report.reason == "error: e1; error: e2; error: e3; and 2 more")
    }
}
