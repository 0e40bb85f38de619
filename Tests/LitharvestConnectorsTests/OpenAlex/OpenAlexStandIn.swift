import Foundation
import LitharvestTesting

@testable import LitharvestConnectors

/// OpenAlex `/works` answers built around the recorded work (Fixtures/openalex/work_W2741809807.json): list pages
/// in the documented envelope, each work given its own `W…` id so that paging can be counted.
enum OpenAlexPages {
    /// The recorded work as a JSON object.
    static func recordedWork() throws -> [String: Any] {
        let data = try fixture("openalex", "work_W2741809807.json")
        guard let work = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureMissing(name: "openalex/work_W2741809807.json as an object")
        }
        return work
    }

    /// A list page: `count` reported, the recorded work under each of `ids`, and `nextCursor` (JSON null when nil).
    static func page(count: Int, ids: [String], nextCursor: String?, perPage: Int = 200) throws -> Data {
        let work = try recordedWork()
        let results: [[String: Any]] = ids.map { id in
            var copy = work
            copy["id"] = "https://openalex.org/\(id)"
            return copy
        }
        let meta: [String: Any] = [
            "count": count, "db_response_time_ms": 31, "page": NSNull(), "per_page": perPage,
            "next_cursor": nextCursor.map { $0 as Any } ?? NSNull(), "groups_count": NSNull(),
        ]
        let page: [String: Any] = ["meta": meta, "results": results, "group_by": [Any]()]
        return try JSONSerialization.data(withJSONObject: page)
    }

    /// `W9000000…`: the ids of works `range` of a stand-in result set.
    static func ids(_ range: Range<Int>) -> [String] { range.map { "W\(9_000_000 + $0)" } }
}

/// A loopback OpenAlex: `total` works in pages of `perPage`, reached with cursors `*`, `c1`, `c2`, …; a page in
/// `faults` is answered with that response instead, and `lastCursorPage` ends the cursor chain early (its page
/// has `next_cursor: null`).
struct OpenAlexStandIn {
    let server: LoopbackServer

    init(total: Int, perPage: Int, lastCursorPage: Int? = nil, faults: [Int: ServerResponse] = [:]) throws {
        let pageCount = max(1, (total + perPage - 1) / perPage)
        var pages: [Data] = []
        for index in 0..<pageCount {
            let ids = OpenAlexPages.ids((index * perPage)..<min(total, (index + 1) * perPage))
            let isLast = index == pageCount - 1 || index == lastCursorPage
            pages.append(try OpenAlexPages.page(
                count: total, ids: ids, nextCursor: isLast ? nil : "c\(index + 1)", perPage: perPage))
        }
        let answers = pages
        server = try LoopbackServer { request in
            let cursor = request.parameter("cursor") ?? ""
            let index = cursor == "*" ? 0 : Int(cursor.dropFirst()) ?? -1
            if let fault = faults[index] { return .respond(fault) }
            guard answers.indices.contains(index) else {
                return .respond(.json(#"{"error":"Pagination error.","message":"Cursor is invalid."}"#, status: 403))
            }
            return .respond(.json(answers[index]))
        }
    }

    var url: String { server.url("/works") }
    var cursors: [String] { server.requests.map { $0.parameter("cursor") ?? "" } }
}
