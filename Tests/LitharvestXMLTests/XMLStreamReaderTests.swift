import Foundation
import LitharvestXML
import Testing

@Suite struct XMLStreamReaderTests {
    /// `<set><item n="0"><v>0</v></item>...</set>` with `count` items.
    static func generatedDocument(count: Int) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<set>\n"
        xml.reserveCapacity(count * 40)
        for index in 0..<count {
            xml += "  <item n=\"\(index)\"><v>\(index)</v><i>x</i></item>\n"
        }
        xml += "</set>\n"
        return Data(xml.utf8)
    }

    @Test func streamsFiftyThousandElements() throws {
        let count = 50_000
        let reader = try XMLStreamReader(data: Self.generatedDocument(count: count), source: "generated.xml")
        #expect(reader.rootElementName == nil)
        var seen = 0
        var sum = 0
        try reader.forEachElement(named: ["item"]) { item in
            #expect(item.attribute("n") == String(seen))
            sum += Int(item.child("v")?.text ?? "") ?? 0
            seen += 1
        }
        #expect(seen == count)
        #expect(sum == count * (count - 1) / 2)
        #expect(reader.rootElementName == "set")
    }

    @Test func matchesAtAnyDepthButNotInsideAMatch() throws {
        let xml = """
            <root><group><rec id="1"><rec id="nested"/></rec></group>
            <rec id="2"/><other><deeper><rec id="3">t<b>x</b></rec></deeper></other></root>
            """
        let reader = try XMLStreamReader(data: Data(xml.utf8))
        var ids: [String] = []
        var texts: [String] = []
        try reader.forEachElement(named: ["rec"]) { node in
            ids.append(node.attribute("id") ?? "?")
            texts.append(node.text)
            #expect(node.line >= 1)
        }
        #expect(ids == ["1", "2", "3"])
        #expect(texts == ["", "", "tx"])
        // The document is consumed; a second pass delivers nothing.
        var again = 0
        try reader.forEachElement(named: ["rec"]) { _ in again += 1 }
        #expect(again == 0)
    }

    @Test func streamsPubMedWithXPathInsideTheCallback() throws {
        let reader = try XMLStreamReader(data: fixture("efetch_pubmed_collective_mathml.xml"))
        var titles: [String] = []
        var mathCount = 0
        try reader.forEachElement(named: ["PubmedArticle", "PubmedBookArticle"]) { article in
            titles.append(try article.text(".//ArticleTitle") ?? "")
            mathCount += try article.select(".//mml:math", namespaces: ["mml": "http://www.w3.org/1998/Math/MathML"]).count
        }
        #expect(reader.rootElementName == "PubmedArticleSet")
        #expect(titles == ["Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease."])
        #expect(mathCount >= 2)
    }

    @Test func streamsGzipFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("records.xml")
        try Self.generatedDocument(count: 2_000).write(to: file)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9", file.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        let gzipped = directory.appendingPathComponent("records.xml.gz")
        let bytes = try Data(contentsOf: gzipped)
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))

        let reader = try XMLStreamReader(fileAtPath: gzipped.path)
        var count = 0
        try reader.forEachElement(named: ["item"]) { _ in count += 1 }
        #expect(count == 2_000)
        #expect(reader.rootElementName == "set")
    }

    @Test func missingFileIsAnIOError() {
        let error = caughtError { _ = try XMLStreamReader(fileAtPath: "/nonexistent/litharvest.xml") }
        #expect(error?.kind == .io)
        #expect(error?.source == "/nonexistent/litharvest.xml")
    }

    @Test func malformedInputThrowsWithLine() throws {
        let xml = "<set>\n<item>1</item>\n<item>2</item>\n<item>3</oops>\n<item>4</item>\n</set>\n"
        let reader = try XMLStreamReader(data: Data(xml.utf8), source: "bad.xml")
        var delivered: [String] = []
        let error = try #require(caughtError {
            try reader.forEachElement(named: ["item"]) { delivered.append($0.text) }
        })
        #expect(error.kind == .malformed)
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("bad.xml:4"))
        #expect(!delivered.contains("4"))
    }

    @Test func truncatedInputThrows() throws {
        let reader = try XMLStreamReader(data: Data("<set><item>1</item><item>2".utf8))
        #expect(caughtError { try reader.forEachElement(named: ["item"]) { _ in } }?.kind == .malformed)
    }

    struct Stop: Error {}

    @Test func errorsFromTheCallbackPropagate() throws {
        let reader = try XMLStreamReader(data: Self.generatedDocument(count: 10))
        var calls = 0
        #expect(throws: Stop.self) {
            try reader.forEachElement(named: ["item"]) { _ in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }
}
