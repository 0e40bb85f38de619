import Foundation
import LitharvestHTTP
import LitharvestTesting
import Testing

@Suite("raw-response archive and secret redaction")
struct ArchiveAndRedactionTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("litharvest-archive-\(UUID().uuidString)")
    }

    @Test func secretsNeverReachTheArchive() throws {
        let secret = "S3cr3tK3y-0123456789"
        let server = try LoopbackServer { request in
            // An API that echoes its request, as the KISTI gateway does.
            .respond(.xml("""
                <response><parameterData><client_id>\(secret)</client_id><token>\(secret)</token></parameterData>
                <echo>\(request.target.replacingOccurrences(of: "&", with: "&amp;"))</echo>
                <note>"api_key": "\(secret)"</note></response>
                """))
        }
        defer { server.stop() }
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ResponseArchive(directory: directory)
        let client = fastClient(archive: archive)
        _ = try client.send(.get(server.url("/search"), query: [QueryItem("q", "ims"), QueryItem("api_key", secret)]))
        _ = try client.send(.post(server.url("/search"), form: [QueryItem("serviceKey", secret), QueryItem("q", "x")]))

        let entries = try archive.entries()
        #expect(entries.count == 2)
        #expect(entries[0].url.contains("api_key=REDACTED"))
        #expect(entries[0].url.contains("q=ims"))
        #expect(entries[1].form.contains(QueryItem("serviceKey", "REDACTED")))
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(secret), "\(file) holds the secret")
            #expect(!text.contains("S3cr3tK3y"), "\(file) holds part of the secret")
        }
    }

    @Test func urlRedactionKeepsEverythingElse() {
        let redactor = SecretRedactor(extraNames: ["mac_address"])
        let url = "https://x.example/openapicall.do?client_id=abc123&token=tok-999&keyword=%EA%B7%BC&mac_address=00:11"
        let redacted = redactor.redact(url: url)
        #expect(redacted == "https://x.example/openapicall.do?client_id=REDACTED&token=REDACTED&keyword=%EA%B7%BC&mac_address=REDACTED")
        #expect(redactor.redact(url: "https://x.example/a?monkey=1") == "https://x.example/a?monkey=1")
    }

    @Test func errorsCarryRedactedURLs() throws {
        let server = try LoopbackServer { _ in .respond(.text("down", status: 503)) }
        defer { server.stop() }
        do {
            _ = try fastClient(attempts: 2).send(.get(server.url("/e"), query: [QueryItem("api_key", "topsecretvalue")]))
            Issue.record("must fail")
        } catch let error as HTTPError {
            #expect(!error.description.contains("topsecretvalue"))
            #expect(error.url.contains("api_key=REDACTED"))
        }
    }

    @Test func formEncodingRoundTrips() {
        let items = [QueryItem("term", "\"dry needling\"[tiab] AND 근육내 자극"), QueryItem("a&b", "c=d+e")]
        let encoded = FormEncoding.encode(items)
        #expect(!encoded.contains(" "))
        #expect(FormEncoding.decode(Substring(encoded)) == items)
        #expect(FormEncoding.appending([QueryItem("x", "1")], to: "http://h/p?y=2") == "http://h/p?y=2&x=1")
    }
}
