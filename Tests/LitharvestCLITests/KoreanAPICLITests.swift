import Foundation
import LitharvestTesting
import Testing

/// `litharvest search|parse --database scienceon|nal` end to end with the built binary.
@Suite("litharvest with ScienceON and NAL")
struct KoreanAPICLITests {
    static let scienceONSecrets = [
        "SCIENCEON_AUTH_KEY": "0123456789abcdefKISTIauthKEY0123", "SCIENCEON_CLIENT_ID": "client-cli-5d1e",
        "SCIENCEON_MAC_ADDRESS": "00-1A-2B-3C-4D-5E",
    ]
    static let token = "ACCESS-cli-9e8d7c6b"
    static let refresh = "REFRESH-cli-1a2b3c4d"

    static func fixtureText(_ relative: String) throws -> String {
        try String(contentsOfFile: fixtureFile(relative), encoding: .utf8)
    }

    /// A gateway that issues one token and answers every search with the real capture, echoing the
    /// client id and token as the real gateway does.
    static func scienceONServer() throws -> LoopbackServer {
        let capture = try fixtureText("scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml")
        return try LoopbackServer { request in
            if request.path.hasSuffix("/tokenrequest.do") {
                guard request.parameter("accounts") != nil else { return .respond(.json("{\"errorCode\":\"E4004\"}")) }
                return .respond(.json("""
                    {"access_token":"\(token)","access_token_expire":"2099-01-01 00:00:00","refresh_token":"\(refresh)",\
                    "refresh_token_expire":"2099-01-14 00:00:00","client_id":"\(scienceONSecrets["SCIENCEON_CLIENT_ID"]!)"}
                    """))
            }
            guard request.parameter("token") == token else { return .respond(.text("bad token", status: 403)) }
            return .respond(.xml(capture
                .replacingOccurrences(of: "<client_id>REDACTED</client_id>", with: "<client_id>\(request.parameter("client_id") ?? "")</client_id>")
                .replacingOccurrences(of: "<token>REDACTED</token>", with: "<token>\(token)</token>")))
        }
    }

    @Test func scienceONSearchPrintsRecordsAndKeepsSecretsOut() throws {
        let server = try Self.scienceONServer()
        defer { server.stop() }
        let archive = NSTemporaryDirectory() + "litharvest-scienceon-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let result = try litharvest(
            [
                "search", "--database", "scienceon", "--query", "표면유속", "--limit", "5", "--format", "csljson",
                "--verbose", "--archive", archive, "--endpoint", server.url("/"),
            ], environment: Self.scienceONSecrets)
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.first?["DOI"] as? String == "10.3741/jkwra.2005.38.11.917")
        #expect(items.first?["title"] as? String == "표면유속을 이용한 평균유속 추정방법의 개발")
        #expect(result.stderr.contains("ScienceON (KISTI): 1364 reported, 5 retrieved"))
        #expect(result.stderr.contains("query sent: {\"BI\":\"표면유속\"}"))
        let secrets = Array(Self.scienceONSecrets.values) + [Self.token, Self.refresh]
        for secret in secrets {
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
        }
        #expect(result.stderr.contains("client_id=REDACTED"))
        for file in try FileManager.default.contentsOfDirectory(atPath: archive) {
            let text = try String(contentsOfFile: archive + "/" + file, encoding: .utf8)
            for secret in secrets { #expect(!text.contains(secret), "\(file) holds a secret") }
        }
    }

    @Test func scienceONWithoutItsSecretsIsRefused() throws {
        let missingKey = try litharvest(["search", "-d", "scienceon", "-q", "x", "--endpoint", "http://127.0.0.1:9/"])
        #expect(missingKey.status == 1)
        #expect(missingKey.stderr.contains("SCIENCEON_AUTH_KEY"))
        var partial = Self.scienceONSecrets
        partial.removeValue(forKey: "SCIENCEON_CLIENT_ID")
        let missingClient = try litharvest(
            ["search", "-d", "scienceon", "-q", "x", "--endpoint", "http://127.0.0.1:9/"], environment: partial)
        #expect(missingClient.status == 1)
        #expect(missingClient.stderr.contains("SCIENCEON_CLIENT_ID"))
        #expect(!missingClient.stderr.contains(partial["SCIENCEON_AUTH_KEY"]!))
    }

    @Test func nalSearchPrintsRecordsAndTotal() throws {
        let page = try Self.fixtureText("nal/nal_searchservice_basic_ok_excerpt.xml")
        let key = "nal%2Bcli%3D%3Dkey"
        let server = try LoopbackServer { request in
            guard request.parameter("serviceKey") == "nal+cli==key", request.parameter("search") == "전체,교육불평등" else {
                return .respond(.text("unexpected request", status: 400))
            }
            return .respond(.xml(page))
        }
        defer { server.stop() }
        let result = try litharvest(
            [
                "search", "--database", "nal", "--query", "교육불평등", "--limit", "2", "--format", "csljson",
                "--endpoint", server.url("/9720000/"),
            ], environment: ["DATA_GO_KR_SERVICE_KEY": key])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["title"] as? String == "디지털 매체와 놀이 활동을 활용한 세계시민교육 음악 프로그램")
        #expect(items.first?["container-title"] as? String == "한국초등교육")
        #expect(result.stderr.contains("NAL (National Assembly Library): 5609 reported, 2 retrieved"))
        #expect(!result.stderr.contains(key) && !result.stdout.contains(key))
        #expect(server.requests.count == 1)
    }

    @Test func nalRefusesUnknownFieldsAndMissingKeys() throws {
        let server = try LoopbackServer { _ in .respond(.text("should not be called", status: 500)) }
        defer { server.stop() }
        let unknown = try litharvest(
            ["search", "-d", "nal", "-q", "제목,교육", "--endpoint", server.url("/9720000/")],
            environment: ["DATA_GO_KR_SERVICE_KEY": "k%2Bey"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("'제목'"))
        #expect(server.requests.isEmpty)
        let noKey = try litharvest(["search", "-d", "nal", "-q", "교육", "--endpoint", server.url("/9720000/")])
        #expect(noKey.status == 1)
        #expect(noKey.stderr.contains("DATA_GO_KR_SERVICE_KEY"))
        #expect(server.requests.isEmpty)
    }

    @Test func parseReadsSavedAnswersOfBoth() throws {
        let nal = try litharvest(["parse", "--database", "nal", "--format", "csljson", fixtureFile("nal/nal_searchservice_basic_ok_excerpt.xml")])
        #expect(nal.status == 0, "\(nal.stderr)")
        let nalItems = try #require(try JSONSerialization.jsonObject(with: Data(nal.stdout.utf8)) as? [[String: Any]])
        #expect(nalItems.count == 2)
        #expect(nal.stderr.contains("2 records"))

        let scienceON = try litharvest([
            "parse", "--database", "scienceon", "--format", "csljson",
            fixtureFile("scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml"),
        ])
        #expect(scienceON.status == 0, "\(scienceON.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(scienceON.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 5)
        #expect(scienceON.stderr.contains("5 records"))

        // Saved answers may be gzip-compressed.
        let gz = NSTemporaryDirectory() + "scienceon-\(UUID().uuidString).xml.gz"
        defer { try? FileManager.default.removeItem(atPath: gz) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = [
            "-c", "gzip -c '\(fixtureFile("scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml"))' > '\(gz)'",
        ]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try litharvest(["parse", "--database", "scienceon", "--format", "csljson", gz])
        #expect(compressed.status == 0, "\(compressed.stderr)")
        #expect(compressed.stdout == scienceON.stdout)

        let gatewayError = fixtureFile("nal/nal_gateway_error_20_service_key_is_null.xml")
        let refused = try litharvest(["parse", "--database", "nal", gatewayError])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("gateway error 20"))
        let wrongDatabase = try litharvest(["parse", "--database", "nal", fixtureFile("scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml")])
        #expect(wrongDatabase.status == 1)
        #expect(wrongDatabase.stderr.contains("root element <MetaData>"))
    }
}
