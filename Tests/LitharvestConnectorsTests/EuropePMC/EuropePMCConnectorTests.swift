import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

// Fixtures/europepmc holds real recorded answers of Europe PMC's `search` (see its SOURCES.md) and two synthetic
// bodies in the error shapes Europe PMC is reported to send with HTTP 200.

@Suite("Europe PMC: recorded answers")
struct EuropePMCParsingTests {
    func page(_ name: String) throws -> EuropePMCResponseParser.Page {
        try EuropePMCResponseParser().parse(fixture("europepmc", name), source: name)
    }

    @Test("core answer: total, cursor, ids as cross-references, journal and dates")
    func coreAnswer() throws {
        let page = try page("search_cancer_core_first3.json")
        #expect(page.total == 5_059_039)
        #expect(page.nextCursor == "AoIIP4ZawSg1MzEyODI1MA==")
        #expect(page.diagnostics.isEmpty)
        #expect(page.records.map(\.nativeID) == ["MED:39709209", "MED:39709208", "MED:40468710"])
        #expect(page.records.map(\.database) == ["europepmc", "europepmc", "europepmc"])
        #expect(page.records.map(\.pmid) == ["39709209", "39709208", "40468710"])
        #expect(page.records.map(\.pmcid) == [nil, "PMC12124214", nil])
        #expect(page.records.map(\.doi) == [
            "10.1016/s0140-6736(24)02600-x", "10.1016/s0140-6736(24)02716-8", "10.1111/bjhp.12807",
        ])

        let first = page.records[0]
        #expect(first.title == "Abscopal response in a patient with fibrolamellar hepatocellular carcinoma following radiotherapy.")
        #expect(first.authors.map(\.family) == ["Schoenfeld", "Haas-Kogan", "O'Neill"])
        #expect(first.authors.first?.given == "Jonathan D")
        #expect(first.authors.first?.initials == "JD")
        #expect(first.authors.first?.affiliations.first?.hasPrefix("Department of Radiation Oncology, Brigham") == true)
        #expect(first.journal == "Lancet (London, England)")
        #expect(first.journalAbbreviation == "Lancet")
        #expect(first.issns == [ISSN("0140-6736", kind: .print), ISSN("1474-547X", kind: .electronic)])
        #expect(first.volume == "404")
        #expect(first.issue == "10471")
        #expect(first.pages == "2603-2604")
        #expect(first.date == PublicationDate(year: 2025, month: 12, text: "2025 Dec"))
        #expect(first.languages == ["eng"])
        #expect(first.publicationTypes == ["Journal Article"])
        #expect(first.abstract == nil)
        #expect(first.identifiers.isEmpty)
        #expect(first.url == "https://europepmc.org/article/MED/39709209")

        let erratum = page.records[1]
        #expect(erratum.title == "Department of Error.")
        #expect(erratum.authors.isEmpty)
        #expect(erratum.publicationTypes == ["Published Erratum", "correction"])
        #expect(erratum.pages == "2542")
    }

    @Test("core answer: ORCIDs, structured abstract, MeSH and keywords")
    func coreRichRecord() throws {
        let record = try page("search_cancer_core_first3.json").records[2]
        #expect(record.title
            == "The role of psychological flexibility in relation to health outcomes in people in remission from cancer.")
        #expect(record.authors.count == 7)
        #expect(record.authors.first?.orcid == "0000-0002-6307-9196")
        #expect(record.authors.first?.affiliations.count == 2)
        #expect(record.authors.last?.family == "McCracken")
        #expect(record.authors.last?.orcid == "0000-0002-9734-0153")
        #expect(record.authors.filter { $0.orcid != nil }.count == 2)
        #expect(record.journal == "British journal of health psychology")
        #expect(record.journalAbbreviation == "Br J Health Psychol")
        #expect(record.issns.map(\.value) == ["1359-107X", "2044-8287"])
        #expect(record.volume == "30")
        #expect(record.issue == "3")
        #expect(record.pages == "e12807")
        #expect(record.date?.year == 2025)
        #expect(record.date?.month == 9)
        let abstract = try #require(record.abstract)
        let paragraphs = abstract.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 5)
        #expect(paragraphs.map { String($0.prefix { $0 != ":" }) } == ["OBJECTIVE", "DESIGN", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(paragraphs.first?.hasPrefix("OBJECTIVE: This study investigated whether psychological flexibility") == true)
        #expect(!abstract.contains("<h4>"))
        #expect(record.keywords == [
            "Cancer", "Acceptance And Commitment Therapy", "Longitudinal", "Psychological Flexibility",
            "Cancer Survivorship", "Act",
        ])
        #expect(record.subjects.count == 18)
        #expect(record.subjects.filter(\.isMajor).map(\.term) == ["Neoplasms", "Adaptation, Psychological"])
        let neoplasms = try #require(record.subjects.first { $0.term == "Neoplasms" })
        #expect(neoplasms.qualifiers.map(\.name) == ["psychology", "therapy"])
        #expect(neoplasms.scheme == "MeSH")
    }

    @Test("lite answer: authors from authorString, flat journal fields, publication types")
    func liteAnswer() throws {
        let page = try page("search_cancer_lite_page.json")
        #expect(page.total == 5_059_039)
        #expect(page.nextCursor == "AoIIP4lkIig1MzE0NTMwOA==")
        #expect(page.records.map(\.nativeID) == [
            "MED:39709209", "MED:39709208", "MED:40468710", "MED:40464630", "MED:40493882",
        ])
        let first = page.records[0]
        #expect(first.authors.map(\.family) == ["Schoenfeld", "Haas-Kogan", "O'Neill"])
        #expect(first.authors.map(\.initials) == ["JD", "DA", "AF"])
        #expect(first.journal == "Lancet")
        #expect(first.issns.map(\.value) == ["0140-6736", "1474-547X"])
        #expect(first.volume == "404")
        #expect(first.issue == "10471")
        #expect(first.date == PublicationDate(year: 2025))
        #expect(first.publicationTypes == ["journal article"])
        #expect(page.records[1].pmcid == "PMC12124214")
        #expect(page.records[3].publicationTypes == ["review", "journal article"])
        #expect(page.records[3].volume == nil)
        #expect(page.records[3].pages == "arztebl.m2025.0086")
        #expect(page.records[4].authors.count == 11)
        #expect(page.records[4].authors[6].family == "Kajüter")
    }

    @Test("a real zero-hit answer is zero records, not an error")
    func zeroHits() throws {
        let page = try page("search_no_results.json")
        #expect(page.total == 0)
        #expect(page.records.isEmpty)
        #expect(page.nextCursor == nil)
    }

    @Test("parse FILE reads a saved answer and says what Europe PMC reported")
    func parseFile() throws {
        var records: [Record] = []
        let report = try EuropePMCResponseParser().parseFile(
            atPath: fixturePath("europepmc", "search_cancer_core_first3.json")) { records.append($0) }
        #expect(report.recordsRead == 3)
        #expect(records.map(\.pmid) == ["39709209", "39709208", "40468710"])
        #expect(report.diagnostics.map(\.message) == [
            "Europe PMC reported 5059039 records for the saved search; the file holds 3",
        ])
        let parser = try #require(ConnectorRegistry.builtIn["europepmc"]?.fileParser)
        var viaRegistry = 0
        _ = try parser.parseFile(atPath: fixturePath("europepmc", "search_cancer_lite_page.json")) { _ in viaRegistry += 1 }
        #expect(viaRegistry == 5)
    }

    @Test("the bare {version} envelope Europe PMC sends for a dropped request is an error")
    func versionEnvelope() throws {
        let error = #expect(throws: ConnectorError.self) { try page("synthetic_version_envelope.json") }
        #expect(error?.kind == .unexpectedResponse)
        #expect(error?.message.contains("bare {\"version\"} envelope") == true)
    }

    @Test("an errCode/errMsg answer is a database error quoting Europe PMC")
    func errMsgAnswer() throws {
        let error = #expect(throws: ConnectorError.self) { try page("synthetic_errmsg.json") }
        #expect(error?.kind == .databaseError)
        #expect(error?.message == "Europe PMC rejected the request: Internal server error (errCode 500)")
    }

    static let notAnswers = [
        "<!DOCTYPE html><html><head><title>EMBL-EBI maintenance</title></head><body>Back soon</body></html>",
        "{\"version\":\"6.9\",\"hitCount\":3",
        "[1, 2, 3]",
        "{\"version\":\"6.9\",\"hitCount\":\"many\",\"resultList\":{\"result\":[]}}",
        "{\"version\":\"6.9\",\"hitCount\":4}",
    ]

    @Test("HTML, malformed JSON, a foreign object or a count without results is refused", arguments: notAnswers)
    func refusesNonAnswers(_ body: String) {
        let error = #expect(throws: ConnectorError.self) {
            try EuropePMCResponseParser().parse(Data(body.utf8), source: "answer")
        }
        #expect(error?.kind == .unexpectedResponse)
    }

    @Test("a preprint keeps its PPR id as a cross-reference and its server as the journal")
    func preprintRecord() throws {
        // Built from the documented core fields of a PPR result: no recorded preprint answer was found (SOURCES.md).
        let result: [String: Any] = [
            "id": "PPR707121", "source": "PPR", "doi": "10.1101/2023.08.18.553837",
            "title": "A preprint with <i>italics</i> in its title", "authorString": "Smith J, Doe A.",
            "bookOrReportDetails": ["publisher": "bioRxiv", "yearOfPublication": 2023] as [String: Any],
            "pubTypeList": ["pubType": ["Preprint"]], "firstPublicationDate": "2023-08-21",
        ]
        let record = try EuropePMCRecordMapper.record(result)
        #expect(record.nativeID == "PPR:PPR707121")
        #expect(record.pmid == nil)
        #expect(record.identifiers == [RecordIdentifier(scheme: CrossReference.europePMC, value: "PPR707121")])
        #expect(record.doi == "10.1101/2023.08.18.553837")
        #expect(record.title == "A preprint with italics in its title")
        #expect(record.journal == "bioRxiv")
        #expect(record.publisher == "bioRxiv")
        #expect(record.date == PublicationDate(year: 2023, month: 8, day: 21))
        #expect(record.publicationTypes == ["Preprint"])
        #expect(record.url == "https://europepmc.org/article/PPR/PPR707121")
        #expect(throws: ConnectorError.self) { try EuropePMCRecordMapper.record(["source": "MED"]) }
    }
}

@Suite("Europe PMC: searches against a stand-in")
struct EuropePMCSearchTests {
    func context(_ server: LoopbackServer, options: [String: String] = [:]) -> SearchContext {
        searchContext(
            endpoint: server.url("/europepmc/webservices/rest/search"), requestsPerSecond: 100, options: options,
            attempts: 2)
    }

    @Test("a page that repeats records already retrieved ends the paging, partial")
    func repeatedPageIsPartial() throws {
        // The recorded core and lite answers hold the same three articles first: page 2 repeats page 1.
        let standIn = EuropePMCStandIn(results: try EuropePMCStandIn.recordedResults())
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try EuropePMCConnector().search(
            Query(text: "cancer"), context: context(server, options: ["page_size": "3"]))
        #expect(result.records.map(\.nativeID) == ["MED:39709209", "MED:39709208", "MED:40468710"])
        #expect(standIn.cursorsServed == ["*", "c1"])
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("page 2 repeated records already retrieved; no progress"))
        #expect(reason.contains("retrieved 3 of the 8 records Europe PMC reported"))
    }

    @Test("distinct records page to the end with counts reconciled")
    func distinctRecordsReconcile() throws {
        // The 8 recorded results renumbered so that no two share an id: 8 reported, 8 retrieved.
        let results = try EuropePMCStandIn.recordedResults().enumerated().map { index, data in
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            object["id"] = String(90_000_000 + index)
            object["pmid"] = String(90_000_000 + index)
            return try JSONSerialization.data(withJSONObject: object)
        }
        let standIn = EuropePMCStandIn(results: results)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try EuropePMCConnector().search(
            Query(text: "cancer"), context: context(server, options: ["page_size": "3"]))
        #expect(result.reportedCount == 8)
        #expect(result.records.count == 8)
        #expect(Set(result.records.map(\.nativeID)).count == 8)
        #expect(result.completeness == .complete)
        #expect(result.records.first?.title
            == "Abscopal response in a patient with fibrolamellar hepatocellular carcinoma following radiotherapy.")
        #expect(result.records.map(\.pmid).last == "90000007")
        #expect(standIn.cursorsServed == ["*", "c1", "c2"])
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.path == "/europepmc/webservices/rest/search" })
        #expect(requests.allSatisfy { $0.parameter("resultType") == "core" && $0.parameter("format") == "json" })
        #expect(requests.allSatisfy { $0.parameter("pageSize") == "3" })
        #expect(requests.first?.parameter("query") == "cancer")
        #expect(requests.first?.parameter("email") == "tests@example.org")
    }

    @Test("a cursor that ends before the reported count makes the result partial with the numbers")
    func shortCursorIsPartial() throws {
        let results = try EuropePMCStandIn.recordedResults()
        let standIn = EuropePMCStandIn(results: Array(results.prefix(3)), reported: 10)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try EuropePMCConnector().search(
            Query(text: "cancer"), context: context(server, options: ["page_size": "2"]))
        #expect(result.records.count == 3)
        #expect(result.reportedCount == 10)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("Europe PMC ended the cursor on page 2"))
        #expect(reason.contains("retrieved 3 of the 10 records Europe PMC reported"))
    }

    static let pageFaults: [ServerResponse] = [
        .text("internal error", status: 500),
        .json("{\"version\":\"6.9\"}"),
        .json("{\"errCode\":500,\"errMsg\":\"Internal server error\"}"),
        .html("<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body></body></html>"),
    ]

    @Test("a fault on a later page keeps the records read and ends partial", arguments: pageFaults)
    func laterPageFaultIsPartial(_ fault: ServerResponse) throws {
        let standIn = EuropePMCStandIn(results: try EuropePMCStandIn.recordedResults(), faultPage: 2, fault: fault)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try EuropePMCConnector().search(
            Query(text: "cancer"), context: context(server, options: ["page_size": "3"]))
        #expect(result.records.count == 3)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("page 2 failed after 3 records"))
        #expect(reason.contains("retrieved 3 of the 8 records Europe PMC reported"))
    }

    @Test("the same faults on the first page fail the search", arguments: pageFaults)
    func firstPageFaultFails(_ fault: ServerResponse) throws {
        let standIn = EuropePMCStandIn(results: try EuropePMCStandIn.recordedResults(), faultPage: 1, fault: fault)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) {
            try EuropePMCConnector().search(Query(text: "cancer"), context: context(server))
        }
        // HTTP 500 arrives as a transport failure once the client's retries are spent.
        #expect(error.map { [ConnectorError.Kind.databaseError, .unexpectedResponse, .transport].contains($0.kind) } == true)
    }

    @Test("a real zero-hit answer is a complete search with no records")
    func zeroHits() throws {
        let body = try fixture("europepmc", "search_no_results.json")
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        defer { server.stop() }
        let result = try EuropePMCConnector().search(Query(text: "asdkfjhasdkfjhasdfasdasdasdfgsagsd"), context: context(server))
        #expect(result.reportedCount == 0)
        #expect(result.records.isEmpty)
        #expect(result.completeness == .complete)
        #expect(server.requests.count == 1)
    }

    @Test("a limit stops paging and asks only for what is wanted")
    func limit() throws {
        let standIn = EuropePMCStandIn(results: try EuropePMCStandIn.recordedResults())
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let result = try EuropePMCConnector().search(Query(text: "cancer", limit: 2), context: context(server))
        #expect(result.records.map(\.nativeID) == ["MED:39709209", "MED:39709208"])
        #expect(result.completeness == .complete)
        #expect(server.requests.map { $0.parameter("pageSize") } == ["2"])
    }

    @Test("date limits filter on INDEX_DATE (or FIRST_PDATE) and sources become SRC clauses")
    func dateLimitsAndSources() throws {
        let body = try fixture("europepmc", "search_no_results.json")
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        defer { server.stop() }
        let from = SimpleDate(year: 2024, month: 1, day: 1)
        let until = SimpleDate(year: 2024, month: 6, day: 30)
        let result = try EuropePMCConnector().search(
            Query(text: "\"dry needling\"", from: from, until: until),
            context: context(server, options: ["sources": "MED, ppr"]))
        let expected = "(\"dry needling\") AND (INDEX_DATE:[2024-01-01 TO 2024-06-30]) AND (SRC:MED OR SRC:PPR)"
        #expect(result.querySent == expected)
        #expect(server.requests.first?.parameter("query") == expected)
        #expect(result.diagnostics.first?.message.contains("INDEX_DATE") == true)

        _ = try EuropePMCConnector().search(
            Query(text: "aspirin", from: from), context: context(server, options: ["date_field": "publication"]))
        #expect(server.requests.last?.parameter("query") == "(aspirin) AND (FIRST_PDATE:[2024-01-01 TO 3000-12-31])")

        let error = #expect(throws: ConnectorError.self) {
            try EuropePMCConnector().search(Query(text: "aspirin"), context: context(server, options: ["sources": "MED,XYZ"]))
        }
        #expect(error?.kind == .invalidQuery)
        #expect(server.requests.count == 2)
    }

    @Test("a long query goes by POST to searchPOST with the same parameters")
    func longQueryIsPosted() throws {
        let body = try fixture("europepmc", "search_no_results.json")
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        defer { server.stop() }
        let long = (1...200).map { "TITLE:\"term \($0)\"" }.joined(separator: " OR ")
        #expect(long.count > EuropePMCSearch.postThreshold)
        let result = try EuropePMCConnector().search(Query(text: long), context: context(server))
        #expect(result.completeness == .complete)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/europepmc/webservices/rest/searchPOST")
        #expect(request.parameter("query") == long)
        #expect(request.parameter("resultType") == "core")
        #expect(request.parameter("cursorMark") == "*")
    }

    @Test("Registered in the built-in list, with its rate budget and date filter")
    func registered() throws {
        let descriptor = try #require(ConnectorRegistry.builtIn["europepmc"]).descriptor
        #expect(descriptor.name == "Europe PMC")
        #expect(descriptor.key == nil)
        #expect(descriptor.defaultRequestsPerSecond == 8)
        #expect(descriptor.supportsDateWindow)
        #expect(descriptor.options.map(\.name) == ["page_size", "date_field", "sources"])
    }
}
