import Foundation
import LitharvestTesting
import Synchronization

@testable import LitharvestConnectors

/// A scripted KISTI API Gateway: `tokenrequest.do` decrypts and checks `accounts` (the JSON with datetime
/// and MAC address) before issuing tokens, and `openapicall.do` serves pages cut from the real capture,
/// echoing the client id and token in `parameterData` as the gateway does.
final class ScienceONStandIn: Sendable {
    struct State {
        var decryptedAccounts: [String] = []
        var issued = 0
        var refreshes: [String] = []
        var currentToken: String?
        /// Token prefixes the gateway calls expired the first time a matching token is used.
        var expireOnFirstUse: Set<String> = []
        var alwaysExpire = false
        var pagesServed: [(page: Int, token: String)] = []
        var problems: [String] = []
    }

    let clientID: String
    let authKey: String
    let macAddress: String
    let total: Int
    let pageTemplate: String
    /// The first token expires a minute after issue, so the connector must refresh it before the next page.
    let firstTokenExpiresSoon: Bool
    let state = Mutex(State())

    init(
        clientID: String, authKey: String, macAddress: String, total: Int, firstTokenExpiresSoon: Bool = false,
        expireOnFirstUse: Set<String> = [], alwaysExpire: Bool = false
    ) throws {
        self.clientID = clientID
        self.authKey = authKey
        self.macAddress = macAddress
        self.total = total
        self.firstTokenExpiresSoon = firstTokenExpiresSoon
        self.pageTemplate = String(
            decoding: try fixture("scienceon", ScienceONResponseTests.capture), as: UTF8.self)
        state.withLock {
            $0.expireOnFirstUse = expireOnFirstUse
            $0.alwaysExpire = alwaysExpire
        }
    }

    var handler: @Sendable (RecordedRequest) -> ServerAction { { [self] in handle($0) } }

    static func kst(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Seoul")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    private func tokenJSON(_ token: String, refresh: String, expiresIn: TimeInterval) -> ServerAction {
        .respond(.json("""
            {"access_token":"\(token)","access_token_expire":"\(Self.kst(Date().addingTimeInterval(expiresIn)))",\
            "refresh_token":"\(refresh)","refresh_token_expire":"\(Self.kst(Date().addingTimeInterval(14 * 86_400)))",\
            "client_id":"\(clientID)","issued_at":"\(Self.kst(Date()))"}
            """))
    }

    private func handle(_ request: RecordedRequest) -> ServerAction {
        if request.path.hasSuffix("/tokenrequest.do") {
            return state.withLock { state in
                guard request.parameter("client_id") == clientID else {
                    return .respond(.json("{\"errorCode\":\"E4001\",\"errorMessage\":\"unknown client\"}"))
                }
                if let refresh = request.parameter("refreshToken") {
                    state.refreshes.append(refresh)
                    let token = "TOKEN-R\(state.refreshes.count)-\(UUID().uuidString.prefix(8))"
                    state.currentToken = token
                    return tokenJSON(token, refresh: "REFRESH-\(state.refreshes.count)-\(UUID().uuidString.prefix(8))", expiresIn: 7_200)
                }
                guard let accounts = request.parameter("accounts"), let plain = decrypt(accounts) else {
                    state.problems.append("accounts missing or not decryptable")
                    return .respond(.json("{\"errorCode\":\"E4004\",\"errorMessage\":\"bad accounts\"}"))
                }
                state.decryptedAccounts.append(plain)
                state.issued += 1
                let token = "TOKEN-I\(state.issued)-\(UUID().uuidString.prefix(8))"
                state.currentToken = token
                return tokenJSON(token, refresh: "REFRESH-0-\(UUID().uuidString.prefix(8))", expiresIn: firstTokenExpiresSoon ? 60 : 7_200)
            }
        }
        guard request.path.hasSuffix("/openapicall.do") else { return .respond(.text("no such path", status: 404)) }
        return state.withLock { state in
            let token = request.parameter("token") ?? ""
            if let prefix = state.expireOnFirstUse.first(where: { token.hasPrefix($0) }) {
                state.expireOnFirstUse.remove(prefix)
                return .respond(.xml(Self.expiredBody))
            }
            if state.alwaysExpire || token != state.currentToken { return .respond(.xml(Self.expiredBody)) }
            let page = Int(request.parameter("curPage") ?? "") ?? 0
            let rows = Int(request.parameter("rowCount") ?? "") ?? 0
            guard request.parameter("client_id") == clientID, request.parameter("version") == "1.0",
                request.parameter("action") == "search", rows == 5
            else {
                state.problems.append("bad search parameters: \(request.target)")
                return .respond(.xml(Self.expiredBody))
            }
            state.pagesServed.append((page, token))
            var body = pageTemplate.replacingOccurrences(of: "<TotalCount>1364</TotalCount>", with: "<TotalCount>\(total)</TotalCount>")
            body = body.replacingOccurrences(of: "<client_id>REDACTED</client_id>", with: "<client_id>\(clientID)</client_id>")
            body = body.replacingOccurrences(of: "<token>REDACTED</token>", with: "<token>\(token)</token>")
            body = body.replacingOccurrences(
                of: "metaCode=\"CN\" metaName=\"CN\"><![CDATA[", with: "metaCode=\"CN\" metaName=\"CN\"><![CDATA[P\(page)-")
            return .respond(.xml(body))
        }
    }

    static let expiredBody = """
        <?xml version="1.0" encoding="UTF-8"?><MetaData><resultSummary><statusCode>E4103</statusCode>\
        <errorMessage>토큰이 만료되었습니다.</errorMessage></resultSummary></MetaData>
        """

    /// Undoes urlsafe base64 and AES-256-CBC with the client's key and the fixed IV.
    private func decrypt(_ accounts: String) -> String? {
        var base64 = accounts.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
            let cipher = try? AES256CBC(key: Array(authKey.utf8), iv: Array("jvHJ1EFA0IXBrxxz".utf8)),
            let plain = try? cipher.decrypt(Array(data))
        else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}
