import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// KISS is import-only; the shared web helpers are tested here too.
@Suite("KISS and the web connectors' registry entries")
struct KISSTests {
    @Test func kissIsImportOnlyAndSearchingSaysHowToImport() throws {
        let factory = try #require(ConnectorRegistry.builtIn["kiss"])
        #expect(factory.descriptor.access == .import)
        #expect(factory.fileParser != nil)
        let connector = try factory.make()
        let context = searchContext(endpoint: "http://127.0.0.1:9/")
        let error = try #require(throws: ConnectorError.self) {
            _ = try connector.search(Query(text: "stroke"), context: context)
        }
        #expect(error.kind == .unavailable)
        #expect(error.message.contains("litharvest import --database kiss"))
    }

    @Test func kissFileParserReadsRISExports() throws {
        // No KISS export has been captured; a RIS export of another database stands in for the format.
        let factory = try #require(ConnectorRegistry.builtIn["kiss"])
        var records: [Record] = []
        let report = try factory.fileParser?.parseFile(
            atPath: try fixturePath("cochrane", "central_export_ris_endnote.ris")) { records.append($0) }
        #expect(report?.recordsRead == 3)
        #expect(records.allSatisfy { $0.database == "kiss" })
        #expect(records.first?.authors.first?.family == "Bywater")
        let error = try #require(throws: ConnectorError.self) {
            _ = try factory.fileParser?.parseFile(atPath: try fixturePath("cochrane", "search-central.html")) { _ in }
        }
        #expect(error.location?.hasSuffix("search-central.html") == true)
    }

    @Test func webConnectorsAreRegisteredWithAPoliteDefaultRate() throws {
        let registry = ConnectorRegistry.builtIn
        for id in ["koreamed", "kmbase", "cochrane"] {
            let factory = try #require(registry[id])
            #expect(factory.descriptor.access == .web)
            #expect(factory.descriptor.defaultRequestsPerSecond == 1.0)
            #expect(factory.fileParser != nil)
        }
        #expect(registry.ids.starts(with: ["pubmed", "pmc", "cochrane", "koreamed", "kmbase"]))
        #expect(registry["kiss"]?.descriptor.access == .import)
    }

    @Test func citationLinesAreSplit() {
        #expect(WebText.citation("Korean J Med. 2024 Mar;99(2):101-110.") == WebText.Citation(
            journal: "Korean J Med", year: 2024, volume: "99", issue: "2", pages: "101-110"))
        #expect(WebText.citation("J Korean Med Sci. 2011;26(8):e1002. doi: 10.3346/jkms.2011.26.8.e1002") == WebText.Citation(
            journal: "J Korean Med Sci", year: 2011, volume: "26", issue: "8", pages: "e1002"))
        #expect(WebText.citation("대한내과학회지. 2010;78(1)") == WebText.Citation(
            journal: "대한내과학회지", year: 2010, volume: "78", issue: "1", pages: nil))
    }

    @Test func parametersAndNumbersAreRead() {
        #expect(WebText.parameter("rid", in: "/SearchBasic.php?RID=2434954&x=1") == "2434954")
        #expect(WebText.number(in: " 17,202 Trials") == 17_202)
    }
}
