import Foundation
import LitharvestXML
import Testing

@Suite struct XMLDocumentTests {
    @Test func parsesPubMedEfetchWithExternalDTDReference() throws {
        let doc = try XMLDocument.parse(fixture("efetch_pubmed_two_articles_charref.xml"), source: "efetch.xml")
        #expect(doc.root?.name == "PubmedArticleSet")
        let articles = try doc.select("/PubmedArticleSet/PubmedArticle")
        #expect(articles.count == 2)
        #expect(try articles.map { try $0.text("MedlineCitation/PMID") } == ["11748933", "11700088"])
        // Character reference and a predefined entity decode.
        let affiliation = try doc.text("//Author[LastName='Taddei']//Affiliation")
        #expect(affiliation?.contains("Università degli Studi") == true)
        #expect(try doc.text("//PubmedArticle[1]//AbstractText")?.contains("(P < 0.001)") == true)
        #expect(try doc.first("//PMID")?.attribute("Version") == "1")
        #expect(try doc.text("//PubmedArticle[1]//ArticleId[@IdType='doi']") == "10.1006/cryo.2001.2328")
    }

    @Test func mathMLInAbstractUsesRegisteredPrefix() throws {
        let doc = try XMLDocument.parse(fixture("efetch_pubmed_collective_mathml.xml"))
        let mml = ["mml": "http://www.w3.org/1998/Math/MathML"]
        let maths = try doc.select("//AbstractText/mml:math", namespaces: mml)
        #expect(maths.count >= 2)
        let math = try #require(maths.first)
        #expect(math.name == "mml:math")
        #expect(math.localName == "math")
        #expect(math.namespaceURI == "http://www.w3.org/1998/Math/MathML")
        #expect(math.text == "He 3 / Xe 129 MRI")
        #expect(math.line == 32)
        let abstract = try #require(try doc.text("//Abstract/AbstractText"))
        #expect(abstract.contains("(1) inhaled He 3 / Xe 129 MRI ventilation and apparent diffusion"))
        #expect(try doc.text("//CollectiveName") == "Canadian Respiratory Research Network")
        // Without the prefix registered, the expression is an XPath error.
        #expect(caughtError { _ = try doc.select("//mml:math") }?.kind == .xpath)
    }

    @Test func jatsFullArticle() throws {
        let doc = try XMLDocument.parse(fixture("efetch_pmc_full_article.xml"))
        let meta = try #require(try doc.first("//article/front/article-meta"))
        #expect(try meta.text("article-id[@pub-id-type='pmc']") == "3299399")
        #expect(try meta.text("article-id[@pub-id-type='doi']") == "10.3389/fpsyt.2012.00018")
        #expect(try meta.text(".//article-title") == "The Effects of Psychosis Risk Variants on Brain Connectivity: A Review")
        let abstract = try #require(try meta.text("abstract"))
        #expect(abstract.contains("(i.e., Cohen\u{2019}s d)"))
        #expect(try doc.text("count(//ref-list/ref)") == "76")
        #expect(try doc.root?.first("article")?.attribute("article-type") == "review-article")
        #expect(try doc.root?.first("article")?.attributes["xmlns:mml"] == nil)
    }

    @Test func inlineMarkupKeepsDocumentOrder() throws {
        let doc = try parse("""
            <ArticleTitle>Effect of <i>E. coli</i> on CO<sub>2</sub>
              and <b>x</b><sup>2</sup>, <![CDATA[a < b]]>.</ArticleTitle>
            """)
        let root = try #require(doc.root)
        #expect(root.text == "Effect of E. coli on CO2 and x2, a < b.")
        #expect(root.rawText == "Effect of E. coli on CO2\n  and x2, a < b.")
        #expect(try doc.text("/ArticleTitle") == root.text)
    }

    @Test func characterReferencesAndRawUTF8Decode() throws {
        let doc = try parse("<t>Universit&#xe0; \t 근육내 자극 &#xADFC;&#50977;\n</t>")
        #expect(doc.root?.text == "Università 근육내 자극 근육")
        #expect(doc.root?.rawText == "Università \t 근육내 자극 근육\n")
    }

    @Test func unicodeWhitespaceCollapses() throws {
        let doc = try parse("<t>\u{2003} a\u{3000}\u{A0}b&#x2028;c&#x85;\r\nd\u{202F}e é\u{1680}</t>")
        #expect(doc.root?.text == "a b c d e é")
        #expect(try doc.text("concat(' x', '\u{2009}\u{2009}y ')") == "x y")
    }

    @Test func oaiDefaultNamespaceNeedsAPrefix() throws {
        let doc = try parse("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <ListRecords>
                <record><header><identifier>oai:a:1</identifier></header>
                  <metadata><oai_dc:dc><dc:title>First</dc:title></oai_dc:dc></metadata></record>
                <record><header status="deleted"><identifier>oai:a:2</identifier></header></record>
                <resumptionToken cursor="0">tok123</resumptionToken>
              </ListRecords>
            </OAI-PMH>
            """)
        let ns = ["oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"]
        #expect(try doc.select("//ListRecords").isEmpty)
        let records = try doc.select("/oai:OAI-PMH/oai:ListRecords/oai:record", namespaces: ns)
        #expect(records.count == 2)
        #expect(try records[0].text(".//dc:title", namespaces: ns) == "First")
        #expect(try records[1].first("oai:header", namespaces: ns)?.attribute("status") == "deleted")
        #expect(try doc.text("//oai:resumptionToken", namespaces: ns) == "tok123")
        #expect(try doc.text("//oai:resumptionToken/@cursor", namespaces: ns) == "0")
        #expect(records[0].namespaceURI == "http://www.openarchives.org/OAI/2.0/")
        #expect(records[0].name == "record")
    }

    @Test func nodeNavigation() throws {
        let doc = try parse("""
            <r xmlns:xlink="http://www.w3.org/1999/xlink">
              <a id="1" xlink:href="http://x/1">one</a>
              <!-- comment -->
              <b/>
              <a id="2">two</a>
            </r>
            """)
        let root = try #require(doc.root)
        #expect(root.children.map(\.name) == ["a", "b", "a"])
        #expect(root.children("a").map(\.text) == ["one", "two"])
        #expect(root.child("b")?.line == 4)
        #expect(root.child("missing") == nil)
        let first = try #require(root.child("a"))
        #expect(first.attribute("xlink:href") == "http://x/1")
        #expect(first.attribute("href") == "http://x/1")
        #expect(first.attribute("nope") == nil)
        #expect(first.attributes == ["id": "1", "xlink:href": "http://x/1"])
        let attribute = try #require(try root.first("a/@id"))
        #expect(attribute.text == "1")
        #expect(attribute.line == 2)
    }

    @Test func xpathScalarResultsAndErrors() throws {
        let doc = try parse("<r><x>1</x><x> 2 </x><y/></r>")
        #expect(try doc.text("count(//x)") == "2")
        #expect(try doc.text("sum(//x) div 4") == "0.75")
        #expect(try doc.text("string(//x[2])") == "2")
        #expect(try doc.text("boolean(//y)") == "true")
        #expect(try doc.text("string(//missing)") == nil)
        #expect(try doc.text("//y") == nil)
        #expect(try doc.text("//missing") == nil)
        #expect(caughtError { _ = try doc.select("count(//x)") }?.kind == .xpath)
        let invalid = caughtError { _ = try doc.select("//x[") }
        #expect(invalid?.kind == .xpath)
        #expect(invalid?.description.contains("//x[") == true)
        #expect(caughtError { _ = try doc.select("//p:x") }?.kind == .xpath)
        // Relative to a node.
        let second = try #require(try doc.select("//x").last)
        #expect(try second.text("string(.)") == "2")
        #expect(try second.first("following-sibling::*")?.name == "y")
    }

    @Test func malformedXMLReportsLineAndSource() throws {
        let xml = "<?xml version=\"1.0\"?>\n<a>\n  <b>\n    text\n  </c>\n</a>\n"
        let error = try #require(caughtError { _ = try parse(xml, source: "efetch.xml") })
        #expect(error.kind == .malformed)
        #expect(error.line == 5)
        #expect(error.source == "efetch.xml")
        #expect(error.message.contains("Opening and ending tag mismatch"))
        #expect(error.description.hasPrefix("efetch.xml:5:"))
        #expect(error.description.contains("malformed XML: Opening and ending tag mismatch"))
        #expect(caughtError { _ = try XMLDocument.parse(Data()) }?.kind == .malformed)
        #expect(caughtError { _ = try parse("<a>unterminated") }?.kind == .malformed)
        #expect(caughtError { _ = try parse("<a></a><b/>") }?.kind == .malformed)
    }

    @Test func parsesConcurrentlyWithPerThreadErrors() async throws {
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let padding = String(repeating: "\n", count: index)
                    var outcomes = Set<String>()
                    for _ in 0..<50 {
                        if index.isMultiple(of: 2) {
                            let doc = try? XMLDocument.parse(Data("<r>\(padding)<v>\(index)</v></r>".utf8))
                            outcomes.insert((try? doc?.text("//v")) ?? "nil")
                            continue
                        }
                        do throws(XMLError) {
                            _ = try XMLDocument.parse(Data("<r>\(padding)<v></w></r>".utf8))
                            outcomes.insert("parsed")
                        } catch {
                            outcomes.insert("line \(error.line ?? -1)")
                        }
                    }
                    return outcomes.sorted().joined(separator: "|")
                }
            }
            var results: [String] = []
            for await result in group { results.append(result) }
            return results
        }
        var expected: [String] = []
        for index in 0..<16 {
            expected.append(index.isMultiple(of: 2) ? "\(index)" : "line \(index + 1)")
        }
        #expect(results.sorted() == expected.sorted())
    }
}
