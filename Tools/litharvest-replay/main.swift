// litharvest-replay: serves recorded database responses on 127.0.0.1 so litharvest can be run, demonstrated
// and tested without the internet. Each database has its own path prefix (`/pubmed/`, `/kci/`, …); the
// first lines printed are "<id> <base URL>", one per database, for LITHARVEST_<ID>_ENDPOINT.
//
// Every record served comes from a real recorded response in the project's fixtures
// (Tests/LitharvestConnectorsTests/Fixtures, origins in each folder's SOURCES.md), chosen by the request. Built,
// not recorded, and carrying no records of their own: the E-utilities id lists and counts (EUtilitiesStandIn, from
// the recorded articles), ScienceON's token answer, NLK's envelope around its recorded records, and the grown
// stage's PMC outage. The recordings were made for other searches: a replay shows the harvest, not the
// database's relevance ranking. KoreaMed and KOLIS-NET were never recorded; their ports answer 404.
//
// Stages: `first` is the first harvest; `grown` is the same databases later: more recorded records answer,
// PMC fails with HTTP 500 (an outage), and the caller leaves one key out (a skipped job).
import Foundation
import LitharvestTesting

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("litharvest-replay: \(message)\n".utf8))
    exit(2)
}

enum Stage: String {
    case first, grown
}

var fixtures = "Tests/LitharvestConnectorsTests/Fixtures"
var stage = Stage.first
var latency = 0.0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--fixtures":
        guard let value = arguments.popFirst() else { fail("\(argument) needs a directory") }
        fixtures = value
    case "--stage":
        guard let value = arguments.popFirst().flatMap(Stage.init(rawValue:)) else { fail("--stage takes first or grown") }
        stage = value
    case "--latency":
        guard let value = arguments.popFirst().flatMap(Double.init), value >= 0 else { fail("--latency needs seconds") }
        latency = value
    case "--help", "-h":
        print("""
            usage: litharvest-replay [--fixtures DIR] [--stage first|grown] [--latency SECONDS]
            Serves real recorded responses of every database of config/harvest.yaml on 127.0.0.1.
            Prints one line per database, "<id> <base URL>", then a blank line, then serves until killed.
            DIR is the fixture folder (default Tests/LitharvestConnectorsTests/Fixtures).
            """)
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

/// The recorded answers of one stage, read once at start.
struct Replay: Sendable {
    let stage: Stage
    let pubmed: EUtilitiesStandIn
    let pmc: EUtilitiesStandIn
    /// RISS result pages by the term searched (the connector sends each term of a Boolean string on its own).
    let rissPages: [String: Data]
    let rissNoHits: Data
    let kciSearch: Data
    let kciDetail: Data
    let kmbaseLog: Data
    let scienceON: Data
    let nalPage: Data
    let nalEmpty: Data
    /// NLK records as (publication year field, JSON text).
    let nlkRecords: [(year: String, json: String)]

    /// ScienceON's token answer. The one token response found in public code had its values normalised by
    /// hand and was not saved (fixtures/scienceon/SOURCES.md), so this is the documented shape with keys
    /// named as the gateway names them; it carries no records.
    static let scienceONToken = """
        {"access_token":"demo-access-token","access_token_expire":"2099-01-01 00:00:00",\
        "refresh_token":"demo-refresh-token","refresh_token_expire":"2099-01-14 00:00:00","client_id":"demo-client"}
        """

    init(fixtures: String, stage: Stage) throws {
        self.stage = stage
        func file(_ relative: String) throws -> Data {
            try Data(contentsOf: URL(fileURLWithPath: (fixtures as NSString).appendingPathComponent(relative)))
        }
        func standIn(_ database: RecordedArticles.Database, _ files: [String]) throws -> EUtilitiesStandIn {
            var recorded = RecordedArticles(database: database)
            for name in files { recorded.add(fromEFetch: String(decoding: try file(name), as: UTF8.self)) }
            let elements = recorded.elements
            // The replay is for people and benchmarks, not a rate-limit test: allow bursts.
            return EUtilitiesStandIn(articles: recorded.articles, requestsPerSecond: 1_000) { elements[$0] ?? "" }
        }
        // The grown stage adds the articles of three more recorded EFetch answers (as if newly indexed).
        var pubmedFiles = ["pubmed/efetch_pubmed_20_articles.xml", "pubmed/efetch_pubmed_structured_abstract.xml"]
        if stage == .grown {
            pubmedFiles += [
                "pubmed/efetch_pubmed_two_articles_charref.xml", "pubmed/efetch_pubmed_two_articles_season.xml",
                "pubmed/efetch_pubmed_collective_mathml.xml",
            ]
        }
        pubmed = try standIn(.pubmed, pubmedFiles)
        pmc = try standIn(.pmc, ["pubmed/efetch_pmc_full_article.xml"])
        var riss = ["근육내자극": try file("riss/riss_search_A1_warfarin_vitamin_K_korean.html")]
        if stage == .grown {
            riss["intramuscular stimulation"] = try file("riss/riss_search_B1_kidney_stone_calcium_supplement.html")
        }
        rissPages = riss
        rissNoHits = try file("riss/riss_search_B2_nephrolithiasis_cholecalciferol_zero_hits.html")
        kciSearch = try file("kci/kci_rest_articleSearch_guide_sample.xml")
        kciDetail = try file("kci/kci_rest_articleDetail_sample.xml")
        kmbaseLog = try file("kmbase/kmbase_search_log_A1_warfarin_vitamin_K_korean.json")
        scienceON = try file("scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml")
        nalPage = try file("nal/nal_searchservice_basic_ok_excerpt.xml")
        nalEmpty = try file("nal/nal_searchservice_basic_empty.xml")
        // The NLK file holds real `result[]` elements, not a wire envelope (fixtures/nlk/SOURCES.md); two of its
        // samples are the same record. The first stage answers with the offline holdings, the grown one with all.
        guard let samples = try JSONSerialization.jsonObject(with: try file("nlk/nlk_search_result_records_real_excerpts.json"))
            as? [String: [String: Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        let names = stage == .first ? ["OFFLINE_FULL", "YEAR_ODD"] : samples.keys.sorted()
        nlkRecords = try names.compactMap { samples[$0] }.map { record in
            (record["pubYearInfo"] as? String ?? "", String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
    }

    func handle(_ request: RecordedRequest) -> ServerAction {
        let parts = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        let database = parts.first.map(String.init) ?? ""
        switch database {
        case "pubmed": return pubmed.handle(request)
        case "pmc":
            // The grown stage's outage: every request fails, so the job fails after its retries.
            return stage == .grown ? .respond(.text("Internal Server Error (demo outage)", status: 500)) : pmc.handle(request)
        case "riss":
            let term = request.parameter("query") ?? ""
            return .respond(.html(rissPages[term] ?? rissNoHits))
        case "kci":
            switch request.parameter("apiCode") {
            // One recorded page (1 record of 3779): page 2 repeats it and the job ends partial.
            case "articleSearch": return .respond(.xml(kciSearch))
            case "articleDetail": return .respond(.xml(kciDetail))
            default: break
            }
        case "kmbase":
            if request.path.hasSuffix("search_log_main.php") {
                // KMbase answers long Boolean strings with HTTP 500 and an empty body (the design pilot's
                // observation, fixtures/kmbase/SOURCES.md); single terms get the recorded count answer.
                let query = request.formParameters.first { $0.name == "query" || $0.name == "keyword" }?.value ?? ""
                return query.contains(" OR ") ? .respond(ServerResponse(status: 500)) : .respond(.json(kmbaseLog))
            }
        case "scienceon":
            if request.path.hasSuffix("tokenrequest.do") { return .respond(.json(Self.scienceONToken)) }
            if request.path.hasSuffix("openapicall.do") {
                // Only page 1 was recorded; a later page repeats it and the connector stops for lack of progress.
                return .respond(.xml(scienceON))
            }
        case "nal":
            if request.path.contains("/searchservice/") {
                return .respond(.xml(request.parameter("pageno") == "1" ? nalPage : nalEmpty))
            }
        case "nlk":
            return .respond(.json(nlkAnswer(request)))
        default: break
        }
        return .respond(.text("no recording for \(request.path)", status: 404))
    }

    /// NLK's documented envelope around the recorded records that answer the request: those of the year asked
    /// (`ipub_year`) or all, page 1 only.
    private func nlkAnswer(_ request: RecordedRequest) -> Data {
        var records = nlkRecords
        if let year = request.parameter("ipub_year"), !year.isEmpty { records = records.filter { $0.year.hasPrefix(year) } }
        let page = Int(request.parameter("pageNum") ?? "1") ?? 1
        let keyword = (try? JSONSerialization.data(withJSONObject: [request.parameter("kwd") ?? ""]))
            .map { String(decoding: $0, as: UTF8.self).dropFirst().dropLast() } ?? "\"\""
        var fields = [
            "\"total\":\(records.count)", "\"kwd\":\(keyword)", "\"pageNum\":\(page)",
            "\"pageSize\":\(Int(request.parameter("pageSize") ?? "") ?? 10)",
        ]
        if page == 1, !records.isEmpty { fields.append("\"result\":[" + records.map(\.json).joined(separator: ",") + "]") }
        return Data(("{" + fields.joined(separator: ",") + "}").utf8)
    }
}

let replay: Replay
do {
    replay = try Replay(fixtures: fixtures, stage: stage)
} catch {
    fail("cannot read the recordings in \(fixtures): \(error)")
}
let delay = latency
// One server (one port) per database, as the real databases are on different hosts: litharvest gives each
// host its own request budget, so the databases are harvested concurrently.
let bases = [
    ("pubmed", "/pubmed/entrez/eutils/"), ("pmc", "/pmc/entrez/eutils/"), ("koreamed", "/koreamed/"),
    ("kmbase", "/kmbase/"), ("riss", "/riss/search/Search.do"), ("kci", "/kci/po/openapi/openApiSearch.kci"),
    ("scienceon", "/scienceon/"), ("nal", "/nal/9720000/"), ("nlk", "/nlk/NL/search/openApi/search.do"),
    ("kolisnet", "/kolisnet/openApi/open.php"),
]
var servers: [LoopbackServer] = []
var lines: [String] = []
for (database, path) in bases {
    do {
        let server = try LoopbackServer { request in
            let action = replay.handle(request)
            return delay > 0 ? .delay(seconds: delay, then: action) : action
        }
        servers.append(server)
        lines.append("\(database) \(server.baseURL)\(path)")
    } catch {
        fail("cannot listen on 127.0.0.1: \(error)")
    }
}
// Written unbuffered, so a script reading the log sees the URLs at once.
FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n\n").utf8))
dispatchMain()
