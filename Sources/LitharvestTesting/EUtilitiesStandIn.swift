import Foundation
import LitharvestCore
package import LitharvestModel
import Synchronization

/// A loopback stand-in for NCBI E-utilities (`esearch.fcgi`, `efetch.fcgi`) over a set of articles with
/// creation dates. It implements what a client must get right: `retstart`/`retmax`, `usehistory` with
/// WebEnv/query_key, the 9,999 paging cap (with NCBI's own ERROR text), `datetype`/`mindate`/`maxdate`
/// windows, form POSTs, and HTTP 429 when a client goes over its request budget. Every article matches
/// every term; `phrasesNotFound` and `maintenance` simulate NCBI's failure shapes.
package final class EUtilitiesStandIn: Sendable {
    /// One article: its PMID and the day it entered the database (CRDT).
    package struct Article: Sendable, Hashable {
        /// PubMed id.
        package var pmid: Int
        /// Creation date.
        package var created: SimpleDate

        /// Creates an article.
        package init(pmid: Int, created: SimpleDate) {
            self.pmid = pmid
            self.created = created
        }
    }

    private struct State {
        var articles: [Article]
        var histories: [String: [Int]] = [:]
        var arrivals: [UInt64] = []
        var requestCount = 0
        var rateLimitResponses = 0
        var injectedResponses = 0
    }

    private let state: Mutex<State>
    private let articleXML: @Sendable (Int) -> String
    private let requestsPerSecond: Int
    private let inject429Every: Int?
    /// Terms containing one of these get an `ErrorList/PhraseNotFound` (and still results, as NCBI does).
    package let phrasesNotFound: [String]
    /// When set, every answer is an HTML maintenance page with status 200.
    package let maintenance: Bool
    /// PMIDs that ESearch counts but EFetch leaves out, as NCBI does for records deleted meanwhile.
    package let withheld: Set<Int>

    /// ESearch's paging cap.
    package static let cap = 9_999

    /// Creates a stand-in. `articleTemplate` is one `<PubmedArticle>` element in which every `__PMID__` is
    /// replaced by the article's PMID.
    package convenience init(
        articles: [Article], articleTemplate: String, requestsPerSecond: Int = 3, inject429Every: Int? = nil,
        phrasesNotFound: [String] = [], maintenance: Bool = false, withheld: Set<Int> = []
    ) {
        self.init(
            articles: articles, requestsPerSecond: requestsPerSecond, inject429Every: inject429Every,
            phrasesNotFound: phrasesNotFound, maintenance: maintenance, withheld: withheld,
            articleXML: { articleTemplate.replacingOccurrences(of: "__PMID__", with: String($0)) })
    }

    /// Creates a stand-in whose EFetch answers carry `articleXML(pmid)` for each article (a recorded
    /// `<PubmedArticle>`, for replays of real responses).
    package init(
        articles: [Article], requestsPerSecond: Int = 3, inject429Every: Int? = nil, phrasesNotFound: [String] = [],
        maintenance: Bool = false, withheld: Set<Int> = [], articleXML: @escaping @Sendable (Int) -> String
    ) {
        self.withheld = withheld
        self.state = Mutex(State(articles: articles.sorted { $0.pmid > $1.pmid }))
        self.articleXML = articleXML
        self.requestsPerSecond = requestsPerSecond
        self.inject429Every = inject429Every
        self.phrasesNotFound = phrasesNotFound
        self.maintenance = maintenance
    }

    /// Adds articles, as if they had been indexed since the last search.
    package func add(_ articles: [Article]) {
        state.withLock { $0.articles = ($0.articles + articles).sorted { $0.pmid > $1.pmid } }
    }

    /// 429 answers sent because the client went over its budget (not counting injected ones).
    package var rateLimitViolations: Int { state.withLock { $0.rateLimitResponses } }
    /// 429 answers injected on purpose.
    package var injected429s: Int { state.withLock { $0.injectedResponses } }

    /// The handler to give ``LoopbackServer``.
    package var handler: @Sendable (RecordedRequest) -> ServerAction {
        { [self] request in handle(request) }
    }

    /// Answers one request.
    package func handle(_ request: RecordedRequest) -> ServerAction {
        if let refusal = admit(request) { return refusal }
        if maintenance {
            return .respond(.html(
                "<!DOCTYPE html><html><head><title>NCBI - Maintenance</title></head><body>down_bethesda</body></html>"))
        }
        if request.path.hasSuffix("/esearch.fcgi") { return .respond(esearch(request)) }
        if request.path.hasSuffix("/efetch.fcgi") { return .respond(efetch(request)) }
        if request.path.hasSuffix("/einfo.fcgi") { return .respond(einfo(request)) }
        return .respond(.text("Not Found", status: 404))
    }

    /// Counts the request against the budget; a refusal when over it (or when a 429 is due by injection).
    private func admit(_ request: RecordedRequest) -> ServerAction? {
        state.withLock { state -> ServerAction? in
            state.requestCount += 1
            let now = request.receivedAtUptime
            state.arrivals.append(now)
            // 0.95 s rather than 1 s: arrival times carry the scheduling jitter of a loaded machine.
            state.arrivals.removeAll { now - $0 >= 950_000_000 }
            if state.arrivals.count > requestsPerSecond {
                state.rateLimitResponses += 1
                return .respond(.json(
                    "{\"error\":\"API rate limit exceeded\",\"count\":\"\(state.arrivals.count)\",\"limit\":\"\(requestsPerSecond)\"}",
                    status: 429))
            }
            if let every = inject429Every, state.requestCount % every == 0 {
                state.injectedResponses += 1
                return .respond(.json("{\"error\":\"API rate limit exceeded\",\"count\":\"4\"}", status: 429))
            }
            return nil
        }
    }

    private func matching(_ request: RecordedRequest) -> [Int] {
        let articles = state.withLock { $0.articles }
        guard request.parameter("datetype") != nil,
            let from = request.parameter("mindate").flatMap(Self.date),
            let until = request.parameter("maxdate").flatMap(Self.date)
        else { return articles.map(\.pmid) }
        return articles.filter { $0.created >= from && $0.created <= until }.map(\.pmid)
    }

    private func esearch(_ request: RecordedRequest) -> ServerResponse {
        guard let term = request.parameter("term"), !term.isEmpty else {
            return .xml(Self.esearchError("Empty term and query_key - nothing todo"))
        }
        guard request.parameter("db") == "pubmed" || request.parameter("db") == "pmc" else {
            return .xml(Self.esearchError("Invalid db name specified: \(request.parameter("db") ?? "")"))
        }
        let ids = matching(request)
        let start = Int(request.parameter("retstart") ?? "0") ?? 0
        let max = Int(request.parameter("retmax") ?? "20") ?? 20
        if start > Self.cap - 1, ids.count > Self.cap {
            return .xml(Self.esearchError(
                "Search Backend failed: Exception:\n'retstart' cannot be larger than 9998. For PubMed, ESearch can only "
                    + "retrieve the first 9,999 records matching the query. To obtain more than 9,999 PubMed records, "
                    + "consider using EDirect that contains additional logic to batch PubMed search results "
                    + "automatically so that an arbitrary number can be retrieved. For details see "
                    + "https://www.ncbi.nlm.nih.gov/books/NBK25499/"))
        }
        let shown = ids.dropFirst(start).prefix(Swift.max(0, Swift.min(max, Self.cap - start)))
        var history = ""
        if request.parameter("usehistory") == "y" {
            let webEnv = "MCID_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            state.withLock { $0.histories[webEnv] = ids }
            history = "<QueryKey>1</QueryKey><WebEnv>\(webEnv)</WebEnv>"
        }
        var errorList = ""
        let missing = phrasesNotFound.filter { term.contains($0) }
        if !missing.isEmpty {
            errorList = "<ErrorList>" + missing.map { "<PhraseNotFound>\(Self.escape($0))</PhraseNotFound>" }.joined()
                + "</ErrorList>"
        }
        var window = ""
        if let type = request.parameter("datetype"), let from = request.parameter("mindate"),
            let until = request.parameter("maxdate")
        {
            window = " AND \(from):\(until)[\(type == "crdt" ? "Date - Create" : "Date - Entry")]"
        }
        let body = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">
            <eSearchResult><Count>\(ids.count)</Count><RetMax>\(shown.count)</RetMax><RetStart>\(start)</RetStart>\(history)<IdList>
            \(shown.map { "<Id>\($0)</Id>" }.joined(separator: "\n"))
            </IdList><TranslationSet/><QueryTranslation>\(Self.escape(Self.translate(term)))\(window)</QueryTranslation>\(errorList)</eSearchResult>
            """
        return .xml(body)
    }

    private func einfo(_ request: RecordedRequest) -> ServerResponse {
        let count = state.withLock { $0.articles.count }
        let database = request.parameter("db") ?? "pubmed"
        return .xml("""
            <?xml version="1.0" encoding="UTF-8" ?>
            <eInfoResult><DbInfo><DbName>\(Self.escape(database))</DbName><MenuName>PubMed</MenuName>\
            <DbBuild>Build-standin</DbBuild><Count>\(count)</Count><LastUpdate>2026/01/01 00:00</LastUpdate>\
            </DbInfo></eInfoResult>
            """)
    }

    private func efetch(_ request: RecordedRequest) -> ServerResponse {
        var ids: [Int]
        if let webEnv = request.parameter("WebEnv") {
            guard let stored = state.withLock({ $0.histories[webEnv] }) else {
                return .xml("<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>")
            }
            let start = Int(request.parameter("retstart") ?? "0") ?? 0
            let max = Int(request.parameter("retmax") ?? "20") ?? 20
            ids = Array(stored.dropFirst(start).prefix(max))
        } else {
            ids = request.parameters("id").flatMap { $0.split(separator: ",") }.compactMap { Int($0) }
        }
        let isPMC = request.parameter("db") == "pmc"
        var body =
            isPMC
            ? "<?xml version=\"1.0\" ?>\n<pmc-articleset>\n"
            : """
            <?xml version="1.0" ?>
            <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
            <PubmedArticleSet>

            """
        for id in ids where !withheld.contains(id) {
            body += articleXML(id)
            body += "\n"
        }
        body += isPMC ? "</pmc-articleset>\n" : "</PubmedArticleSet>\n"
        return .xml(body)
    }

    /// A crude imitation of Automatic Term Mapping: untagged terms get `[All Fields]`.
    private static func translate(_ term: String) -> String {
        term.contains("[") ? term : "\(term)[All Fields]"
    }

    private static func esearchError(_ message: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eSearchResult><ERROR>\(escape(message))</ERROR></eSearchResult>"
    }

    private static func date(_ text: String) -> SimpleDate? {
        SimpleDate(parsing: text.replacingOccurrences(of: "/", with: "-"))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
