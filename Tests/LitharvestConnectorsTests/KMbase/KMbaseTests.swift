import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// KMbase: the real search-log answers, the synthetic result list, the Boolean split and loopback searches.
@Suite("KMbase")
struct KMbaseTests {
    static let logPath = "/ahebf/global/search_log/search_log_main.php"

    @Test(arguments: [
        ("kmbase_search_log_A1_warfarin_vitamin_K.json", "171210"),
        ("kmbase_search_log_A1_warfarin_vitamin_K_korean.json", "171211"),
        ("kmbase_search_log_03_A1_warfarin_phylloquinone.json", "171212"),
        ("kmbase_search_log_04_A1_warfarin_menaquinone.json", "171213"),
        ("kmbase_search_log_05_A2_warfarin_omega_3.json", "171214"),
        ("kmbase_search_log_06_A2_warfarin_fish_oil.json", "171215"),
        ("kmbase_search_log_07_A2_anticoagulant_omega_3.json", "171216"),
        ("kmbase_search_log_08_A2_anticoagulant_omega_3_korean.json", "171217"),
        ("kmbase_search_log_09_B1_kidney_stone_calcium_supplement.json", "171218"),
        ("kmbase_search_log_10_B1_nephrolithiasis_calcium_supplement.json", "171219"),
        ("kmbase_search_log_11_B1_urolithiasis_calcium_supplement_korean.json", "171220"),
        ("kmbase_search_log_12_B1_nephrolithiasis_calcium_supplement_korean.json", "171221"),
        ("kmbase_search_log_13_B2_kidney_stone_vitamin_D.json", "171222"),
        ("kmbase_search_log_14_B2_nephrolithiasis_cholecalciferol.json", "171223"),
        ("kmbase_search_log_15_B2_urolithiasis_vitamin_D_korean.json", "171224"),
        ("kmbase_search_log_16_B2_nephrolithiasis_vitamin_D_korean.json", "171225"),
        ("kmbase_search_log_17_B3_kidney_stone_vitamin_C.json", "171226"),
        ("kmbase_search_log_18_B3_nephrolithiasis_ascorbic_acid.json", "171227"),
        ("kmbase_search_log_20_B3_nephrolithiasis_vitamin_C_korean.json", "171229"),
    ])
    func realSearchLogAnswersAreRead(file: String, searchID: String) throws {
        let log = try KMbaseSearchLog.parse(try fixture("kmbase", file), source: file)
        #expect(log == KMbaseSearchLog(total: 0, kmbaseHits: 0, externalHits: 0, searchID: searchID))
    }

    @Test func aRefusedOrForeignSearchLogIsAnError() throws {
        let refused = try #require(throws: ConnectorError.self) {
            _ = try KMbaseSearchLog.parse(Data(#"{"result":false,"msg":"invalid token"}"#.utf8), source: "log")
        }
        #expect(refused.kind == .databaseError)
        #expect(refused.message.contains("invalid token"))
        let html = try #require(throws: ConnectorError.self) {
            _ = try KMbaseSearchLog.parse(Data("<html>error</html>".utf8), source: "https://kmbase/log")
        }
        #expect(html.kind == .unexpectedResponse)
        #expect(html.location == "https://kmbase/log")
    }

    @Test func fileParserReadsSavedListsAndRefusesTheSearchLog() throws {
        let parser = try #require(ConnectorRegistry.builtIn["kmbase"]?.fileParser)
        var ids: [String] = []
        let report = try parser.parseFile(atPath: try fixturePath("kmbase", "synthetic_kmbase_result_list_page2.html")) {
            ids.append($0.nativeID)
        }
        #expect(report.recordsRead == 2)
        #expect(ids == ["SYN0000004", "SYN0000005"])
        let path = try fixturePath("kmbase", "kmbase_search_log_A1_warfarin_vitamin_K.json")
        let error = try #require(throws: ConnectorError.self) { _ = try parser.parseFile(atPath: path) { _ in } }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains("a KMbase search log (0 hits, search id 171210)"))
    }

    @Test func syntheticResultListIsRead() throws {
        let records = try KMbaseResultPage.parse(
            try fixture("kmbase", "synthetic_kmbase_result_list_page1.html"), source: "page1", expectRecords: true)
        #expect(records.map(\.nativeID) == ["SYN0000001", "SYN0000002", "SYN0000003"])
        let first = try #require(records.first)
        #expect(first.title == "와파린 복용 환자의 비타민 K 섭취와 항응고 조절의 합성 연구")
        #expect(first.otherTitle == "A synthetic study of vitamin K intake and anticoagulation control in patients taking warfarin")
        #expect(first.authors.map(\.displayName) == ["김민규", "이수진"])
        #expect(first.journal == "Synthetic Korean J Med")
        #expect(first.year == 2019)
        #expect(first.volume == "94")
        #expect(first.issue == "3")
        #expect(first.pages == "250-7")
        #expect(Pages(first.pages)?.expanded == "250-257")
        #expect(first.doi == "10.3904/synthetic.2019.94.3.250")
        #expect(first.url == "https://kmbase.medric.or.kr/Main.aspx?d=KMBASE&i=SYN0000001&m=VIEW")
        #expect(records[1].authors.first?.family == "Park")
        #expect(records[1].authors.first?.initials == "JH")
        #expect(records[2].authors.isEmpty)
        #expect(records[2].pages == "700")
    }

    @Test func aResultListWithoutRecordLinksIsRefused() throws {
        let error = try #require(throws: ConnectorError.self) {
            _ = try KMbaseResultPage.parse(Data("<html><body>로그인이 필요합니다</body></html>".utf8), source: "list", expectRecords: true)
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.location == "list")
    }

    @Test func theObservedLongBooleanQueryIsSplitIntoSimpleTerms() throws {
        let query = try Self.observedQuery("B1")
        let boolean = try #require(BooleanQuery.parse(query))
        #expect(boolean.terms == [
            "신결석", "요로결석", "콩팥결석", "nephrolithiasis", "urolithiasis", "kidney stone", "칼슘 보충제",
            "calcium supplement",
        ])
        let sets: [String: Set<String>] = ["신결석": ["1", "2"], "kidney stone": ["3"], "칼슘 보충제": ["2", "9"], "calcium supplement": ["3"]]
        #expect(boolean.evaluate(sets) == ["2", "3"])
        #expect(BooleanQuery.parse("a NOT (b OR \"c d\")")?.evaluate(["a": ["1", "2", "3"], "b": ["1"], "\"c d\"": ["3"]]) == ["2"])
        #expect(BooleanQuery.parse("warfarin")?.isSingleTerm == true)
        #expect(BooleanQuery.parse("(a OR b") == nil)
        #expect(BooleanQuery.parse("a AND") == nil)
    }

    /// The query of run `id` in the pilot's observation log.
    static func observedQuery(_ id: String) throws -> String {
        let observation = try JSONSerialization.jsonObject(with: try fixture("kmbase", "kmbase_designpilot_observation.json"))
        let runs = try #require((observation as? [String: Any])?["runs"] as? [[String: Any]])
        return try #require(runs.first { $0["question_id"] as? String == id }?["query"] as? String)
    }

    @Test func searchPostsTheFormThenPagesTheResultList() throws {
        let pages = [
            try fixture("kmbase", "synthetic_kmbase_result_list_page1.html"),
            try fixture("kmbase", "synthetic_kmbase_result_list_page2.html"),
        ]
        let server = try LoopbackServer { request in
            if request.path == Self.logPath {
                return .respond(.json(#"{"result":true,"msg":"success","status":200,"cnt":5,"kcnt":"5","ecnt":0,"ad_cd":171207,"data":"insert"}"#))
            }
            guard request.parameter("pg_idx") == "260", request.parameter("ad_cd") == "171207",
                let page = Int(request.parameter("page") ?? ""), (1...2).contains(page)
            else { return .respond(.html("<html><body></body></html>")) }
            return .respond(.html(pages[page - 1]))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 50)
        let result = try KMbaseConnector().search(Query(text: "warfarin"), context: context)
        #expect(result.reportedCount == 5)
        #expect(result.records.map(\.nativeID) == ["SYN0000001", "SYN0000002", "SYN0000003", "SYN0000004", "SYN0000005"])
        #expect(result.completeness == .complete)
        let post = try #require(server.requests.first)
        #expect(post.method == "POST")
        #expect(post.parameter("query") == "warfarin")
        #expect(post.parameter("pg_idx") == "150")
        #expect(post.parameter("frmtime") != nil)
        #expect(server.requests.count == 3)
    }

    @Test func http500OnTheLongBooleanQueryIsSplitAndCombinedClientSide() throws {
        let query = try Self.observedQuery("B1")
        // Each simple term has its own search id and hits; the full string gets HTTP 500 with an empty body,
        // as the pilot observed.
        let hits: [String: [String]] = [
            "신결석": ["K1", "K2"], "요로결석": ["K2", "K3"], "콩팥결석": [], "nephrolithiasis": ["K4"],
            "urolithiasis": [], "kidney stone": ["K5"], "칼슘 보충제": ["K3", "K9"], "calcium supplement": ["K5", "K8"],
        ]
        let terms = Array(hits.keys).sorted()
        let server = try LoopbackServer { request in
            if request.path == Self.logPath {
                let text = request.parameter("query") ?? ""
                guard let index = terms.firstIndex(of: text) else { return .respond(.text("", status: 500)) }
                let count = hits[text]?.count ?? 0
                return .respond(.json(#"{"result":true,"msg":"success","status":200,"cnt":\#(count),"kcnt":"\#(count)","ecnt":0,"ad_cd":\#(172000 + index),"data":"insert"}"#))
            }
            let index = (Int(request.parameter("ad_cd") ?? "") ?? 0) - 172000
            guard terms.indices.contains(index), request.parameter("page") == "1" else {
                return .respond(.html("<html><body><ul></ul></body></html>"))
            }
            return .respond(.html(Self.listPage(ids: hits[terms[index]] ?? [])))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 100, attempts: 2)
        let result = try KMbaseConnector().search(Query(text: query), context: context)

        #expect(Set(result.records.map(\.nativeID)) == ["K3", "K5"])
        #expect(result.reportedCount == 2)
        #expect(result.completeness == .complete)
        let note = try #require(result.diagnostics.first { $0.message.contains("HTTP 500") })
        #expect(note.message.contains("8 simple terms"))
        #expect(note.message.contains("AND = intersection, OR = union"))
        #expect(note.message.contains("\"kidney stone\": 1"))
        #expect(result.queryTranslation?.hasPrefix("split into simple terms:") == true)
        let posts = server.requests.filter { $0.path == Self.logPath }
        #expect(posts.count == 2 + 8)  // the full query and its retry, then one per term
    }

    @Test func http500OnASimpleTermIsADatabaseError() throws {
        let server = try LoopbackServer { _ in .respond(.text("", status: 500)) }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 100, attempts: 1)
        let error = try #require(throws: ConnectorError.self) {
            _ = try KMbaseConnector().search(Query(text: "warfarin"), context: context)
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("HTTP 500"))
        #expect(error.location?.contains(Self.logPath) == true)
    }

    @Test func anUnrecognisedResultListIsAnUnexpectedResponse() throws {
        let server = try LoopbackServer { request in
            if request.path == Self.logPath {
                return .respond(.json(#"{"result":true,"cnt":5,"kcnt":"5","ecnt":0,"ad_cd":171207}"#))
            }
            return .respond(.html("<html><body><p>점검 중입니다</p></body></html>"))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 50)
        let error = try #require(throws: ConnectorError.self) {
            _ = try KMbaseConnector().search(Query(text: "warfarin"), context: context)
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.location?.contains("ad_cd=171207") == true)
    }

    /// A result list in the synthetic structure with the given ids.
    static func listPage(ids: [String]) -> String {
        let items = ids.map {
            "<li class=\"result-item\"><a class=\"title\" href=\"/Main.aspx?d=KMBASE&amp;i=\($0)&amp;m=VIEW\">Synthetic \($0)</a></li>"
        }
        return "<html><body><ul class=\"result-list\">" + items.joined() + "</ul></body></html>"
    }
}
