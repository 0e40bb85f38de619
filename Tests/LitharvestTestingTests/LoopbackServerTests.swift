#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import Testing
import LitharvestTesting

@Suite("LoopbackServer")
struct LoopbackServerTests {
    @Test func getReturnsBodyAndStatusViaCurl() throws {
        let server = try LoopbackServer { request in
            request.path == "/hello" ? .respond(.text("hello world")) : .respond(.text("nope", status: 404))
        }
        defer { server.stop() }
        let result = try curl(["-w", "\n%{http_code}", "-H", "X-Test: yes", server.url("/hello?x=1")])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.text == "hello world\n200")

        let missing = try curl(["-o", "/dev/null", "-w", "%{http_code}", server.url("/other")])
        #expect(missing.text == "404")

        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].method == "GET")
        #expect(requests[0].target == "/hello?x=1")
        #expect(requests[0].path == "/hello")
        #expect(requests[0].header("x-test") == "yes")
        #expect(requests[0].header("HOST") == "127.0.0.1:\(server.port)")
        #expect(requests[0].receivedAtUptime <= requests[1].receivedAtUptime)
        #expect(abs(requests[0].receivedAt.timeIntervalSinceNow) < 10)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.url("x") == server.baseURL + "/x")
    }

    @Test func responseHeadIsWellFormed() throws {
        let gzipped: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]
        let server = try LoopbackServer { request in
            switch request.path {
            case "/gz": .respond(ServerResponse(headers: [(name: "Content-Encoding", value: "gzip")], body: Data(gzipped)))
            case "/e": .respond(.text("boom", status: 503))
            case "/moved": .respond(ServerResponse(status: 302, headers: [("Location", "/x")]))
            default: .respond(.xml("<a/>"))
            }
        }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let xml = try client.readResponse()
        #expect(xml.statusLine == "HTTP/1.1 200 OK")
        #expect(xml.header("Content-Type") == "text/xml; charset=UTF-8")
        #expect(xml.header("Content-Length") == "4")
        #expect(xml.header("Connection") == "keep-alive")
        #expect(xml.header("Date")?.hasSuffix(" GMT") == true)
        #expect(xml.bodyText == "<a/>")

        client.send("GET /gz HTTP/1.1\r\nHost: t\r\n\r\n")
        let gz = try client.readResponse()
        #expect(gz.header("Content-Encoding") == "gzip")
        #expect(gz.body == gzipped)

        client.send("GET /e HTTP/1.1\r\nHost: t\r\n\r\n")
        let error = try client.readResponse()
        #expect(error.statusLine == "HTTP/1.1 503 Service Unavailable")

        client.send("GET /moved HTTP/1.1\r\nHost: t\r\n\r\n")
        let moved = try client.readResponse()
        #expect(moved.statusLine == "HTTP/1.1 302 Found")
        #expect(moved.header("Location") == "/x")
        #expect(moved.header("Content-Length") == "0")

        client.send("HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(bodyless: true)
        #expect(head.header("Content-Length") == "4")
        #expect(head.body.isEmpty)

        // Connection: close from the client -> answered, then EOF.
        client.send("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let last = try client.readResponse()
        #expect(last.header("Connection") == "close")
        #expect(client.readToEnd().end == .eof)
    }

    @Test func queryAndFormParametersDecode() throws {
        let server = try LoopbackServer { _ in .respond(.text("ok")) }
        defer { server.stop() }
        let result = try curl([
            "-d", "id=1&id=2&term=a+b%20c&empty=&note=caf%C3%A9",
            server.url("/e%20utils/esearch.fcgi?db=pubmed&id=0&x=%2Fy+z"),
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/e utils/esearch.fcgi")
        #expect(request.query.map(\.name) == ["db", "id", "x"])
        #expect(request.parameter("x") == "/y z")
        #expect(request.parameter("db") == "pubmed")
        #expect(request.parameter("id") == "0")
        #expect(request.parameters("id") == ["0", "1", "2"])
        #expect(request.parameter("term") == "a b c")
        #expect(request.parameter("empty") == "")
        #expect(request.parameter("note") == "café")
        #expect(request.parameter("missing") == nil)
        #expect(request.formParameters.map(\.name) == ["id", "id", "term", "empty", "note"])
        #expect(String(decoding: request.body, as: UTF8.self) == "id=1&id=2&term=a+b%20c&empty=&note=caf%C3%A9")
    }

    @Test func handBuiltRequestParsesTarget() {
        let request = RecordedRequest(
            method: "POST",
            target: "/a%2Fb/c?q=x+y&q=%26",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data("q=z&r=1".utf8)
        )
        #expect(request.path == "/a/b/c")
        #expect(request.parameters("q") == ["x y", "&", "z"])
        #expect(request.parameter("r") == "1")
        let json = RecordedRequest(method: "POST", target: "/", headers: [(name: "Content-Type", value: "application/json")], body: Data("r=1".utf8))
        #expect(json.formParameters.isEmpty)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try LoopbackServer { request in .respond(.text("answer to \(request.path)")) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText == "answer to /one")
        client.send("POST /two HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
        #expect(try client.readResponse().bodyText == "answer to /two")
        // Pipelined: two requests in one write.
        client.send("GET /3 HTTP/1.1\r\nHost: t\r\n\r\nGET /4 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText == "answer to /3")
        #expect(try client.readResponse().bodyText == "answer to /4")
        let requests = server.requests
        #expect(requests.count == 4)
        #expect(Set(requests.map(\.connectionID)).count == 1)
        #expect(requests[1].body == Data("abc".utf8))

        // libcurl reuses the connection for two URLs on one command line.
        let result = try curl([server.url("/a"), server.url("/b")])
        #expect(result.text == "answer to /aanswer to /b")
        let curlRequests = server.requests.suffix(2)
        #expect(Set(curlRequests.map(\.connectionID)).count == 1)
        #expect(curlRequests.first?.connectionID != requests[0].connectionID)
    }

    @Test func chunkedAndExpectContinueRequestBodies() throws {
        let server = try LoopbackServer { request in .respond(.text("got \(request.body.count)")) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n")
        #expect(try client.readResponse().bodyText == "got 11")
        #expect(server.requests.first?.body == Data("hello world".utf8))

        client.send("POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse(bodyless: true)
        #expect(interim.status == 100)
        client.send("data")
        #expect(try client.readResponse().bodyText == "got 4")
    }

    @Test func truncatedResponseEndsEarly() throws {
        let body = Data(repeating: UInt8(ascii: "x"), count: 100)
        let server = try LoopbackServer { _ in .truncated(.text(String(decoding: body, as: UTF8.self)), sendBytes: 30) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /t HTTP/1.1\r\nHost: t\r\n\r\n")
        let (bytes, end) = client.readToEnd()
        #expect(end == .eof)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Content-Length: 100\r\n"))
        let parts = text.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        #expect(parts.last?.count == 30)

        let result = try curl(["-o", "/dev/null", server.url("/t")])
        #expect(result.exitCode == 18, "curl: \(result.stderr)")  // CURLE_PARTIAL_FILE
    }

    @Test func resetAbortsTheConnection() throws {
        let server = try LoopbackServer { _ in .reset }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /r HTTP/1.1\r\nHost: t\r\n\r\n")
        let (bytes, end) = client.readToEnd()
        #expect(bytes.isEmpty)
        #expect(end == .error(ECONNRESET))
        #expect(server.requests.count == 1)

        let result = try curl([server.url("/r")])
        #expect(result.exitCode == 56, "curl: \(result.stderr)")  // CURLE_RECV_ERROR
    }

    @Test func closeWithoutResponseSendsNothing() throws {
        let server = try LoopbackServer { _ in .closeWithoutResponse }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        let (bytes, end) = client.readToEnd()
        #expect(bytes.isEmpty)
        #expect(end == .eof)
        let result = try curl([server.url("/")])
        #expect(result.exitCode == 52, "curl: \(result.stderr)")  // CURLE_GOT_NOTHING
    }

    @Test func stallSendsPartOfTheBodyThenHangsUntilStopped() throws {
        let server = try LoopbackServer { _ in
            .stall(.text(String(repeating: "y", count: 100)), sendBytes: 10, seconds: 30)
        }
        let client = try RawClient(port: server.port, receiveTimeout: 1)
        client.send("GET /s HTTP/1.1\r\nHost: t\r\n\r\n")
        var received: [UInt8] = []
        let start = uptimeSeconds()
        var ending = RawClient.Chunk.eof
        while true {
            let chunk = client.receive()
            guard case .data(let bytes) = chunk else {
                ending = chunk
                break
            }
            received += bytes
        }
        let waited = uptimeSeconds() - start
        // Head plus 10 body bytes, then silence until the 1 s receive timeout.
        #expect(ending == .error(EAGAIN) || ending == .error(EWOULDBLOCK))
        #expect(waited >= 0.9 && waited < 5)
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.hasSuffix("\r\n\r\nyyyyyyyyyy"))
        #expect(text.contains("Content-Length: 100\r\n"))

        let stopStart = uptimeSeconds()
        server.stop()
        #expect(uptimeSeconds() - stopStart < 1)
        client.setReceiveTimeout(2)
        #expect(client.readToEnd().end != .error(EAGAIN))
        server.stop()  // idempotent
    }

    @Test func delayPostponesTheResponse() throws {
        let server = try LoopbackServer { _ in .delay(seconds: 0.4, then: .respond(.text("late"))) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let start = uptimeSeconds()
        client.send("GET /d HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        let elapsed = uptimeSeconds() - start
        #expect(response.bodyText == "late")
        #expect(elapsed >= 0.35 && elapsed < 3)
    }

    @Test func tenConcurrentDelayedClientsAreServedInParallel() throws {
        let server = try LoopbackServer { request in .delay(seconds: 0.3, then: .respond(.text(request.path))) }
        defer { server.stop() }
        let results = Mutex<[String]>([])
        let group = DispatchGroup()
        let port = server.port
        let start = uptimeSeconds()
        for i in 0..<10 {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                guard let client = try? RawClient(port: port) else { return }
                client.send("GET /c\(i) HTTP/1.1\r\nHost: t\r\n\r\n")
                if let response = try? client.readResponse() {
                    results.withLock { $0.append(response.bodyText) }
                }
            }
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 10) == .success)
        let elapsed = uptimeSeconds() - start
        #expect(Set(results.withLock { $0 }) == Set((0..<10).map { "/c\($0)" }))
        #expect(elapsed < 2.5, "10 requests delayed 0.3 s each took \(elapsed) s")
        #expect(server.requests.count == 10)
        #expect(Set(server.requests.map(\.connectionID)).count == 10)
    }

    @Test func stoppingClosesIdleConnectionsAndRefusesNewOnes() throws {
        var server: LoopbackServer? = try LoopbackServer { _ in .respond(.text("ok")) }
        let port = try #require(server?.port)
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().bodyText == "ok")
        let start = uptimeSeconds()
        server = nil  // deinit stops the server
        #expect(uptimeSeconds() - start < 1)
        #expect(client.readToEnd().end == .eof)
        #expect(throws: (any Error).self) { _ = try RawClient(port: port) }
    }

    @Test func stopFromInsideAHandlerDoesNotDeadlock() throws {
        let box = Mutex<LoopbackServer?>(nil)
        let handlerReturned = Atomic<Bool>(false)
        let server = try LoopbackServer { _ in
            box.withLock { $0 }?.stop()  // must not wait for its own thread
            handlerReturned.store(true, ordering: .releasing)
            return .respond(.text("bye"))
        }
        box.withLock { $0 = server }
        let client = try RawClient(port: server.port)
        let start = uptimeSeconds()
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        // stop() closed every connection, this one included: the client sees the end quickly.
        #expect(client.readToEnd().end != .error(EAGAIN))
        #expect(uptimeSeconds() - start < 2)
        // The client may see the end before the handler returns: wait (bounded) for it.
        var returned = false
        while !returned && uptimeSeconds() - start < 2 {
            returned = handlerReturned.load(ordering: .acquiring)
            usleep(5_000)
        }
        #expect(returned)
        box.withLock { $0 = nil }
        server.stop()
    }
}

@Suite("ScriptedResponder")
struct ScriptedResponderTests {
    @Test func scriptsAreConsumedInOrderAndTheLastActionRepeats() throws {
        let responder = ScriptedResponder()
        responder.script("/esearch.fcgi", [
            .respond(.text("slow down", status: 429)),
            .respond(.text("slow down", status: 429)),
            .respond(.xml("<ok/>")),
        ])
        let server = try LoopbackServer(handler: responder.handler)
        defer { server.stop() }
        var statuses: [Int] = []
        let client = try RawClient(port: server.port)
        for _ in 0..<5 {
            client.send("GET /esearch.fcgi?db=pubmed HTTP/1.1\r\nHost: t\r\n\r\n")
            statuses.append(try client.readResponse().status)
        }
        #expect(statuses == [429, 429, 200, 200, 200])

        client.send("GET /unknown HTTP/1.1\r\nHost: t\r\n\r\n")
        let missing = try client.readResponse()
        #expect(missing.statusLine == "HTTP/1.1 404 Not Found")

        let viaCurl = try curl(["-o", "/dev/null", "-w", "%{http_code}", server.url("/esearch.fcgi")])
        #expect(viaCurl.text == "200")
    }

    @Test func handleWorksWithoutAServer() {
        let responder = ScriptedResponder()
        responder.script("/a", [.reset, .closeWithoutResponse])
        let request = RecordedRequest(method: "GET", target: "/a?x=1")
        guard case .reset = responder.handle(request) else {
            Issue.record("expected .reset first")
            return
        }
        guard case .closeWithoutResponse = responder.handle(request) else {
            Issue.record("expected .closeWithoutResponse")
            return
        }
        guard case .closeWithoutResponse = responder.handle(request) else {
            Issue.record("expected the last action to repeat")
            return
        }
        guard case .respond(let response) = responder.handle(RecordedRequest(method: "GET", target: "/b")) else {
            Issue.record("expected a 404 response")
            return
        }
        #expect(response.status == 404)
    }
}

@Suite("FixtureDirectory")
struct FixtureDirectoryTests {
    @Test func servesFilesWithGuessedContentTypes() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("litharvest-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("efetch"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("<PubmedArticleSet/>".utf8).write(to: directory.appendingPathComponent("efetch/123.xml"))
        try Data("{\"a\":1}".utf8).write(to: directory.appendingPathComponent("r.json"))

        let fixtures = FixtureDirectory(path: directory.path)
        let xml = try #require(fixtures.response(forFile: "efetch/123.xml"))
        #expect(xml.status == 200)
        #expect(xml.header("content-type") == "text/xml; charset=UTF-8")
        #expect(xml.body == Data("<PubmedArticleSet/>".utf8))
        #expect(fixtures.response(forFile: "r.json", status: 201)?.header("Content-Type") == "application/json")
        #expect(fixtures.response(forFile: "r.json", status: 201)?.status == 201)
        #expect(fixtures.response(forFile: "missing.xml") == nil)
        #expect(fixtures.response(forRequestPath: "/efetch/123.xml")?.body == xml.body)
        #expect(fixtures.response(forRequestPath: "/efetch/../r.json") == nil)
        #expect(FixtureDirectory.contentType(forFile: "page.HTML") == "text/html; charset=utf-8")
        #expect(FixtureDirectory.contentType(forFile: "blob") == "application/octet-stream")

        let server = try LoopbackServer { request in
            fixtures.response(forRequestPath: request.path).map(ServerAction.respond) ?? .respond(.text("", status: 404))
        }
        defer { server.stop() }
        let result = try curl([server.url("/efetch/123.xml")])
        #expect(result.text == "<PubmedArticleSet/>")
    }
}
