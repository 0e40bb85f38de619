import Foundation
import LitharvestHTTP
import LitharvestTesting
import Synchronization
import Testing

@Suite("retries, timeouts and faults, measured against a loopback server")
struct ResilienceTests {
    @Test func retryAfterIsHonouredBeforeSuccess() throws {
        let responder = ScriptedResponder()
        let tooMany = ServerResponse(status: 429, headers: [("Retry-After", "1")], body: Data("slow down".utf8))
        responder.script("/esearch.fcgi", [.respond(tooMany), .respond(tooMany), .respond(.xml("<ok/>"))])
        let server = try LoopbackServer(handler: responder.handler)
        defer { server.stop() }
        // Production backoff would be 1 s and 2 s; Retry-After must decide the wait instead.
        let client = HTTPClient(
            transport: CurlTransport(), limiters: RateLimiterRegistry(defaultRequestsPerSecond: 0),
            retryPolicy: RetryPolicy(maxAttempts: 5, baseDelay: 0.01))
        let start = DispatchTime.now()
        let response = try client.send(.get(server.url("/esearch.fcgi")))
        let elapsed = seconds(since: start)
        #expect(response.status == 200)
        #expect(response.attempts == 3)
        #expect(elapsed >= 2.0, "waited only \(elapsed) s")
        #expect(elapsed < 6.0)
        let arrivals = server.requests.map(\.receivedAtUptime)
        #expect(arrivals.count == 3)
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(Double(later - earlier) / 1e9 >= 0.99)
        }
    }

    @Test func retryAfterAsHTTPDateIsParsed() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let later = HTTPDate.format(now.addingTimeInterval(30))
        let parsed = try #require(RetryPolicy.retryAfterSeconds(later, now: now))
        #expect(abs(parsed - 30) < 1)
        #expect(RetryPolicy.retryAfterSeconds("120") == 120)
        #expect(RetryPolicy.retryAfterSeconds("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 0)
        #expect(RetryPolicy.retryAfterSeconds("Sunday, 06-Nov-94 08:49:37 GMT") != nil)
        #expect(RetryPolicy.retryAfterSeconds("Sun Nov  6 08:49:37 1994") != nil)
        #expect(RetryPolicy.retryAfterSeconds("soon") == nil)
    }

    @Test func serverErrorsExhaustTheBudgetWithATypedError() throws {
        let server = try LoopbackServer { _ in .respond(.text("maintenance", status: 503)) }
        defer { server.stop() }
        do {
            _ = try fastClient(attempts: 4).send(.get(server.url("/down")))
            Issue.record("503 throughout must fail")
        } catch let error as HTTPError {
            #expect(error.kind == .retryableStatus)
            #expect(error.status == 503)
            #expect(error.attempts == 4)
            #expect(error.description.contains("503"))
        }
        #expect(server.requests.count == 4)
    }

    @Test func nonRetryableStatusesComeBackAtOnce() throws {
        let server = try LoopbackServer { _ in .respond(.text("no", status: 404)) }
        defer { server.stop() }
        let response = try fastClient().send(.get(server.url("/missing")))
        #expect(response.status == 404)
        #expect(server.requests.count == 1)
    }

    @Test func truncatedBodyEndsInATypedErrorAfterTheBudget() throws {
        let server = try LoopbackServer { _ in .truncated(.xml(String(repeating: "<a/>", count: 500)), sendBytes: 100) }
        defer { server.stop() }
        do {
            let response = try fastClient(attempts: 3).send(.get(server.url("/short")))
            Issue.record("a truncated body was accepted (\(response.body.count) bytes)")
        } catch let error as HTTPError {
            #expect(error.kind == .truncatedBody)
            #expect(error.attempts == 3)
            #expect(error.message.contains("retry budget"))
        }
        #expect(server.requests.count == 3)
    }

    @Test func connectionResetEndsInATypedErrorAfterTheBudget() throws {
        let server = try LoopbackServer { _ in .reset }
        defer { server.stop() }
        do {
            _ = try fastClient(attempts: 3).send(.get(server.url("/reset")))
            Issue.record("a reset must fail")
        } catch let error as HTTPError {
            #expect(error.kind == .connectionReset)
            #expect(error.attempts == 3)
        }
        #expect(server.requests.count == 3)
    }

    @Test func recoversWhenAFaultIsFollowedBySuccess() throws {
        let responder = ScriptedResponder()
        responder.script("/flaky", [.reset, .truncated(.text("abcdef"), sendBytes: 2), .respond(.text("whole"))])
        let server = try LoopbackServer(handler: responder.handler)
        defer { server.stop() }
        let response = try fastClient(attempts: 3).send(.get(server.url("/flaky")))
        #expect(response.text == "whole")
        #expect(response.attempts == 3)
    }

    @Test func stalledBodyTimesOut() throws {
        let server = try LoopbackServer { _ in .stall(.text(String(repeating: "x", count: 1000)), sendBytes: 10, seconds: 20) }
        defer { server.stop() }
        let configuration = CurlTransportConfiguration(totalTimeout: 60, stallTimeout: 1)
        let start = DispatchTime.now()
        do {
            _ = try fastClient(attempts: 1, configuration: configuration).send(.get(server.url("/stall")))
            Issue.record("a stalled body must time out")
        } catch let error as HTTPError {
            #expect(error.kind == .timedOut)
        }
        #expect(seconds(since: start) < 10)
    }

    @Test func slowServerHitsTheTotalTimeout() throws {
        let server = try LoopbackServer { _ in .delay(seconds: 5, then: .respond(.text("late"))) }
        defer { server.stop() }
        let configuration = CurlTransportConfiguration(totalTimeout: 1, stallTimeout: 30)
        do {
            _ = try fastClient(attempts: 1, configuration: configuration).send(.get(server.url("/slow")))
            Issue.record("must time out")
        } catch let error as HTTPError {
            #expect(error.kind == .timedOut)
        }
    }

    @Test func cancellationStopsATransferInFlight() throws {
        let server = try LoopbackServer { _ in .stall(.text(String(repeating: "x", count: 1000)), sendBytes: 10, seconds: 20) }
        defer { server.stop() }
        let flag = CancellationFlag()
        let client = fastClient(attempts: 5, cancellation: flag)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flag.cancel() }
        let start = DispatchTime.now()
        do {
            _ = try client.send(.get(server.url("/stall")))
            Issue.record("must be cancelled")
        } catch let error as HTTPError {
            #expect(error.kind == .cancelled)
        }
        #expect(seconds(since: start) < 5)
    }

    @Test func cancellationInterruptsARetryWait() throws {
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(status: 429, headers: [("Retry-After", "30")]))
        }
        defer { server.stop() }
        let flag = CancellationFlag()
        let client = fastClient(attempts: 5, cancellation: flag)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.cancel() }
        let start = DispatchTime.now()
        #expect(throws: HTTPError.self) { try client.send(.get(server.url("/busy"))) }
        #expect(seconds(since: start) < 5)
    }

    @Test func retryAfterBeyondTheCapFailsWithTheReason() throws {
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(status: 503, headers: [("Retry-After", "3600")]))
        }
        defer { server.stop() }
        do {
            _ = try fastClient().send(.get(server.url("/later")))
            Issue.record("must fail")
        } catch let error as HTTPError {
            #expect(error.message.contains("3600"))
            #expect(error.status == 503)
        }
    }
}
