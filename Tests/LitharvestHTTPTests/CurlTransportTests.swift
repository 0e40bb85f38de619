import Foundation
import LitharvestHTTP
import LitharvestTesting
import Testing

@Suite("libcurl transport against a loopback server")
struct CurlTransportTests {
    @Test func getReturnsStatusHeadersAndBody() throws {
        let server = try LoopbackServer { request in
            .respond(ServerResponse(
                status: 200, headers: [("Content-Type", "text/xml; charset=UTF-8"), ("X-Test", "yes")],
                body: Data("<ok ua=\"\(request.header("User-Agent") ?? "")\"/>".utf8)))
        }
        defer { server.stop() }
        let response = try CurlTransport().send(.get(server.url("/x"), query: [QueryItem("term", "a b&c")]))
        #expect(response.status == 200)
        #expect(response.header("x-test") == "yes")
        #expect(response.mediaType == "text/xml")
        #expect(response.text.contains("litharvest/\(LitharvestVersion.current)"))
        #expect(server.requests.first?.parameter("term") == "a b&c")
    }

    @Test func postSendsFormEncodedBody() throws {
        let server = try LoopbackServer { _ in .respond(.text("ok")) }
        defer { server.stop() }
        let ids = (1...300).map { QueryItem("id", String($0)) }
        _ = try CurlTransport().send(.post(server.url("/efetch.fcgi"), form: [QueryItem("db", "pubmed")] + ids))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true)
        #expect(request.parameters("id").count == 300)
        #expect(request.parameter("db") == "pubmed")
        #expect(request.header("Expect") == nil)
    }

    @Test func gzipBodiesAreDecoded() throws {
        let text = String(repeating: "<Id>12345</Id>", count: 1000)
        let compressed = try gzipped(Data(text.utf8))
        let server = try LoopbackServer { request in
            #expect(request.header("Accept-Encoding")?.contains("gzip") == true)
            return .respond(ServerResponse(status: 200, headers: [("Content-Encoding", "gzip")], body: compressed))
        }
        defer { server.stop() }
        let response = try CurlTransport().send(.get(server.url("/gz")))
        #expect(response.text == text)
    }

    @Test func customUserAgentIsSent() throws {
        let server = try LoopbackServer { _ in .respond(.text("ok")) }
        defer { server.stop() }
        _ = try CurlTransport().send(.get(server.url("/ua"), userAgent: "Mozilla/5.0 (X11; Linux x86_64)"))
        #expect(server.requests.first?.header("User-Agent") == "Mozilla/5.0 (X11; Linux x86_64)")
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() throws {
        for url in ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"] {
            #expect(throws: HTTPError.self) { try CurlTransport().send(.get(url)) }
            do {
                _ = try CurlTransport().send(.get(url))
            } catch let error as HTTPError {
                #expect(error.kind == .invalidRequest)
            }
        }
    }

    @Test func redirectsAreFollowedButBounded() throws {
        let server = try LoopbackServer { request in
            if request.path == "/final" { return .respond(.text("arrived")) }
            if request.path == "/hop" {
                return .respond(ServerResponse(status: 302, headers: [("Location", "/final")]))
            }
            return .respond(ServerResponse(status: 302, headers: [("Location", "/loop")]))
        }
        defer { server.stop() }
        let transport = CurlTransport(configuration: CurlTransportConfiguration(maxRedirects: 3))
        let hop = try transport.send(.get(server.url("/hop")))
        #expect(hop.text == "arrived")
        #expect(hop.url.hasSuffix("/final"))
        do {
            _ = try transport.send(.get(server.url("/loop")))
            Issue.record("a redirect loop must fail")
        } catch let error as HTTPError {
            #expect(error.kind == .tooManyRedirects)
        }
    }

    @Test func redirectToAnotherProtocolIsRefused() throws {
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(status: 302, headers: [("Location", "file:///etc/passwd")]))
        }
        defer { server.stop() }
        do {
            let response = try CurlTransport().send(.get(server.url("/evil")))
            Issue.record("followed a redirect to file://, got \(response.text.prefix(40))")
        } catch let error as HTTPError {
            #expect(!error.message.contains("root:"))
        }
    }

    @Test func oversizedBodiesAreRefused() throws {
        let server = try LoopbackServer { _ in .respond(.text(String(repeating: "x", count: 100_000))) }
        defer { server.stop() }
        let transport = CurlTransport(configuration: CurlTransportConfiguration(maxBodyBytes: 10_000))
        do {
            _ = try transport.send(.get(server.url("/big")))
            Issue.record("a body over the limit must fail")
        } catch let error as HTTPError {
            #expect(error.kind == .responseTooLarge)
        }
    }

    @Test func refusedConnectionIsAConnectionFailure() throws {
        let server = try LoopbackServer { _ in .respond(.text("")) }
        let url = server.url("/gone")
        server.stop()
        do {
            _ = try CurlTransport().send(.get(url))
            Issue.record("a closed port must fail")
        } catch let error as HTTPError {
            #expect(error.kind == .connectionFailed)
            #expect(error.isTransient)
        }
    }
}
