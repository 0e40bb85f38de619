import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// ScienceON end to end through libcurl against the scripted gateway: token, refresh, paging, secrets.
@Suite("ScienceON search against a loopback gateway")
struct ScienceONSearchTests {
    static let clientID = "client-7f3a9c21"
    static let authKey = "0123456789abcdefKISTIauthKEY0123"
    static let mac = "00-1A-2B-3C-4D-5E"

    static func settings(endpoint: String, secrets: [String: String]? = nil, options: [String: String] = ["page_size": "5"]) -> ConnectorSettings {
        ConnectorSettings(
            endpoint: endpoint, apiKey: secrets == nil ? authKey : secrets?["SCIENCEON_AUTH_KEY"],
            requestsPerSecond: 50, options: options,
            additionalSecrets: secrets ?? ["SCIENCEON_CLIENT_ID": clientID, "SCIENCEON_MAC_ADDRESS": mac])
    }

    static func context(_ settings: ConnectorSettings, archive: ResponseArchive? = nil) -> SearchContext {
        let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 0)
        limiters.configure(host: HTTPRequest.limiterKey(for: settings.endpoint) ?? "127.0.0.1", requestsPerSecond: 50)
        let client = HTTPClient(
            transport: CurlTransport(), limiters: limiters, retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: 0.1, maxDelay: 0.2),
            archive: archive, redactor: SecretRedactor(values: settings.secretValues))
        return SearchContext(http: client, settings: settings)
    }

    @Test func tokenRefreshAndPagingEndToEnd() throws {
        let standIn = try ScienceONStandIn(
            clientID: Self.clientID, authKey: Self.authKey, macAddress: Self.mac, total: 15,
            firstTokenExpiresSoon: true, expireOnFirstUse: ["TOKEN-R1"])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let before = Date()
        let result = try ScienceONConnector().search(
            Query(text: "표면유속"), context: Self.context(Self.settings(endpoint: server.url("/"))))

        #expect(result.reportedCount == 15)
        #expect(result.records.count == 15)
        #expect(result.completeness == .complete)
        #expect(result.querySent == "{\"BI\":\"표면유속\"}")
        #expect(result.records.first?.nativeID == "P1-JAKO200507523360655")
        #expect(result.records.last?.nativeID == "P3-DIKO0014465727")
        #expect(result.diagnostics.contains { $0.message.contains("1 token request(s), 2 refresh(es)") })

        let state = standIn.state.withLock { $0 }
        #expect(state.problems.isEmpty)
        #expect(state.issued == 1)
        // One refresh before expiry, one after the gateway called the new token expired.
        #expect(state.refreshes.count == 2)
        #expect(state.refreshes[0].hasPrefix("REFRESH-0-"))
        #expect(state.refreshes[1].hasPrefix("REFRESH-1-"))
        #expect(state.pagesServed.map(\.page) == [1, 2, 3])
        #expect(state.pagesServed[0].token.hasPrefix("TOKEN-I1"))
        #expect(state.pagesServed[1].token.hasPrefix("TOKEN-R2"))
        #expect(state.pagesServed[2].token.hasPrefix("TOKEN-R2"))

        // The accounts JSON decrypted by the gateway: exactly the documented shape.
        let accounts = try #require(state.decryptedAccounts.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(accounts.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["datetime", "mac_address"])
        #expect(object["mac_address"] == Self.mac)
        #expect(accounts.hasPrefix("{\"datetime\":\"") && !accounts.contains(" "))
        let datetime = try #require(object["datetime"])
        #expect(datetime.count == 14 && datetime.allSatisfy(\.isASCIIDigit))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Seoul")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let sent = try #require(formatter.date(from: datetime))
        #expect(abs(sent.timeIntervalSince(before)) < 60)

        let searches = server.requests.filter { $0.path.hasSuffix("openapicall.do") }
        #expect(searches.count == 4)
        #expect(searches.allSatisfy { $0.parameter("target") == "ARTI" && $0.parameter("searchQuery") == "{\"BI\":\"표면유속\"}" })
    }

    @Test func aTokenStillExpiredAfterOneRefreshIsAnError() throws {
        let standIn = try ScienceONStandIn(
            clientID: Self.clientID, authKey: Self.authKey, macAddress: Self.mac, total: 5, alwaysExpire: true)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        #expect {
            try ScienceONConnector().search(Query(text: "x"), context: Self.context(Self.settings(endpoint: server.url("/"))))
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .databaseError && error.message.contains("E4103")
                && error.location?.contains("token=REDACTED") == true && !error.description.contains("TOKEN-")
        }
        let state = standIn.state.withLock { $0 }
        #expect(state.issued == 1)
        #expect(state.refreshes.count == 1)
        #expect(server.requests.filter { $0.path.hasSuffix("openapicall.do") }.count == 2)
    }

    @Test func reportsTargetAndYearsReachTheGateway() throws {
        let standIn = try ScienceONStandIn(clientID: Self.clientID, authKey: Self.authKey, macAddress: Self.mac, total: 3)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let query = Query(
            text: "표면유속", from: SimpleDate(year: 2015, month: 1, day: 1), until: SimpleDate(year: 2024, month: 12, day: 31),
            limit: 3)
        let result = try ScienceONConnector().search(
            query, context: Self.context(Self.settings(endpoint: server.url("/"), options: ["page_size": "5", "target": "REPORT"])))
        #expect(result.records.count == 3)
        #expect(result.completeness == .complete)
        let search = try #require(server.requests.first { $0.path.hasSuffix("openapicall.do") })
        #expect(search.parameter("target") == "REPORT")
        #expect(search.parameter("searchQuery") == "{\"BI\":\"표면유속\",\"PY\":\"2015~2024\"}")
    }

    @Test func missingSecretsSkipTheJobBeforeAnyRequest() throws {
        let server = try LoopbackServer { _ in .respond(.text("should not be called", status: 500)) }
        defer { server.stop() }
        let cases: [([String: String], String)] = [
            (["SCIENCEON_CLIENT_ID": Self.clientID, "SCIENCEON_MAC_ADDRESS": Self.mac], "SCIENCEON_AUTH_KEY"),
            (["SCIENCEON_AUTH_KEY": Self.authKey, "SCIENCEON_MAC_ADDRESS": Self.mac], "SCIENCEON_CLIENT_ID"),
            (["SCIENCEON_AUTH_KEY": Self.authKey, "SCIENCEON_CLIENT_ID": Self.clientID], "mac_address"),
            (["SCIENCEON_AUTH_KEY": "short", "SCIENCEON_CLIENT_ID": Self.clientID, "SCIENCEON_MAC_ADDRESS": Self.mac], "32"),
        ]
        for (secrets, named) in cases {
            var settings = Self.settings(endpoint: server.url("/"), secrets: secrets)
            settings.additionalSecrets.removeValue(forKey: "SCIENCEON_AUTH_KEY")
            #expect {
                try ScienceONConnector().search(Query(text: "x"), context: Self.context(settings))
            } throws: { error in
                guard let error = error as? ConnectorError else { return false }
                return error.kind == .missingKey && error.message.contains(named) && !error.message.contains(Self.authKey)
            }
        }
        #expect(server.requests.isEmpty)
    }

    @Test func secretsNeverReachTheArchive() throws {
        let standIn = try ScienceONStandIn(
            clientID: Self.clientID, authKey: Self.authKey, macAddress: Self.mac, total: 10,
            firstTokenExpiresSoon: true)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory() + "scienceon-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ResponseArchive(directory: directory)
        let result = try ScienceONConnector().search(
            Query(text: "표면유속"), context: Self.context(Self.settings(endpoint: server.url("/")), archive: archive))
        #expect(result.records.count == 10)

        // Every secret the exchange carried: ids, key, MAC, the encrypted accounts, all tokens.
        var secrets = [Self.clientID, Self.authKey, Self.mac]
        for request in server.requests {
            for name in ["accounts", "token", "refreshToken"] { secrets += request.parameters(name) }
        }
        let tokens = server.requests.compactMap { $0.parameter("token") }
        #expect(!tokens.isEmpty)
        #expect(server.requests.contains { $0.parameter("refreshToken") != nil })
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == server.requests.count + 1)
        var sawMaskedEcho = false
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for secret in secrets where !secret.isEmpty {
                #expect(!text.contains(secret), "\(file) holds a secret")
                #expect(!text.contains(FormEncoding.escape(secret)), "\(file) holds an escaped secret")
            }
            if text.contains("<token>REDACTED</token>") && text.contains("<client_id>REDACTED</client_id>") { sawMaskedEcho = true }
        }
        #expect(sawMaskedEcho)
        let index = try archive.entries()
        #expect(index.contains { $0.url.contains("refreshToken=REDACTED") })
        #expect(index.contains { $0.url.contains("accounts=REDACTED") && $0.url.contains("client_id=REDACTED") })
    }

    @Test func resolverAndRedactorKnowTheExtraSecrets() throws {
        let resolver = SettingsResolver(environment: [
            "SCIENCEON_AUTH_KEY": Self.authKey, "SCIENCEON_CLIENT_ID": Self.clientID, "SCIENCEON_MAC_ADDRESS": Self.mac,
            "UNRELATED": "value",
        ])
        let settings = resolver.settings(for: ScienceONConnector.descriptor)
        #expect(settings.apiKey == Self.authKey)
        #expect(settings.additionalSecrets == ["SCIENCEON_CLIENT_ID": Self.clientID, "SCIENCEON_MAC_ADDRESS": Self.mac])
        #expect(settings.secretValues == [Self.authKey, Self.clientID, Self.mac])
        #expect(resolver.settings(for: NALConnector.descriptor).additionalSecrets.isEmpty)

        let redactor = SecretRedactor.standard
        #expect(redactor.redact(url: "https://h/tokenrequest.do?refreshToken=abc123&client_id=xyz789")
            == "https://h/tokenrequest.do?refreshToken=REDACTED&client_id=REDACTED")
        #expect(redactor.redact(text: "{\"datetime\":\"20261126120000\",\"mac_address\":\"00-1A\"}")
            == "{\"datetime\":\"20261126120000\",\"mac_address\":\"REDACTED\"}")
        let withValues = SecretRedactor(values: settings.secretValues)
        #expect(withValues.redact(text: "mac \(Self.mac) id \(Self.clientID)") == "mac REDACTED id REDACTED")
    }
}
