import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// The KISTI API Gateway's token flow for one search: a token is requested with `accounts` (the AES-256-CBC
/// encrypted `{"datetime","mac_address"}`), refreshed with the refresh token shortly before it expires,
/// and refreshed once more when the gateway calls it expired. Nothing here is logged; errors carry
/// redacted URLs only.
final class ScienceONTokenSession {
    /// ScienceON's fixed IV for `accounts` (the official sample's `jvHJ1EFA0IXBrxxz`).
    static let accountsIV = Array("jvHJ1EFA0IXBrxxz".utf8)
    /// Tokens this close to expiry are refreshed before use.
    static let refreshMargin: TimeInterval = 300
    /// The gateway writes expiry times in Korean time.
    static let gatewayTimeZone = TimeZone(identifier: "Asia/Seoul") ?? TimeZone(secondsFromGMT: 9 * 3600)!

    let clientID: String
    let cipher: AES256CBC
    let macAddress: String
    let tokenURL: String
    let context: SearchContext
    let now: @Sendable () -> Date

    private(set) var accessToken: String?
    private(set) var accessExpiry: Date?
    private var refreshToken: String?
    private var refreshExpiry: Date?
    /// How many token requests were made, for the search log.
    private(set) var issued = 0
    private(set) var refreshed = 0

    /// Creates a session; `authKey` must be ScienceON's 32-byte key.
    ///
    /// - Throws: ``ConnectorError`` (`.missingKey`) when the key is not 32 bytes (the message never
    ///   repeats the key).
    init(
        clientID: String, authKey: String, macAddress: String, endpoint: String, context: SearchContext,
        now: @escaping @Sendable () -> Date
    ) throws {
        do {
            self.cipher = try AES256CBC(key: Array(authKey.utf8), iv: Self.accountsIV)
        } catch {
            throw ConnectorError(
                .missingKey,
                "the ScienceON auth key (SCIENCEON_AUTH_KEY) must be the 32-character key the API Gateway issued; "
                    + "the value set has \(authKey.utf8.count) bytes")
        }
        self.clientID = clientID
        self.macAddress = macAddress
        self.tokenURL = ScienceONConnector.url(endpoint, "tokenrequest.do")
        self.context = context
        self.now = now
    }

    /// A token that is not about to expire: requested, or refreshed, as needed.
    func validToken() throws -> String {
        if let accessToken, let accessExpiry, accessExpiry.timeIntervalSince(now()) > Self.refreshMargin {
            return accessToken
        }
        if let accessToken, accessExpiry == nil { return accessToken }
        if accessToken != nil { return try refresh() }
        return try request()
    }

    /// Gets a new access token with the refresh token (or a new pair when that has expired too).
    @discardableResult
    func refresh() throws -> String {
        guard let refreshToken, refreshExpiry.map({ $0 > now() }) ?? true else { return try request() }
        refreshed += 1
        let url = FormEncoding.appending(
            [QueryItem("refreshToken", refreshToken), QueryItem("client_id", clientID)], to: tokenURL)
        return try exchange(HTTPRequest(url: url, userAgent: context.settings.userAgent), purpose: "token refresh")
    }

    /// The `accounts` value: urlsafe base64 of the encrypted JSON (percent-encoding is the URL's job).
    func accounts(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Self.gatewayTimeZone
        formatter.dateFormat = "yyyyMMddHHmmss"
        let plain = "{\"datetime\":\"\(formatter.string(from: date))\",\"mac_address\":\"\(Self.jsonEscaped(macAddress))\"}"
        return Data(cipher.encrypt(Array(plain.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    private func request() throws -> String {
        issued += 1
        let url = FormEncoding.appending(
            [QueryItem("client_id", clientID), QueryItem("accounts", accounts(at: now()))], to: tokenURL)
        return try exchange(HTTPRequest(url: url, userAgent: context.settings.userAgent), purpose: "token request")
    }

    private func exchange(_ request: HTTPRequest, purpose: String) throws -> String {
        let response = try context.send(request)
        let location = SecretRedactor.standard.redact(url: response.url)
        guard response.isSuccess else {
            throw ConnectorError(
                .databaseError, "ScienceON \(purpose) answered HTTP \(response.status): \(Self.snippet(response.body))",
                location: location)
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw ConnectorError(
                .unexpectedResponse, "ScienceON \(purpose) did not answer JSON: \(Self.snippet(response.body))",
                location: location)
        }
        guard let token = (object["access_token"] as? String).flatMap(Normalize.text) else {
            // The gateway answers HTTP 200 with an error object for a wrong client id, key, MAC, clock or IP.
            let code = object["errorCode"].map { "\($0)" } ?? object["code"].map { "\($0)" } ?? "no code"
            let message = (object["errorMessage"] ?? object["message"] ?? object["msg"]).map { "\($0)" } ?? "no message"
            throw ConnectorError(
                .databaseError,
                "ScienceON \(purpose) was refused (\(code): \(SecretRedactor.standard.redact(text: message))); check "
                    + "SCIENCEON_CLIENT_ID, SCIENCEON_AUTH_KEY and the MAC address registered with the key",
                location: location)
        }
        accessToken = token
        accessExpiry = (object["access_token_expire"] as? String).flatMap(Self.parseExpiry)
        if let newRefresh = (object["refresh_token"] as? String).flatMap(Normalize.text) {
            refreshToken = newRefresh
            refreshExpiry = (object["refresh_token_expire"] as? String).flatMap(Self.parseExpiry)
        }
        return token
    }

    /// `2026-06-30 18:00:00` (Korean time), with optional fractional seconds.
    static func parseExpiry(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = gatewayTimeZone
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for format in ["yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    private static func snippet(_ body: Data) -> String {
        SecretRedactor.standard.redact(text: String(decoding: body.prefix(300), as: UTF8.self))
    }

    private static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
