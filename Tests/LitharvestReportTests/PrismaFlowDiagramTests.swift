import Foundation
import LitharvestModel
import LitharvestXML
import LitharvestReport
import Testing

@Suite("PRISMA flow diagram (SVG)")
struct PrismaFlowDiagramTests {
    static let svgNamespace = ["s": "http://www.w3.org/2000/svg"]

    static func parse(_ flow: PrismaFlow) throws -> XMLDocument {
        try XMLDocument.parse(Data(PrismaFlowDiagram(flow: flow).svgDocument.utf8), source: "diagram.svg")
    }

    /// The text lines of the box with `id`, in order.
    static func lines(_ document: XMLDocument, _ id: String) throws -> [String] {
        try document.select("//s:g[@id='\(id)']/s:text", namespaces: svgNamespace).map(\.text)
    }

    /// The box's lines joined by spaces (wrapping depends on the box width).
    static func text(_ document: XMLDocument, _ id: String) throws -> String {
        try lines(document, id).joined(separator: " ")
    }

    static func firstRun() throws -> PrismaFlow {
        try PrismaFlow(
            review: "IMS", run: 1, searchedAt: "2026-11-26T03:00:00Z", reports: PrismaFlowTests.reports, newRecords: 52,
            previous: nil, labels: PrismaFlowTests.labels)
    }

    @Test func newReviewBoxesCarryTheRunsNumbers() throws {
        let document = try Self.parse(try Self.firstRun())
        #expect(document.root?.localName == "svg")
        let identified = try Self.lines(document, "box-identified")
        #expect(identified.contains("Databases (n = 52)"))
        #expect(identified.contains("• MEDLINE/PubMed: 40"))
        #expect(identified.contains("Registers (n = 0)"))
        #expect(identified.contains("Total identified (n = 52)"))
        let removed = try Self.lines(document, "box-removed").joined(separator: " ")
        #expect(removed.contains("Duplicate records removed (n = not determined"))
        #expect(!removed.contains("Records retrieved again"))
        #expect(try Self.lines(document, "box-screened").first == "Records screened (n = 52)")
        // The later stages are for the team: dashed, with blanks, and the note says so.
        for id in ["box-excluded", "box-sought", "box-not-retrieved", "box-assessed", "box-reports-excluded", "box-included"] {
            let box = try #require(try document.first("//s:g[@id='\(id)']", namespaces: Self.svgNamespace))
            #expect(box.attribute("class") == "team", "\(id)")
            #expect(try Self.lines(document, id).joined().contains("(n = ___)"), "\(id)")
        }
        #expect(try Self.text(document, "box-included").hasPrefix("Studies included in review (n = ___)"))
        #expect(try document.first("//s:g[@id='box-previous']", namespaces: Self.svgNamespace) == nil)
        #expect(try document.first("//s:g[@id='box-total']", namespaces: Self.svgNamespace) == nil)
        let note = try Self.lines(document, "note").joined(separator: " ")
        #expect(note.contains("for the review team to complete"))
        #expect(try document.select("//s:script", namespaces: Self.svgNamespace).isEmpty)
    }

    @Test func updateAddsThePreviousVersionColumn() throws {
        let flow = try PrismaFlow(
            review: "IMS", run: 3, searchedAt: "t", reports: [PrismaFlowTests.report("pubmed", retrieved: 43)],
            newRecords: 3, previous: PrismaFlow.PreviousVersion(runs: [1, 2], records: 40), labels: PrismaFlowTests.labels)
        let document = try Self.parse(flow)
        let previous = try Self.lines(document, "box-previous").joined(separator: " ")
        #expect(previous.contains("Studies included in previous version of review (n = ___)"))
        #expect(previous.contains("(runs 1, 2) (n = 40)"))
        let removed = try Self.lines(document, "box-removed").joined(separator: " ")
        #expect(removed.contains("(n = 40)"))
        #expect(try Self.lines(document, "box-screened").first == "Records screened (n = 3)")
        #expect(try Self.text(document, "box-total").hasPrefix("Total studies included in review (n = ___)"))
        #expect(try Self.text(document, "box-included").hasPrefix("New studies included in review (n = ___)"))
        #expect(try document.first("//s:path[@id='arrow-previous']", namespaces: Self.svgNamespace) != nil)
        let headers = try document.select("//s:g[@class='header']/s:text", namespaces: Self.svgNamespace).map(\.text)
        #expect(headers == ["Previous studies", "Identification of new studies via databases and registers"])
    }

    @Test func dedupNumbersShowInTheRemovedBox() throws {
        let flow = try PrismaFlow(
            review: "IMS", run: 2, searchedAt: "t", reports: PrismaFlowTests.reports,
            dedup: PrismaFlowTests.dedup(new: 5, previous: 40), previousRuns: [1], labels: PrismaFlowTests.labels)
        let removed = try Self.text(try Self.parse(flow), "box-removed")
        #expect(removed.contains("Duplicate records removed (n = 7)"))
        #expect(removed.contains("Records already in the previous version (n = 40)"))
    }

    @Test func markupAndKoreanTextAreEscapedAndKept() throws {
        let flow = try PrismaFlow(
            review: "근육내 자극 <IMS> & \"dry needling\"", run: 1, searchedAt: "t", reports: PrismaFlowTests.reports,
            newRecords: 52, previous: nil, labels: PrismaFlowTests.labels)
        let svg = PrismaFlowDiagram(flow: flow).svgDocument
        #expect(svg.contains("근육내 자극 &lt;IMS&gt; &amp; &quot;dry needling&quot;"))
        let document = try XMLDocument.parse(Data(svg.utf8))
        #expect(
            try document.text("//s:title", namespaces: Self.svgNamespace)
                == "PRISMA 2020 flow diagram: 근육내 자극 <IMS> & \"dry needling\", run 1")
        #expect(try Self.lines(document, "box-identified").contains("• KMbase <한국의학> & \"Co\": 12"))
    }

    @Test func longKoreanNamesWrapInsideTheirBox() throws {
        let long = String(repeating: "한국학술지인용색인", count: 8)
        let labels: DatabaseLabels = { _ in DatabaseLabel(name: long) }
        let flow = try PrismaFlow(
            review: "IMS", run: 1, searchedAt: "t", reports: [PrismaFlowTests.report("kci", retrieved: 2)], newRecords: 2,
            previous: nil, labels: labels)
        let document = try Self.parse(flow)
        let lines = try Self.lines(document, "box-identified")
        // 72 wide syllables cannot fit a 310-pixel box at 12 px; every wrapped line must be narrower than the box.
        #expect(lines.joined().contains(long))
        #expect(lines.count > 6)
        let box = try #require(try document.first("//s:g[@id='box-identified']/s:rect", namespaces: Self.svgNamespace))
        let width = try #require(Double(box.attribute("width") ?? ""))
        for line in lines {
            let wide = line.unicodeScalars.filter { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }.count
            let narrow = line.unicodeScalars.count - wide
            #expect(Double(wide) * 12 + Double(narrow) * 7.2 <= width - 16 + 0.001, "\(line)")
        }
    }
}
