import Foundation
import LitharvestXML
import Testing

@Suite struct HTMLTests {
    static let brokenPage = """
        <!DOCTYPE html>
        <HTML><head><title>Search &amp; results</title>
        <body>
          <DIV class="result"><a href="/view?id=1">First <b>paper</B></a><p>Kim&nbsp;J, Lee H
          <div class=result><a href='/view?id=2'>Second paper</a>
          <table><tr><td>cell<td>cell 2</table>
          <p>unclosed <i>italic
        </body>
        """

    @Test func brokenMarkupIsRepairedAndQueryable() throws {
        let doc = try XMLDocument.parseHTML(Data(Self.brokenPage.utf8), source: "search.html")
        #expect(doc.root?.name == "html")
        #expect(try doc.text("/html/head/title") == "Search & results")
        let results = try doc.select("//div[@class='result']")
        #expect(results.count == 2)
        #expect(try results.map { try $0.text("a") } == ["First paper", "Second paper"])
        #expect(try results.map { try $0.first("a")?.attribute("href") } == ["/view?id=1", "/view?id=2"])
        // `text` collapses NBSP like any Unicode whitespace; `rawText` keeps it.
        #expect(try doc.text("(//p)[1]") == "Kim J, Lee H")
        #expect(try doc.first("(//p)[1]")?.rawText.hasPrefix("Kim\u{A0}J") == true)
        #expect(try doc.select("//td").count == 2)
    }

    @Test func koreanUTF8() throws {
        let html = "<html><head><meta charset=\"utf-8\"></head><body><h1>근육내 자극</h1></body></html>"
        let doc = try XMLDocument.parseHTML(Data(html.utf8))
        #expect(try doc.text("//h1") == "근육내 자극")
    }

    /// "근육내 자극" in EUC-KR.
    static let eucKRTitle: [UInt8] = [0xB1, 0xD9, 0xC0, 0xB0, 0xB3, 0xBB, 0x20, 0xC0, 0xDA, 0xB1, 0xD8]

    @Test func koreanEUCKRWithExplicitEncoding() throws {
        let data = Data("<html><body><h1>".utf8 + Self.eucKRTitle + "</h1></body></html>".utf8)
        let doc = try XMLDocument.parseHTML(data, encoding: "EUC-KR")
        #expect(try doc.text("//h1") == "근육내 자극")
    }

    @Test func koreanEUCKRFromMetaCharset() throws {
        let head = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body><h1>"
        let data = Data(head.utf8 + Self.eucKRTitle + "</h1></body></html>".utf8)
        let doc = try XMLDocument.parseHTML(data)
        #expect(try doc.text("//h1") == "근육내 자극")
    }

    @Test func emptyHTMLThrows() {
        #expect(caughtError { _ = try XMLDocument.parseHTML(Data()) }?.kind == .malformed)
    }
}
