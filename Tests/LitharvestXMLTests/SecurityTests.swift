import Foundation
import LitharvestXML
import Testing

@Suite struct SecurityTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz a="&lol9;">&lol9;</lolz>
        """

    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <r>&xxe;</r>
        """

    /// Well-formed parameter-entity XXE: the external entity is pulled into the DTD itself.
    static let parameterEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE r [
          <!ENTITY % remote SYSTEM "file:///etc/passwd">
          %remote;
        ]>
        <r>text</r>
        """

    /// The out-of-band exfiltration form; strictly not well-formed (PE reference inside a
    /// declaration of the internal subset), so it may fail as malformed, but must fail.
    static let parameterEntityWrapped = """
        <?xml version="1.0"?>
        <!DOCTYPE r [
          <!ENTITY % file SYSTEM "file:///etc/passwd">
          <!ENTITY % wrap "<!ENTITY leak '%file;'>">
          %wrap;
        ]>
        <r>&leak;</r>
        """

    static let entityInAttribute = """
        <!DOCTYPE r [<!ENTITY e "expanded">]>
        <r a="&e;"/>
        """

    /// Asserts the refusal kind and that nothing from /etc/passwd leaked into the error.
    private func expectRefused(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = caughtError { _ = try parse(xml) }
        #expect(error?.kind == .unsafeDocument, sourceLocation: sourceLocation)
        #expect(error?.description.contains("root:") == false, sourceLocation: sourceLocation)
    }

    @Test func billionLaughsIsRefusedQuickly() {
        let clock = ContinuousClock()
        let elapsed = clock.measure { expectRefused(Self.billionLaughs) }
        #expect(elapsed < .seconds(2))
    }

    @Test func externalEntityIsRefusedWithoutReadingTheFile() {
        expectRefused(Self.externalEntity)
        let error = caughtError { _ = try parse(Self.externalEntity) }
        #expect(error?.message.contains("xxe") == true)
    }

    @Test func parameterEntityXXEIsRefused() throws {
        expectRefused(Self.parameterEntity)
        expectRefused(Self.parameterEntityWrapped)
        let reader = try XMLStreamReader(data: Data(Self.parameterEntityWrapped.utf8))
        let error = caughtError { try reader.forEachElement(named: ["r"]) { _ in } }
        #expect(error != nil)
        #expect(error?.description.contains("root:") == false)
    }

    @Test func entityInAttributeValueIsRefused() {
        expectRefused(Self.entityInAttribute)
    }

    @Test func htmlNeverExpandsDeclaredEntities() throws {
        let doc = try XMLDocument.parseHTML(Data(Self.externalEntity.utf8))
        #expect(doc.root.map { $0.rawText.contains("root:") } != true)
    }

    @Test func deepNestingFailsCleanly() {
        let depth = 100_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = caughtError { _ = try parse(xml) }
        #expect(error?.kind == .unsafeDocument)
        #expect(error?.message.contains("depth") == true)
    }

    @Test func externalDTDIsNeverLoaded() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dtd = directory.appendingPathComponent("r.dtd")
        try Data("<!ATTLIST r injected CDATA \"yes\">\n<!ENTITY e \"from-dtd\">\n".utf8).write(to: dtd)

        // A default attribute would appear if the DTD were read.
        let doc = try parse("<!DOCTYPE r SYSTEM \"\(dtd.absoluteString)\"><r>plain</r>")
        #expect(doc.root?.attribute("injected") == nil)
        #expect(doc.root?.text == "plain")
        // Public identifier + URL, like PubMed's DOCTYPE: parses without any fetch.
        let pubmed = try parse("""
            <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
            <PubmedArticleSet><PubmedArticle/></PubmedArticleSet>
            """)
        #expect(try pubmed.select("//PubmedArticle").count == 1)
        // An entity only the external DTD declares is refused, not resolved.
        let error = caughtError { _ = try parse("<!DOCTYPE r SYSTEM \"\(dtd.absoluteString)\"><r>&e;</r>") }
        #expect(error != nil)
        #expect(error?.description.contains("from-dtd") == false)
    }

    @Test func streamReaderRefusesEntities() throws {
        for xml in [Self.billionLaughs, Self.externalEntity, Self.parameterEntity, Self.entityInAttribute] {
            var delivered = 0
            let reader = try XMLStreamReader(data: Data(xml.utf8))
            let error = caughtError {
                try reader.forEachElement(named: ["r", "lolz"]) { node in
                    delivered += 1
                    #expect(!node.rawText.contains("root:"))
                }
            }
            #expect(error?.kind == .unsafeDocument)
            #expect(error?.description.contains("root:") == false)
            #expect(delivered == 0)
        }
    }
    /// A start tag of 100,000 attributes: libxml2 2.9 compares each with all before it.
    static let crowdedElement = "<records><record " + (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ") + "/></records>"

    @Test func elementWithTooManyAttributesIsRefusedQuickly() throws {
        let started = Date()
        let error = caughtError { _ = try parse("<?xml version=\"1.0\"?>\n" + Self.crowdedElement, source: "crowded.xml") }
        #expect(error?.kind == .unsafeDocument)
        #expect(error?.message.contains("more than 10000 attributes") == true)
        #expect(error?.line == 2)
        #expect(caughtError { _ = try XMLDocument.parseHTML(Data(Self.crowdedElement.utf8)) }?.kind == .unsafeDocument)

        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("crowded.xml")
        try Data(Self.crowdedElement.utf8).write(to: file)
        #expect(caughtError { _ = try XMLStreamReader(fileAtPath: file.path) }?.kind == .unsafeDocument)
        #expect(caughtError { _ = try XMLStreamReader(data: Data(Self.crowdedElement.utf8)) }?.kind == .unsafeDocument)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func manyAttributesInsideQuotesOrTextAreNotCounted() throws {
        let text = String(repeating: "a=b ", count: 20_000)
        let doc = try parse("<r title=\"\(text)\">\(text)</r>")
        #expect(doc.root?.attribute("title")?.count == text.count)
    }

    @Test func deepNestingInTheStreamReaderFailsCleanly() {
        let depth = 100_000
        let xml = "<records><record>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</record></records>"
        let started = Date()
        let error = caughtError {
            let reader = try XMLStreamReader(data: Data(xml.utf8))
            try reader.forEachElement(named: ["record"]) { _ in }
        }
        #expect(error != nil)
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
