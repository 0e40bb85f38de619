import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

// Fixtures/crossref holds real recorded Crossref answers (origins in its SOURCES.md). The paging and fault
// tests serve pages cut from the recorded works through a loopback stand-in of `/works`.

@Suite("Crossref connector")
struct CrossrefConnectorTests {
    static func page(_ name: String) throws -> CrossrefResponseParser.Page {
        try CrossrefResponseParser().parse(fixture("crossref", name), source: name)
    }

    @Test("works?query=ecology&rows=2: total, DOIs, titles, types, dates, authors, abstracts as text")
    func parsesRecordedWorkList() throws {
        let page = try Self.page("works_query_ecology_rows2.json")
        #expect(page.total == 525_905)
        #expect(page.itemCount == 2)
        #expect(page.diagnostics.isEmpty)
        let records = page.records
        #expect(records.map(\.nativeID) == ["10.1093/obo/9780199830060-0238", "10.1093/obo/9780199830060-0023"])
        #expect(records.map(\.doi) == ["10.1093/obo/9780199830060-0238", "10.1093/obo/9780199830060-0023"])
        #expect(records.map(\.database) == ["crossref", "crossref"])
        #expect(records.map(\.title) == ["Communicating Ecology", "Chemical Ecology"])
        // original-title repeats the title: no other title.
        #expect(records.map(\.otherTitle) == [nil, nil])
        #expect(records.map(\.publicationTypes) == [["Reference Entry"], ["Reference Entry"]])
        #expect(records.map(\.journal) == ["Ecology", "Ecology"])
        #expect(records.map(\.publisher) == ["Oxford University Press", "Oxford University Press"])
        #expect(records.map(\.date) == [PublicationDate(year: 2022, month: 7, day: 26), PublicationDate(year: 2012, month: 5, day: 23)])
        #expect(records.map(\.languages) == [["en"], ["en"]])
        #expect(records[0].authors.isEmpty)
        #expect(records[1].authors == [Author(family: "Kessler", given: "André")])
        #expect(records[0].identifiers == [RecordIdentifier(scheme: "isbn", value: "9780199830060")])
        #expect(records[0].url == "https://oxfordbibliographies.com/view/document/obo-9780199830060/obo-9780199830060-0238.xml")
        let first = try #require(records[0].abstract)
        #expect(first.hasPrefix("Communication is perhaps the most important, but least formally discussed, aspect"))
        #expect(first.hasSuffix("to assist improvement of ecological communication."))
        #expect(first.contains("that people can see/use (output)"))
        #expect(first.contains("creation of a product\u{2014}usually research project"))
        #expect(!first.contains("<") && !first.contains("\n"))
        let second = try #require(records[1].abstract)
        #expect(second.hasPrefix("\u{201C}Ours is a world of sights and sounds."))
        #expect(second.contains("today\u{2019}s debates"))
    }

    @Test("works?query=ecology&select=DOI,title: 20 works of the same search, titles unfolded")
    func parsesRecordedSelectPage() throws {
        let page = try Self.page("works_query_ecology_select.json")
        #expect(page.total == 525_905)
        #expect(page.records.count == 20)
        #expect(page.records.prefix(2).map(\.nativeID) == ["10.1093/obo/9780199830060-0238", "10.1093/obo/9780199830060-0023"])
        #expect(page.records.last?.nativeID == "10.1093/hesc/9780197614044.003.0036")
        #expect(page.records.map(\.title).prefix(4) == ["Communicating Ecology", "Chemical Ecology", "Ecosystem Ecology", "Fire Ecology"])
        #expect(page.records[16].title == "Ecology of the Himalaya")
        #expect(page.records.allSatisfy { $0.abstract == nil && $0.authors.isEmpty && $0.publicationTypes.isEmpty })
        #expect(page.records.allSatisfy { $0.url == "https://doi.org/" + $0.nativeID })
    }

    @Test("works?query=adfaaf: zero hits is a count of zero, not an error")
    func parsesRecordedNoHits() throws {
        let page = try Self.page("works_no_hits.json")
        #expect(page.total == 0)
        #expect(page.itemCount == 0)
        #expect(page.records.isEmpty)
    }

    @Test("works/10.1021/acs.orglett.9b00971: a saved single work, every field")
    func parsesRecordedWork() throws {
        var records: [Record] = []
        let report = try CrossrefResponseParser().parseFile(atPath: fixturePath("crossref", "work_orglett.json")) {
            records.append($0)
        }
        #expect(report.recordsRead == 1)
        #expect(report.diagnostics.isEmpty)
        let record = try #require(records.first)
        #expect(record.nativeID == "10.1021/acs.orglett.9b00971")
        #expect(record.title == "A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides")
        #expect(record.authors.map(\.displayName) == [
            "Mansfield, Steven J.", "Smith, Russell C.", "Yong, Jonathan R. J.", "Garry, Olivia L.", "Anderson, Edward A.",
        ])
        #expect(record.authors.map(\.orcid) == [nil, nil, nil, nil, "0000-0002-4149-0494"])
        #expect(record.authors[1].affiliations == ["Janssen PRD, 3210 Merryfield Row, San Diego, California 92121, United States"])
        #expect(record.journal == "Organic Letters")
        #expect(record.journalAbbreviation == "Org. Lett.")
        #expect(record.issns == [ISSN("1523-7060", kind: .print), ISSN("1523-7052", kind: .electronic)])
        #expect(record.volume == "21")
        #expect(record.issue == "8")
        #expect(record.pages == "2918-2922")
        #expect(record.articleNumber == nil)
        #expect(record.date == PublicationDate(year: 2019, month: 4, day: 3))
        #expect(record.publicationTypes == ["Journal Article"])
        #expect(record.publisher == "American Chemical Society (ACS)")
        #expect(record.subjects.map(\.term) == ["Physical and Theoretical Chemistry", "Organic Chemistry", "Biochemistry"])
        #expect(record.languages == ["en"])
        #expect(record.abstract == nil)
        #expect(record.url == "https://doi.org/10.1021/acs.orglett.9b00971")
    }

    @Test("A recorded HTTP 500 exception (works?cursor=thing) is an error naming Crossref's message")
    func recordedExceptionIsAnError() throws {
        let error = #expect(throws: ConnectorError.self) { try Self.page("error_exception_cursor_500.json") }
        #expect(error?.kind == .databaseError)
        #expect(error?.message.contains("exception: Response Exception") == true)
    }

    /// Crossref's documented error envelopes. No recorded validation failure was found in public captures, so
    /// this one is written in the documented shape (`rows` out of range, as api.crossref.org answers it).
    static let validationFailure = #"""
        {"status":"failed","message-type":"validation-failure","message":[{"type":"integer-not-valid","value":"notanumber","message":"Integer specified as notanumber but must be a positive integer less than or equal to 1000. "}]}
        """#

    @Test("A validation failure, an error status with HTTP 200 and a foreign message type are errors, never zero hits")
    func errorEnvelopesAreErrors() throws {
        let failed = #expect(throws: ConnectorError.self) {
            try CrossrefResponseParser().parse(Data(Self.validationFailure.utf8), source: "400.json")
        }
        #expect(failed?.kind == .databaseError)
        #expect(failed?.message.contains("integer-not-valid: Integer specified as notanumber") == true)
        let status = #expect(throws: ConnectorError.self) {
            try CrossrefResponseParser().parse(Data(#"{"status":"error","message-type":"work-list","message":"busy"}"#.utf8), source: "x")
        }
        #expect(status?.kind == .databaseError)
        let foreign = #expect(throws: ConnectorError.self) {
            try CrossrefResponseParser().parse(Data(#"{"status":"ok","message-type":"journal-list","message":{}}"#.utf8), source: "x")
        }
        #expect(foreign?.kind == .unexpectedResponse)
        let uncounted = #expect(throws: ConnectorError.self) {
            try CrossrefResponseParser().parse(Data(#"{"status":"ok","message-type":"work-list","message":{"items":[]}}"#.utf8), source: "x")
        }
        #expect(uncounted?.kind == .unexpectedResponse)
    }

    @Test("JATS abstracts become text: heading dropped, escapes decoded, inline links kept as their text")
    func stripsJATS() throws {
        // The abstract of 10.1111/ele.13085 as Crossref sends it (habanero's test_works_field_queries cassette).
        let recorded =
            "<jats:title>Abstract</jats:title><jats:p>Noise, as the term itself suggests, is most often seen a nuisance "
            + "to ecological insight, a inconvenient reality that must be acknowledged, a haystack that must be stripped "
            + "away to reveal the processes of interest underneath. Yet despite this well\u{2010}earned reputation, noise is "
            + "often interesting in its own right: noise can induce novel phenomena that could not be understood from some "
            + "underlying deterministic model alone. Nor is all noise the same, and close examination of differences in "
            + "frequency, colour or magnitude can reveal insights that would otherwise be inaccessible. Yet with each "
            + "aspect of stochasticity leading to some new or unexpected behaviour, the time is right to move beyond the "
            + "familiar refrain of \u{201C}everything is important\u{201D} (Bj\u{00F8}rnstad &amp; Grenfell<jats:ext-link "
            + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"#ele13085-bib-0006\"/>). Stochastic phenomena "
            + "can suggest new ways of inferring process from pattern, and thus spark more dialog between theory and "
            + "empirical perspectives that best advances the field as a whole. I highlight a few compelling examples, "
            + "while observing that the study of stochastic phenomena are only beginning to make this translation into "
            + "empirical inference. There are rich opportunities at this interface in the years ahead.</jats:p>"
        let text = try #require(CrossrefMarkup.abstract(recorded))
        #expect(text.hasPrefix("Noise, as the term itself suggests"))
        #expect(text.contains("(Bj\u{00F8}rnstad & Grenfell). Stochastic phenomena"))
        #expect(text.hasSuffix("in the years ahead."))
        #expect(!text.contains("<") && !text.contains("Abstract"))
        let sections = "<jats:sec><jats:title>Background</jats:title><jats:p>One <jats:italic>in vitro</jats:italic> study.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>Two.</jats:p></jats:sec>"
        #expect(CrossrefMarkup.abstract(sections) == "Background: One in vitro study.\n\nResults: Two.")
        // HTML entities are not XML: read the tolerant way.
        #expect(CrossrefMarkup.abstract("<p>Dose&nbsp;1 &amp; 2</p>") == "Dose 1 & 2")
        #expect(CrossrefMarkup.inline("Sleep & memory") == "Sleep & memory")
        #expect(CrossrefMarkup.inline("<i>Helicobacter pylori</i> in children") == "Helicobacter pylori in children")
    }

    @Test("Types map to the names the exporters read")
    func mapsTypes() {
        #expect(CrossrefWork.typeName("journal-article") == "Journal Article")
        #expect(CrossrefWork.typeName("book-chapter") == "Book Chapter")
        #expect(CrossrefWork.typeName("proceedings-article") == "Conference Paper")
        #expect(CrossrefWork.typeName("posted-content") == "Preprint")
        #expect(CrossrefWork.typeName("dissertation") == "Thesis")
        #expect(CrossrefWork.typeName("peer-review") == "Peer Review")
        #expect(CrossrefWork.typeName("other") == nil)
    }

    static let htmlPages = [
        """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Service unavailable</title></head>
        <body><h1>Down for maintenance</h1><p>Please try again later.<br></p></body></html>
        """,
        "<html><body>Rate limited</body></html>",
    ]

    @Test("An HTML page is refused, never read as zero records", arguments: htmlPages)
    func rejectsHTML(_ html: String) {
        let error = #expect(throws: ConnectorError.self) {
            try CrossrefResponseParser().parse(Data(html.utf8), source: "page.html")
        }
        #expect(error?.kind == .unexpectedResponse)
    }

    @Test("Registered in the built-in list")
    func registered() {
        #expect(ConnectorRegistry.builtIn["crossref"]?.descriptor.name == "Crossref")
        #expect(CrossrefConnector.worksURL("https://api.crossref.org/") == "https://api.crossref.org/works")
        #expect(CrossrefConnector.worksURL("http://127.0.0.1:9/works/") == "http://127.0.0.1:9/works")
    }
}

// MARK: - Stand-in of /works

/// Serves the 20 recorded works of `works_query_ecology_select.json` as a cursor-paged `/works`, `rows` at
/// a time, with `faults` answered instead of the page of that number (1-based).
final class CrossrefStandIn: Sendable {
    let server: LoopbackServer
    let works: [Data]

    init(faults: [Int: ServerResponse] = [:], emptyFrom: Int? = nil) throws {
        let recorded = try JSONSerialization.jsonObject(with: fixture("crossref", "works_query_ecology_select.json"))
        let items = ((recorded as? [String: Any])?["message"] as? [String: Any])?["items"] as? [Any] ?? []
        let works = try items.map { try JSONSerialization.data(withJSONObject: $0) }
        self.works = works
        server = try LoopbackServer { request in
            let rows = Int(request.parameter("rows") ?? "") ?? 20
            let cursor = request.parameter("cursor") ?? "*"
            let start = cursor == "*" ? 0 : Int(cursor.dropFirst("after-".count)) ?? works.count
            let number = start / max(rows, 1) + 1
            if let fault = faults[number] { return .respond(fault) }
            let end = emptyFrom.map { number >= $0 } == true ? start : min(start + rows, works.count)
            let slice = works[start..<end].map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
            let body = #"{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"facets":{},"#
                + #""next-cursor":"after-\#(end)","total-results":\#(works.count),"items":[\#(slice)],"#
                + #""items-per-page":\#(rows)}}"#
            return .respond(.json(body))
        }
    }

    deinit { server.stop() }
}

@Suite("Crossref against a stand-in")
struct CrossrefStandInTests {
    func search(_ standIn: CrossrefStandIn, _ query: Query, pageSize: Int = 7) throws -> SearchResult {
        let context = searchContext(
            endpoint: standIn.server.url("/"), requestsPerSecond: 100, options: ["page_size": String(pageSize)], attempts: 1)
        return try CrossrefConnector().search(query, context: context)
    }

    @Test("Pages by cursor to the end: 20 of 20 in pages of 7, every request as Crossref takes it")
    func pagesToTheEnd() throws {
        let standIn = try CrossrefStandIn()
        let query = Query(text: "ecology", from: SimpleDate(parsing: "2024-01-01"), until: SimpleDate(parsing: "2024-06-30"))
        let result = try search(standIn, query)
        #expect(result.records.count == 20)
        #expect(result.reportedCount == 20)
        #expect(result.completeness == .complete)
        #expect(Set(result.records.map(\.nativeID)).count == 20)
        #expect(result.records.first?.title == "Communicating Ecology")
        #expect(result.records.last?.nativeID == "10.1093/hesc/9780197614044.003.0036")
        #expect(result.querySent == "query.bibliographic=ecology&filter=from-index-date:2024-01-01,until-index-date:2024-06-30")
        let requests = standIn.server.requests
        #expect(requests.map(\.path) == ["/works", "/works", "/works"])
        #expect(requests.map { $0.parameter("cursor") } == ["*", "after-7", "after-14"])
        #expect(requests.allSatisfy { $0.parameter("rows") == "7" })
        #expect(requests.allSatisfy { $0.parameter("query.bibliographic") == "ecology" })
        #expect(requests.allSatisfy { $0.parameter("mailto") == "tests@example.org" })
        #expect(requests.first?.parameter("filter") == "from-index-date:2024-01-01,until-index-date:2024-06-30")
        #expect(result.diagnostics.map(\.message) == ["date limits filter on Crossref's index-date (date_field: index)"])
    }

    @Test("date_field and filter options become Crossref filters")
    func datesByPublication() throws {
        let standIn = try CrossrefStandIn()
        let context = searchContext(
            endpoint: standIn.server.url("/works"), requestsPerSecond: 100,
            options: ["date_field": "pub", "filter": "type:journal-article", "page_size": "20"], attempts: 1)
        let result = try CrossrefConnector().search(Query(text: "ecology", from: SimpleDate(parsing: "2020-01-01")), context: context)
        #expect(result.records.count == 20)
        #expect(standIn.server.requests.first?.parameter("filter") == "from-pub-date:2020-01-01,type:journal-article")
    }

    @Test("A limit stops early and asks for no more rows than it needs")
    func stopsAtTheLimit() throws {
        let standIn = try CrossrefStandIn()
        let result = try search(standIn, Query(text: "ecology", limit: 5))
        #expect(result.records.count == 5)
        #expect(result.reportedCount == 20)
        #expect(result.completeness == .complete)
        #expect(standIn.server.requests.map { $0.parameter("rows") } == ["5"])
    }

    @Test("A later page failing ends the search partial with the numbers, keeping what was read")
    func laterFailureIsPartial() throws {
        let standIn = try CrossrefStandIn(faults: [2: .text("internal error", status: 500)])
        let result = try search(standIn, Query(text: "ecology"))
        #expect(result.records.count == 7)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("page 2 failed after 7 records"))
        #expect(reason.contains("retrieved 7 of the 20 records Crossref reported"))
    }

    @Test("A cursor that runs dry before the reported total is partial, never complete")
    func emptyPageIsPartial() throws {
        let standIn = try CrossrefStandIn(emptyFrom: 3)
        let result = try search(standIn, Query(text: "ecology"))
        #expect(result.records.count == 14)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("empty page 3"))
        #expect(reason.contains("retrieved 14 of the 20"))
    }

    static let firstPageFaults: [(String, ServerResponse, ConnectorError.Kind)] = [
        ("validation failure", .json(CrossrefConnectorTests.validationFailure, status: 400), .databaseError),
        ("DOI route 404", .text("Resource not found.", status: 404), .databaseError),
        ("error status with HTTP 200", .json(#"{"status":"failed","message-type":"validation-failure","message":[{"type":"unknown-parameter","value":"format","message":"Parameter format specified but there is no such parameter available on any route"}]}"#), .databaseError),
        ("HTML page", .html("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body></body></html>"), .unexpectedResponse),
        ("truncated JSON", .json(#"{"status":"ok","message-type":"work-list","message":{"total-results":3,"items":["#), .unexpectedResponse),
    ]

    @Test("Each documented error shape on the first page fails the search loudly", arguments: firstPageFaults.indices)
    func firstPageFaultFails(_ index: Int) throws {
        let (name, answer, kind) = Self.firstPageFaults[index]
        let standIn = try CrossrefStandIn(faults: [1: answer])
        let error = #expect(throws: ConnectorError.self, "\(name)") { try search(standIn, Query(text: "ecology")) }
        #expect(error?.kind == kind, "\(name): \(String(describing: error))")
        if name == "HTML page" { #expect(error?.message.contains("the page \"502 Bad Gateway\" (HTTP 200) instead of JSON") == true) }
    }

    @Test("The recorded HTTP 500 exception fails the search (after the client's retries)")
    func recordedExceptionFails() throws {
        let standIn = try CrossrefStandIn(faults: [1: .json(fixture("crossref", "error_exception_cursor_500.json"), status: 500)])
        let error = #expect(throws: ConnectorError.self) { try search(standIn, Query(text: "ecology")) }
        #expect(error.map { [.transport, .databaseError].contains($0.kind) } == true)
        #expect(error?.httpStatus == 500)
    }
}
