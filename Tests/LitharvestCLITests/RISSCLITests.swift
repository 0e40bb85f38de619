import Foundation
import LitharvestTesting
import Testing

/// `litharvest search` and `parse` with the RISS connector, end to end through the built binary.
@Suite("RISS from the command line")
struct RISSCLITests {
    /// A two-record result page with the structure of the real captures (Fixtures/riss/SOURCES.md).
    static let page = """
        <html lang="ko"><head><meta charset="UTF-8"></head><body>
        <div class="searchBox pd"><dl><dt>검색키워드</dt><dd>와파린 <span>(검색결과 <span class="num">2</span> 건)</span></dd></dl></div>
        <div class="srchResultW"><div class="srchResultListW"><ul>
        <li><div class="cont"><p class="title"><a href="/search/detail/DetailView.do?p_mat_type=1a0202e37d52c72d&amp;control_no=aaa111">와파린 복용 환자 = Patients on warfarin</a></p>
        <p class="etc"><span class="writer"><a href="#">서비취</a>,<a href="#">문정연</a></span><span class="assigned"><a href="#">한국병원약사회</a></span><span>2016</span>
        <span><a href="/search/detail/DetailView.do?p_mat_type=3a11008f85f7c51d&amp;control_no=j">병원약사회지</a></span>
        <span><a href="/search/detail/DetailView.do?p_mat_type=3a11008f85f7c51d&amp;control_no=j&amp;v_control_no=v">Vol.33 No.4</a></span></p></div></li>
        <li><div class="cont"><p class="title"><a href="/search/detail/DetailView.do?p_mat_type=1a0202e37d52c72d&amp;control_no=bbb222">비타민 K 섭취</a></p>
        <p class="etc"><span class="writer"><a href="#">김균희</a></span><span>2010</span></p></div></li>
        </ul></div></div></body></html>
        """

    @Test func searchAgainstALoopbackStandIn() throws {
        let server = try LoopbackServer { _ in .respond(.html(RISSCLITests.page)) }
        defer { server.stop() }
        let result = try litharvest([
            "search", "--database", "riss", "--query", "와파린", "--format", "csljson",
            "--endpoint", server.url("/search/Search.do"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["title"] as? String == "와파린 복용 환자")
        #expect(result.stderr.contains("RISS: 2 reported, 2 retrieved"))
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.parameter("query") == "와파린")
        #expect(request.parameter("colName") == "re_a_kor")
    }

    @Test func parseAnExcelExport() throws {
        let file = fixtureFile("riss/riss_excel_export_20250812152237.xls")
        let result = try litharvest(["parse", "--database", "riss", "--format", "csljson", file])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 100)
        #expect(items.first?["title"] as? String == "디지털･신기술 분야 교육훈련 사업 간(KDC, KDT, STEP) 연계 현황 분석: 인공지능 분야를 중심으로")
        #expect(items.last?["page"] as? String == "31-53")
        #expect(result.stderr.contains("100 records"))
    }
}
