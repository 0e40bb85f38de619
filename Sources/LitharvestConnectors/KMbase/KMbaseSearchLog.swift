package import Foundation
import LitharvestCore
import LitharvestModel

/// KMbase's answer to the search form (`search_log_main.php`):
/// `{"result":true,"msg":"success","status":200,"cnt":5,"kcnt":"5","ecnt":0,"ad_cd":171207,"data":"insert"}`.
package struct KMbaseSearchLog: Sendable, Equatable {
    /// All hits (`cnt`).
    package var total: Int
    /// KMbase's own hits (`kcnt`, sent as a string), the records this connector retrieves.
    package var kmbaseHits: Int
    /// Hits in external databases (`ecnt`), not retrieved.
    package var externalHits: Int
    /// The search id the result list is opened with (`ad_cd`).
    package var searchID: String

    /// Reads the JSON answer.
    ///
    /// - Throws: ``ConnectorError`` `.databaseError` when `result` is false (with KMbase's `msg`),
    ///   `.unexpectedResponse` naming `source` for anything that is not this JSON shape.
    package static func parse(_ data: Data, source: String) throws -> KMbaseSearchLog {
        guard let json = WebPage(status: 200, mediaType: nil, body: data, url: source).json() as? [String: Any] else {
            let start = String(decoding: data.prefix(80), as: UTF8.self)
            throw ConnectorError(
                .unexpectedResponse,
                "KMbase's search log did not answer with a JSON object (starts: \(start.debugDescription))",
                location: source)
        }
        guard json["result"] as? Bool == true else {
            let message = (json["msg"] as? String) ?? "no message"
            throw ConnectorError(.databaseError, "KMbase refused the search: \(message)", location: source)
        }
        guard let kmbaseHits = integer(json["kcnt"]), let searchID = integer(json["ad_cd"]) else {
            throw ConnectorError(
                .unexpectedResponse, "KMbase's search log has no `kcnt` or `ad_cd` (keys: "
                    + json.keys.sorted().joined(separator: ", ") + ")", location: source)
        }
        return KMbaseSearchLog(
            total: integer(json["cnt"]) ?? kmbaseHits, kmbaseHits: kmbaseHits, externalHits: integer(json["ecnt"]) ?? 0,
            searchID: String(searchID))
    }

    /// KMbase mixes numbers and numeric strings (`"kcnt":"5"`).
    private static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as NSNumber: number.intValue
        case let text as String: Int(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
