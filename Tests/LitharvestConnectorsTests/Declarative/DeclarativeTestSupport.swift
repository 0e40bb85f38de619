import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The package's `config/connectors` folder, where the shipped specs live.
let shippedSpecDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/connectors").path

/// A shipped spec (`nlk`, `kolisnet`).
func shippedSpec(_ id: String) throws -> ConnectorSpec {
    try ConnectorSpecReader.load(path: shippedSpecDirectory + "/\(id).yaml")
}

/// The problems reading `yaml` gives, or an empty list when it is valid.
func specProblems(_ yaml: String) -> [ConfigProblem] {
    var reader = ConnectorSpecReader(file: "broken.yaml")
    do {
        _ = try reader.read(yaml: yaml)
        return []
    } catch {
        return error.problems
    }
}

/// The real NLK records of the shared fixture, in the origin's sample order.
func nlkFixtureRecords() throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: try fixture("nlk", "nlk_search_result_records_real_excerpts.json"))
    let samples = try #require(object as? [String: [String: Any]])
    let order = ["OFFLINE_FULL", "ONLINE_SPARSE", "YEAR_YYYYMM", "YEAR_YYYYMMDD", "YEAR_EMPTY", "YEAR_ODD", "NO_FULLTEXT"]
    return try order.map { try #require(samples[$0]) }
}

/// A wire envelope as NLK sends it (reference §7a): `result` is left out when `records` is empty.
func nlkEnvelope(total: Int, page: Int = 1, pageSize: Int = 10, records: [[String: Any]]) throws -> Data {
    var envelope: [String: Any] = ["total": total, "kwd": "교육격차", "pageNum": page, "pageSize": pageSize, "category": "", "sort": ""]
    if !records.isEmpty { envelope["result"] = records }
    return try JSONSerialization.data(withJSONObject: envelope)
}

/// An NLK-shaped record with a generated control number.
func nlkRecord(_ number: Int, year: Int) -> [String: Any] {
    [
        "titleInfo": "근육내 <span class=\"searching_txt\">자극</span> 연구 \(number)", "authorInfo": "저자: 홍길동\(number)",
        "pubInfo": "서울 : 출판사, \(year)", "pubYearInfo": String(year), "controlNo": "KMO\(year)\(String(format: "%05d", number))",
        "id": String(900_000 + number), "typeName": "도서", "detailLink": "/NL/contents/search.do#viewKey=\(900_000 + number)&viewType=AH1",
        "isbn": "",
    ]
}
