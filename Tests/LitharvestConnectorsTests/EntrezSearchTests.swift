import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// End-to-end PubMed searches through libcurl against the loopback E-utilities stand-in.
@Suite("PubMed search against a loopback E-utilities stand-in")
struct EntrezSearchTests {
    /// A real recorded article with its PMID replaced by `__PMID__`.
    static func articleTemplate() throws -> String {
        var recorded = RecordedArticles()
        recorded.add(fromEFetch: String(decoding: try fixture("pubmed", "efetch_pubmed_two_articles_charref.xml"), as: UTF8.self))
        let (pmid, element) = try #require(recorded.elements.min { $0.key < $1.key })
        return element.replacingOccurrences(of: ">\(pmid)<", with: ">__PMID__<")
    }

    /// `count` articles with PMIDs from 30,000,000 and creation dates spread over 2000–2023.
    static func articles(_ count: Int, firstPMID: Int = 30_000_000) -> [EUtilitiesStandIn.Article] {
        let start = SimpleDate(year: 2000, month: 1, day: 1)!.dayNumber
        return (0..<count).map { index in
            EUtilitiesStandIn.Article(pmid: firstPMID + index, created: SimpleDate(dayNumber: start + (index * 7919) % 8760))
        }
    }

    private func run(
        _ standIn: EUtilitiesStandIn, query: Query, options: [String: String] = [:]
    ) throws -> (SearchResult, LoopbackServer) {
        let server = try LoopbackServer(handler: standIn.handler)
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 3, options: options)
        let result = try EntrezConnector(database: .pubmed).search(query, context: context)
        return (result, server)
    }

    @Test(.timeLimit(.minutes(3)))
    func moreThanTwentyFiveThousandHitsAreRetrievedExactlyOnce() throws {
        let articles = Self.articles(25_321)
        let standIn = EUtilitiesStandIn(articles: articles, articleTemplate: try Self.articleTemplate(), inject429Every: 17)
        let (result, server) = try run(standIn, query: Query(text: "\"dry needling\"[tiab]"), options: ["page_size": "1000"])
        defer { server.stop() }

        #expect(result.reportedCount == 25_321)
        #expect(result.records.count == 25_321)
        #expect(Set(result.records.map(\.nativeID)) == Set(articles.map { String($0.pmid) }))
        #expect(result.completeness == .complete)
        #expect(result.windows.count >= 3)
        #expect(result.windows.reduce(0) { $0 + $1.reportedCount } == 25_321)
        #expect(result.windows.allSatisfy { $0.reportedCount <= 9_999 })
        #expect(result.diagnostics.contains { $0.message.contains("date windows") })
        #expect(result.records.first?.title != nil)
        // Never over 3 requests in any second, and every injected 429 was recovered from.
        #expect(standIn.rateLimitViolations == 0)
        #expect(standIn.injected429s > 0)
        let requests = server.requests
        #expect(requests.allSatisfy { $0.parameter("tool") == "litharvest" && $0.parameter("email") == "tests@example.org" })
        let windowed = requests.filter { $0.path.hasSuffix("esearch.fcgi") && $0.parameter("datetype") != nil }
        #expect(windowed.allSatisfy { $0.parameter("datetype") == "crdt" })
        #expect(requests.filter { $0.path.hasSuffix("efetch.fcgi") }.allSatisfy {
            $0.parameter("WebEnv") != nil && (Int($0.parameter("retstart") ?? "") ?? 99_999) < 9_999
        })
    }

    @Test func smallSearchUsesOneHistorySetAndBatches() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(1_234), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils"), requestsPerSecond: 50, options: ["page_size": "200"])
        let result = try EntrezConnector(database: .pubmed).search(Query(text: "ims"), context: context)
        #expect(result.records.count == 1_234)
        #expect(result.completeness == .complete)
        #expect(result.windows.isEmpty)
        #expect(result.queryTranslation == "ims[All Fields]")
        let paths = server.requests.map(\.path)
        #expect(paths.filter { $0.hasSuffix("esearch.fcgi") }.count == 1)
        #expect(paths.filter { $0.hasSuffix("efetch.fcgi") }.count == 7)
        #expect(server.requests.first { $0.path.hasSuffix("esearch.fcgi") }?.parameter("usehistory") == "y")
        #expect(result.diagnostics.contains { $0.message.contains("Build-standin") })
    }

    @Test func limitStopsEarlyAndIsNotPartial() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(600), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50)
        let result = try EntrezConnector(database: .pubmed).search(Query(text: "x", limit: 30), context: context)
        #expect(result.records.count == 30)
        #expect(result.reportedCount == 600)
        #expect(result.completeness == .complete)
    }

    @Test func dateWindowIsSentAsCreationDateRange() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(2_000), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50)
        let from = SimpleDate(parsing: "2010-01-01")!
        let until = SimpleDate(parsing: "2010-12-31")!
        let result = try EntrezConnector(database: .pubmed).search(Query(text: "x", from: from, until: until), context: context)
        let expected = Self.articles(2_000).filter { $0.created >= from && $0.created <= until }.count
        #expect(expected > 0)
        #expect(result.reportedCount == expected)
        #expect(result.records.count == expected)
        let first = try #require(server.requests.first { $0.path.hasSuffix("esearch.fcgi") })
        #expect(first.parameter("datetype") == "crdt")
        #expect(first.parameter("mindate") == "2010/01/01")
        #expect(first.parameter("maxdate") == "2010/12/31")
        #expect(result.windows == [DateWindow(from: from, until: until, reportedCount: expected)])
    }

    @Test func aDayOverTheCapIsPartialWithTheNumbers() throws {
        let day = SimpleDate(parsing: "2015-06-01")!
        let crowded = (0..<10_050).map { EUtilitiesStandIn.Article(pmid: 40_000_000 + $0, created: day) }
        let standIn = EUtilitiesStandIn(articles: crowded, articleTemplate: try Self.articleTemplate(), requestsPerSecond: 1000)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(
            endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 500, options: ["page_size": "5000"])
        let result = try EntrezConnector(database: .pubmed).search(Query(text: "x"), context: context)
        #expect(result.reportedCount == 10_050)
        #expect(result.records.count == 9_999)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("a truncated day must be partial")
            return
        }
        #expect(reason.contains("2015-06-01"))
        #expect(reason.contains("10050"))
        #expect(reason.contains("retrieved 9999 of the 10050"))
    }

    @Test func windowsThatDoNotAddUpArePartial() throws {
        // Records dated after today fall outside every window: the sum cannot match the total.
        var articles = Self.articles(10_100)
        articles.append(EUtilitiesStandIn.Article(pmid: 1, created: SimpleDate(parsing: "2999-01-01")!))
        let standIn = EUtilitiesStandIn(articles: articles, articleTemplate: try Self.articleTemplate(), requestsPerSecond: 1000)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(
            endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 500, options: ["page_size": "5000"])
        let result = try EntrezConnector(database: .pubmed).search(Query(text: "x"), context: context)
        #expect(result.reportedCount == 10_101)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("unreconciled windows must be partial")
            return
        }
        #expect(reason.contains("add up to 10100"))
        #expect(reason.contains("10101"))
    }

    @Test func droppedPhrasesAreReportedWithTheResults() throws {
        let standIn = EUtilitiesStandIn(
            articles: Self.articles(5), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100,
            phrasesNotFound: ["fleegle"])
        let (result, server) = try run(standIn, query: Query(text: "ims OR fleegle[mh]"))
        defer { server.stop() }
        #expect(result.records.count == 5)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("fleegle") })
    }

    @Test func maintenancePageIsAnErrorNotZeroHits() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(5), articleTemplate: try Self.articleTemplate(), maintenance: true)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50)
        #expect(throws: ConnectorError.self) {
            try EntrezConnector(database: .pubmed).search(Query(text: "x"), context: context)
        }
    }

    @Test func longQueriesArePosted() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(3), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50)
        let term = (1...40).map { "\"term number \($0)\"[tiab]" }.joined(separator: " OR ")
        let result = try EntrezConnector(database: .pubmed).search(Query(text: term), context: context)
        #expect(result.querySent == term)
        let esearch = try #require(server.requests.first { $0.path.hasSuffix("esearch.fcgi") })
        #expect(esearch.method == "POST")
        #expect(esearch.parameter("term") == term)
        #expect(esearch.query.isEmpty)
    }

    @Test func apiKeyIsSentButNeverShown() throws {
        let standIn = EUtilitiesStandIn(articles: Self.articles(3), articleTemplate: try Self.articleTemplate(), requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        var context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50)
        context.settings.apiKey = "abcdef0123456789"
        _ = try EntrezConnector(database: .pubmed).search(Query(text: "x"), context: context)
        #expect(server.requests.allSatisfy { $0.parameter("api_key") == "abcdef0123456789" })
    }

    @Test func pmcSearchFetchesJATSAndPrefixesIds() throws {
        let article = String(decoding: try fixture("pubmed", "efetch_pmc_full_article.xml"), as: UTF8.self)
        let open = try #require(article.range(of: "<article "))
        let close = try #require(article.range(of: "</article>", options: .backwards))
        let template = String(article[open.lowerBound..<close.upperBound])
            .replacingOccurrences(of: ">3299399<", with: ">__PMID__<")
        let standIn = EUtilitiesStandIn(
            articles: Self.articles(120, firstPMID: 3_000_000), articleTemplate: template, requestsPerSecond: 100)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/entrez/eutils/"), requestsPerSecond: 50, options: ["page_size": "50"])
        let result = try EntrezConnector(database: .pmc).search(Query(text: "stem cells AND hasabstract"), context: context)
        #expect(result.records.count == 120)
        #expect(result.records.allSatisfy { $0.database == "pmc" && $0.nativeID.hasPrefix("PMC3") && $0.pmcid == $0.nativeID })
        #expect(result.records.first?.title == "The Effects of Psychosis Risk Variants on Brain Connectivity: A Review")
        #expect(server.requests.allSatisfy { $0.parameter("db") == "pmc" })
        #expect(result.completeness == .complete)
    }

    @Test func emptyQueryIsRefused() {
        let context = searchContext(endpoint: "http://127.0.0.1:9/")
        #expect(throws: ConnectorError.self) { try EntrezConnector(database: .pubmed).search(Query(text: "  "), context: context) }
    }
}
