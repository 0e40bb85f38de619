import Foundation
import LitharvestTesting
import Synchronization

/// A loopback stand-in for Europe PMC's `search`: it serves `results` (each one real recorded result, as JSON) in
/// pages of the requested `pageSize`, addressed by `cursorMark` (`*`, then `c1`, `c2`, …), and on the last page
/// repeats the cursor it was sent, as Europe PMC does. `reported` is the `hitCount` it claims (the number of
/// results unless a test makes it claim more); `fault` replaces the answer to page `faultPage` (from 1).
final class EuropePMCStandIn: Sendable {
    let results: [Data]
    let reported: Int
    let faultPage: Int?
    let fault: ServerResponse?
    private let served = Mutex<[String]>([])

    init(results: [Data], reported: Int? = nil, faultPage: Int? = nil, fault: ServerResponse? = nil) {
        self.results = results
        self.reported = reported ?? results.count
        self.faultPage = faultPage
        self.fault = fault
    }

    /// The real results of the recorded fixtures: 3 core records, then 5 lite ones.
    static func recordedResults() throws -> [Data] {
        try ["search_cancer_core_first3.json", "search_cancer_lite_page.json"].flatMap { name in
            let answer = try JSONSerialization.jsonObject(with: fixture("europepmc", name)) as? [String: Any]
            let list = (answer?["resultList"] as? [String: Any])?["result"] as? [Any] ?? []
            return try list.map { try JSONSerialization.data(withJSONObject: $0) }
        }
    }

    /// The cursors it was asked for, in order.
    var cursorsServed: [String] { served.withLock { $0 } }

    var handler: @Sendable (RecordedRequest) -> ServerAction { { self.handle($0) } }

    func handle(_ request: RecordedRequest) -> ServerAction {
        let cursor = request.parameter("cursorMark") ?? "*"
        served.withLock { $0.append(cursor) }
        let size = Int(request.parameter("pageSize") ?? "") ?? 25
        let page = cursor == "*" ? 1 : (Int(cursor.dropFirst()) ?? 0) + 1
        if page == faultPage, let fault { return .respond(fault) }
        let start = min((page - 1) * size, results.count)
        let slice = results[start..<min(start + size, results.count)].compactMap {
            try? JSONSerialization.jsonObject(with: $0)
        }
        let answer: [String: Any] = [
            "version": "6.9", "hitCount": reported,
            "nextCursorMark": start + size >= results.count ? cursor : "c\(page)",
            "request": ["queryString": request.parameter("query") ?? "", "cursorMark": cursor, "pageSize": size] as [String: Any],
            "resultList": ["result": slice],
        ]
        let body = (try? JSONSerialization.data(withJSONObject: answer)) ?? Data()
        return .respond(.json(body))
    }
}
