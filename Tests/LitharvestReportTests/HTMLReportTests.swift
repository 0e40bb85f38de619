import Foundation
import LitharvestModel
import LitharvestXML
import LitharvestReport
import Testing

@Suite("HTML run report")
struct HTMLReportTests {
    static let secret = "sk-0123456789SECRET"

    static func log(reports: [JobReport]) -> SearchLog {
        SearchLog(
            review: "IMS <review> & \"co\"", run: 2, runStatus: "complete", startedAt: Date(timeIntervalSince1970: 1_764_115_200),
            toolVersion: "0.9.0", reports: reports, newCounts: [SearchLog.key("ims", "pubmed"): 2],
            labels: PrismaFlowTests.labels)
    }

    static let records = [
        Record(
            database: "pubmed", nativeID: "16683455", title: "Deep dry needling <i>and</i> IMS & \"pain\"", otherTitle: "근육내 자극",
            authors: [Author(family: "Lee", given: "Young Jae", initials: "YJ"), Author(literal: "IMS 연구회")],
            journal: "The Korean journal of pain", date: PublicationDate(year: 2006), volume: "19", issue: "1", pages: "1-7",
            doi: "10.3344/kjp.2006.19.1.1", pmid: "16683455", pmcid: "PMC3456", url: "https://pubmed.ncbi.nlm.nih.gov/16683455/"),
        Record(database: "kmbase", nativeID: "K<1>", title: "한국어 제목", url: "javascript:alert(1)"),
    ]

    static func page(reports: [JobReport]? = nil) throws -> (String, XMLDocument) {
        let reports = reports ?? [
            PrismaFlowTests.report("pubmed", retrieved: 40, query: "\"dry needling\"[tiab] & <IMS>"),
            PrismaFlowTests.report("kmbase", retrieved: 12, status: .skipped, query: "근육내 자극"),
        ]
        let flow = try PrismaFlow(
            review: "IMS", run: 2, searchedAt: "2026-11-26T03:00:00Z", reports: reports, newRecords: 2,
            previous: PrismaFlow.PreviousVersion(runs: [1], records: 50), labels: PrismaFlowTests.labels)
        let html = HTMLReport(
            log: log(reports: reports), flow: flow, newRecords: records, labels: PrismaFlowTests.labels,
            redact: { $0.replacingOccurrences(of: secret, with: "REDACTED") }
        ).html
        return (html, try XMLDocument.parseHTML(Data(html.utf8), source: "report.html"))
    }

    @Test func pageHasSummaryDiagramTableLogAndRecords() throws {
        let (html, document) = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(try document.text("//title") == "Search report: IMS <review> & \"co\", run 2")
        #expect(try document.text("//h1") == "Search report: IMS <review> & \"co\"")
        let terms = try document.select("//dl[@class='summary']/dt").map(\.text)
        let values = try document.select("//dl[@class='summary']/dd").map(\.text)
        let summary = Dictionary(uniqueKeysWithValues: zip(terms, values))
        #expect(summary["Records identified"] == "52")
        #expect(summary["Duplicates removed"] == "not determined")
        #expect(summary["New records to screen"] == "2")
        // The inline diagram carries the same numbers.
        let identified = try document.select("//svg//g[@id='box-identified']/text").map(\.text)
        #expect(identified.contains("Databases (n = 52)"))
        #expect(try document.text("//svg//g[@id='box-screened']/text") == "Records screened (n = 2)")
        #expect(try document.first("//svg//g[@id='box-previous']") != nil)
        // One table row per database search, with the query exactly as sent.
        let rows = try document.select("//section[@id='databases']//tbody/tr")
        #expect(rows.count == 2)
        let cells = try rows[0].select("td").map(\.text)
        #expect(cells[0] == "MEDLINE/PubMed (NCBI E-utilities)")
        #expect(cells[2] == "\"dry needling\"[tiab] & <IMS>")
        #expect(cells[6...8] == ["40", "40", "2"])
        #expect(cells[9] == "ok")
        #expect(try rows[1].select("td").map(\.text)[9] == "skipped: no key")
        #expect(rows[1].attribute("class") == "status-skipped")
        // The PRISMA-S log, one article per search.
        let entries = try document.select("//section[@id='search-log']/article")
        #expect(entries.count == 2)
        #expect(try entries[1].text("pre") == "근육내 자극")
        // Nothing runs and nothing is fetched.
        #expect(try document.select("//script").isEmpty)
        #expect(try document.select("//link | //img | //iframe").isEmpty)
        #expect(!html.contains(" src="))
    }

    @Test func recordsLinkToDOIPubMedPMCAndOnlyWebPages() throws {
        let (_, document) = try Self.page()
        let items = try document.select("//ol[@class='records']/li")
        #expect(items.count == 2)
        let links = try items[0].select("a").compactMap { $0.attribute("href") }
        #expect(
            links == [
                "https://doi.org/10.3344/kjp.2006.19.1.1", "https://pubmed.ncbi.nlm.nih.gov/16683455/",
                "https://pmc.ncbi.nlm.nih.gov/articles/PMC3456/",
            ])
        #expect(try items[0].text("span[@class='title']") == "Deep dry needling <i>and</i> IMS & \"pain\"")
        #expect(try items[0].text("span[@class='other-title']") == "근육내 자극")
        #expect(try items[0].text("span[@class='authors']") == "Lee, Young Jae; IMS 연구회")
        #expect(try items[0].text("span[@class='source']") == "The Korean journal of pain. 2006. 19(1):1-7")
        #expect(try items[1].select("a").isEmpty)
        #expect(try items[1].text("span[@class='id']") == "KMbase <한국의학> & \"Co\": K<1>")
    }

    @Test func secretsAreRedactedFromThePage() throws {
        var report = PrismaFlowTests.report("pubmed", retrieved: 40)
        report.diagnostics = [Diagnostic(.warning, "retried https://x.test/?api_key=\(Self.secret)")]
        let (html, document) = try Self.page(reports: [report])
        #expect(!html.contains(Self.secret))
        #expect(try document.text("//section[@id='databases']//tbody/tr/td[11]")?.contains("api_key=REDACTED") == true)
    }

    @Test func doiLinksArePercentEncoded() {
        let record = Record(database: "x", nativeID: "1", doi: "10.1002/(SICI)1097<test>#1")
        let links = HTMLReport.links(for: record)
        #expect(links.first?.url == "https://doi.org/10.1002/(SICI)1097%3Ctest%3E%231")
    }
}
