import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

/// Declarative connectors (config/connectors/*.yaml) through the built binary: listed, searched, parsed,
/// validated and run from a review config.
@Suite("the litharvest binary with declarative connectors")
struct DeclarativeCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let specs = repository.appendingPathComponent("config/connectors").path
    static let key = "cli-nlk-key-7788"

    /// An NLK stand-in with `count` records (publication year 2015), 500-record cap included.
    static func nlkServer(count: Int) throws -> LoopbackServer {
        try LoopbackServer { request in
            guard request.parameter("key") == key else {
                return .respond(.json(#"{"errorCode":"011","errorMsg":"INVALID KEY:인증키값이 유효하지 않습니다."}"#))
            }
            let page = Int(request.parameter("pageNum") ?? "") ?? 1
            let size = Int(request.parameter("pageSize") ?? "") ?? 10
            let numbers = Array(0..<count).dropFirst((page - 1) * size).prefix(size)
            let records = numbers.map { number in
                #"{"titleInfo":"<span class=\"searching_txt\">근육내</span> 자극 \#(number)","authorInfo":"저자: 김\#(number)","pubInfo":"서울 : 출판사","pubYearInfo":"2015","controlNo":"KMO2015\#(number)","id":"\#(number)","typeName":"도서","detailLink":"/NL/contents/search.do#viewKey=\#(number)"}"#
            }
            let result = records.isEmpty ? "" : #","result":["# + records.joined(separator: ",") + "]"
            return .respond(.json(#"{"total":\#(count),"pageNum":\#(page),"pageSize":\#(size)"# + result + "}"))
        }
    }

    @Test func connectorsListsTheDeclarativeOnes() throws {
        let table = try litharvest(["connectors"], environment: ["LITHARVEST_CONNECTORS_DIR": Self.specs])
        #expect(table.status == 0, "\(table.stderr)")
        let nlkLine = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("nlk ") })
        #expect(nlkLine.contains("declarative"))
        #expect(nlkLine.contains("required: $NLK_API_KEY"))
        let kolisLine = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("kolisnet ") })
        #expect(kolisLine.contains("declarative"))
        #expect(table.stdout.split(separator: "\n").first { $0.hasPrefix("pubmed ") }?.contains("built-in") == true)

        let json = try litharvest(["connectors", "--json", "--config", Self.repository.appendingPathComponent("config/harvest.yaml").path])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let nlk = try #require(items.first { $0["id"] as? String == "nlk" })
        #expect(nlk["declarative"] as? Bool == true)
        #expect(nlk["endpoint_variable"] as? String == "LITHARVEST_NLK_ENDPOINT")
        #expect(items.first { $0["id"] as? String == "pubmed" }?["declarative"] as? Bool == false)
    }

    @Test func searchNLKAgainstALoopbackEndpoint() throws {
        let server = try Self.nlkServer(count: 130)
        defer { server.stop() }
        let result = try litharvest(
            [
                "search", "--database", "nlk", "--query", "근육내 자극", "--format", "jsonl", "--page-size", "50",
                "--endpoint", server.url("/NL/search/openApi/search.do"),
            ],
            environment: ["LITHARVEST_CONNECTORS_DIR": Self.specs, "NLK_API_KEY": Self.key])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 130)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["title"] as? String == "근육내 자극 0")
        #expect(first["database"] as? String == "nlk")
        #expect(result.stderr.contains("National Library of Korea (NLK): 130 reported, 130 retrieved"))
        #expect(server.requests.map { $0.parameter("pageNum") } == ["1", "2", "3"])
        #expect(!result.stderr.contains(Self.key))
    }

    @Test func searchNLKWithoutAKeySaysWhereToGetOne() throws {
        let result = try litharvest(
            ["search", "--database", "nlk", "--query", "x", "--endpoint", "http://127.0.0.1:9/"],
            environment: ["LITHARVEST_CONNECTORS_DIR": Self.specs])
        #expect(result.status == 1)
        #expect(result.stderr.contains("NLK_API_KEY"))
        #expect(result.stderr.contains("nl.go.kr"))
    }

    @Test func parseASavedNLKResponse() throws {
        let folder = NSTemporaryDirectory() + "litharvest-nlk-parse-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/nlk-page1.json"
        let saved = #"{"total":2,"pageNum":1,"pageSize":10,"result":[{"titleInfo":"교육격차 : 가정 배경과 학교교육의 영향력 분석","authorInfo":"연구책임자: 류방란;공동연구자: 김성식","pubInfo":"한국교육개발원","pubYearInfo":"2006","controlNo":"KMO200734572","id":"73389294"},{"titleInfo":"教育格差 : 階層・地域・学歴","authorInfo":"著者: 松岡亮二","pubInfo":"筑摩書房","pubYearInfo":"2019 (2020 9刷)","controlNo":"JMO202002441","id":"694577352"}]}"#
        try saved.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try litharvest(
            ["parse", "--database", "nlk", "--format", "csljson", file], environment: ["LITHARVEST_CONNECTORS_DIR": Self.specs])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["title"] as? String == "교육격차 : 가정 배경과 학교교육의 영향력 분석")
        #expect(result.stderr.contains("\(file): 2 records"))

        let errorFile = folder + "/nlk-error.json"
        try #"{"errorCode":"011","errorMsg":"INVALID KEY:인증키값이 유효하지 않습니다."}"#.write(toFile: errorFile, atomically: true, encoding: .utf8)
        let failed = try litharvest(["parse", "--database", "nlk", errorFile], environment: ["LITHARVEST_CONNECTORS_DIR": Self.specs])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("011"))
    }

    @Test func brokenSpecStopsTheCommandWithItsLine() throws {
        let folder = NSTemporaryDirectory() + "litharvest-broken-spec-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = try String(contentsOfFile: Self.specs + "/kolisnet.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  page_size: 100", with: "  page_sise: 100")
        try spec.write(toFile: folder + "/kolisnet.yaml", atomically: true, encoding: .utf8)
        let result = try litharvest(["connectors"], environment: ["LITHARVEST_CONNECTORS_DIR": folder])
        #expect(result.status == 2)
        let line = (spec.components(separatedBy: "\n").firstIndex { $0.contains("page_sise") } ?? 0) + 1
        #expect(result.stderr.contains("kolisnet.yaml:\(line):3: unknown key 'page_sise' in 'paging'"))
        #expect(result.stderr.contains("did you mean 'page_size'?"))
    }

    @Test func runHarvestsNLKFromAReviewConfig() throws {
        let folder = NSTemporaryDirectory() + "litharvest-nlk-review-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/connectors", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.specs + "/nlk.yaml", toPath: folder + "/connectors/nlk.yaml")
        let server = try Self.nlkServer(count: 42)
        defer { server.stop() }
        let config = """
            review: NLK trial
            databases:
              nlk:
                endpoint: \(server.url("/NL/search/openApi/search.do"))
                requests_per_second: 50
            searches:
              - name: ims
                queries:
                  nlk: 근육내 자극
            """
        try config.write(toFile: folder + "/harvest.yaml", atomically: true, encoding: .utf8)
        let valid = try litharvest(["validate", "--config", folder + "/harvest.yaml"])
        #expect(valid.status == 0, "\(valid.stderr)")

        let skipped = try litharvest(["run", "--config", folder + "/harvest.yaml"])
        #expect(skipped.status == 3)
        #expect(skipped.stdout.contains("skipped") || skipped.stderr.contains("skipped"))
        #expect((skipped.stdout + skipped.stderr).contains("NLK_API_KEY"))

        let run = try litharvest(["run", "--config", folder + "/harvest.yaml", "--json"], environment: ["NLK_API_KEY": Self.key])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"nlk\""))
        let new = try litharvest(["new", "--config", folder + "/harvest.yaml", "--format", "jsonl"])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.split(separator: "\n").count == 42)
    }
}
