import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

/// The recorded OpenAlex work (Fixtures/openalex/SOURCES.md), the list envelope around it, OpenAlex's error
/// answers, and cursor paging against a loopback stand-in.
@Suite("OpenAlex connector")
struct OpenAlexConnectorTests {
    // MARK: The recorded work

    @Test("work_W2741809807.json: ids, authors, source, biblio and the rebuilt abstract")
    func parsesTheRecordedWork() throws {
        var records: [Record] = []
        let report = try OpenAlexResponseParser().parseFile(atPath: fixturePath("openalex", "work_W2741809807.json")) {
            records.append($0)
        }
        #expect(report.recordsRead == 1)
        #expect(report.diagnostics.isEmpty)
        let work = try #require(records.first)
        #expect(work.database == "openalex")
        #expect(work.nativeID == "W2741809807")
        #expect(work.url == "https://openalex.org/W2741809807")
        #expect(work.title == "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles")
        #expect(work.doi == "10.7717/peerj.4375")
        #expect(work.pmid == "29456894")
        #expect(work.pmcid == "PMC5815332")
        #expect(work.identifiers == [
            RecordIdentifier(scheme: CrossReference.openAlex, value: "W2741809807"),
            RecordIdentifier(scheme: "mag", value: "2741809807"),
        ])
        #expect(work.authors.count == 9)
        #expect(work.authors.map(\.displayName).prefix(4) == [
            "Piwowar, Heather", "Priem, Jason", "Larivière, Vincent", "Alperín, Juan Pablo",
        ])
        #expect(work.authors.last?.displayName == "Haustein, Stefanie")
        #expect(work.authors[0].orcid == nil)
        #expect(work.authors[1].orcid == "0000-0001-6187-6610")
        #expect(work.authors[0].affiliations == ["Impactstory, Sanford, NC, USA"])
        #expect(work.authors[3].affiliations == [
            "Canadian Institute for Studies in Publishing, Simon Fraser University, Vancouver, BC, Canada.",
            "Public Knowledge Project, Canada.",
        ])
        #expect(work.journal == "PeerJ")
        #expect(work.publisher == "PeerJ, Inc.")
        #expect(work.issns == [ISSN("2167-8359", kind: .linking)])
        #expect(work.date == PublicationDate(year: 2018, month: 2, day: 13))
        #expect(work.volume == "6")
        #expect(work.issue == nil)
        #expect(work.pages == "e4375")
        #expect(work.languages == ["en"])
        #expect(work.publicationTypes == ["article", "journal-article"])
        #expect(work.subjects.isEmpty)
        #expect(work.keywords.isEmpty)

        let abstract = try #require(work.abstract)
        #expect(abstract.hasPrefix(
            "Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet need for large-scale,"))
        #expect(abstract.hasSuffix("as a way to inform OA policy and practice."))
        #expect(abstract.split(separator: " ").count == 258)
        #expect(abstract.contains("we dub Bronze: articles made free-to-read on the publisher website, without an explicit Open license."))
    }

    @Test("The recorded work in a list page: the total is meta.count, the cursor is read")
    func readsAListPage() throws {
        let body = try OpenAlexPages.page(count: 1, ids: ["W2741809807"], nextCursor: nil)
        let page = try OpenAlexResponseParser().parse(body, source: "page.json")
        #expect(page.total == 1)
        #expect(page.nextCursor == nil)
        #expect(page.records.map(\.nativeID) == ["W2741809807"])
        #expect(page.records.first?.pmid == "29456894")
        #expect(page.diagnostics.isEmpty)

        let more = try OpenAlexPages.page(count: 450, ids: OpenAlexPages.ids(0..<2), nextCursor: "IlsxNjA5MzcyODAwMDAwXSI=")
        let first = try OpenAlexResponseParser().parse(more, source: "page.json")
        #expect(first.total == 450)
        #expect(first.nextCursor == "IlsxNjA5MzcyODAwMDAwXSI=")
        #expect(first.records.map(\.nativeID) == ["W9000000", "W9000001"])
    }

    @Test("A zero count with no results is zero hits; a page without meta.count is not")
    func zeroHitsOnlyWhenSaid() throws {
        let empty = Data(#"{"meta":{"count":0,"db_response_time_ms":5,"page":1,"per_page":25,"groups_count":null},"results":[],"group_by":[]}"#.utf8)
        let page = try OpenAlexResponseParser().parse(empty, source: "empty.json")
        #expect(page.total == 0 && page.records.isEmpty)
        for body in [#"{"results":[]}"#, #"{"meta":{"per_page":25},"results":[]}"#, #"{"meta":{"count":3}}"#, "[]"] {
            let error = #expect(throws: ConnectorError.self) {
                try OpenAlexResponseParser().parse(Data(body.utf8), source: "odd.json")
            }
            #expect(error?.kind == .unexpectedResponse, "\(body)")
        }
    }

    // MARK: Error answers

    /// OpenAlex's error object with the statuses and texts its own API tests assert, and with HTTP 200.
    static let errorAnswers: [(status: Int, body: String, says: String)] = [
        (403, #"{"error": "Pagination error.", "message": "per-page parameter must be between 1 and 200"}"#,
         "per-page parameter must be between 1 and 200"),
        (403, #"{"error": "Pagination error.", "message": "Maximum results size of 10,000 records is exceeded. Cursor pagination is required for records beyond 10,000 and is coming soon."}"#,
         "Maximum results size of 10,000 records is exceeded"),
        (400, #"{"error": "Invalid query parameters error.", "message": "Param per-page must be a number."}"#,
         "Param per-page must be a number."),
        (403, #"{"error": "Invalid query parameters error.", "message": "Value for has_references must be true or false, not null."}"#,
         "has_references"),
        (400, #"{"error": "Pagination error.", "message": "Cursor is null. Likely reached end of results."}"#,
         "Cursor is null"),
        (200, #"{"error": "Invalid query parameters error.", "message": "Wildcards (* or ?) require exact (no-stem) search"}"#,
         "Wildcards"),
    ]

    @Test("Every documented error answer is a database error with OpenAlex's words, HTTP 200 included",
          arguments: errorAnswers.indices)
    func errorAnswersAreErrors(_ index: Int) {
        let answer = Self.errorAnswers[index]
        let error = #expect(throws: ConnectorError.self) {
            try OpenAlexResponseParser().parse(Data(answer.body.utf8), source: "answer.json", status: answer.status)
        }
        #expect(error?.kind == .databaseError)
        #expect(error?.message.contains(answer.says) == true, "\(String(describing: error))")
        #expect(error?.httpStatus == (answer.status == 200 ? nil : answer.status))
    }

    @Test("A first page that is an error answer fails the search, never zero hits", arguments: errorAnswers.indices)
    func searchFailsOnAnErrorAnswer(_ index: Int) throws {
        let answer = Self.errorAnswers[index]
        let server = try LoopbackServer { _ in .respond(.json(answer.body, status: answer.status)) }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) {
            try OpenAlexConnector().search(Query(text: "dry needling"), context: searchContext(endpoint: server.url("/works"), requestsPerSecond: 100))
        }
        #expect(error?.kind == .databaseError)
        #expect(server.requests.count == 1)
    }

    @Test("HTTP 429 (budget spent or too fast) is retried, then fails the search with the status")
    func rateLimitFailsAfterRetries() throws {
        let server = try LoopbackServer { _ in
            .respond(ServerResponse(
                status: 429, headers: [(name: "Content-Type", value: "application/json"), (name: "Retry-After", value: "0")],
                body: Data(#"{"error":"Rate limit exceeded","message":"Daily budget exhausted"}"#.utf8)))
        }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) {
            try OpenAlexConnector().search(
                Query(text: "pain"), context: searchContext(endpoint: server.url("/works"), requestsPerSecond: 100, attempts: 2))
        }
        #expect(error?.kind == .transport)
        #expect(error?.httpStatus == 429)
        #expect(server.requests.count == 2)
    }

    @Test("A work whose authorships OpenAlex cut off in a list answer carries a warning")
    func truncatedAuthorsAreNoted() throws {
        var work = try OpenAlexPages.recordedWork()
        work["is_authors_truncated"] = true
        let answer: [String: Any] = ["meta": ["count": 1], "results": [work]]
        let page = try OpenAlexResponseParser().parse(try JSONSerialization.data(withJSONObject: answer), source: "p.json")
        #expect(page.records.first?.authors.count == 9)
        #expect(page.diagnostics.map(\.message) == ["work W2741809807: OpenAlex lists only the first 9 authors in list answers"])
        #expect(page.diagnostics.first?.severity == .warning)
    }

    static let notAnswers = [
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "<?xml version=\"1.0\"?><response><unclosed>",
        "Too Many Requests",
        "",
    ]

    @Test("HTML, XML, plain text and an empty body are refused", arguments: notAnswers)
    func refusesWhatIsNotJSON(_ body: String) {
        let error = #expect(throws: ConnectorError.self) {
            try OpenAlexResponseParser().parse(Data(body.utf8), source: "answer")
        }
        #expect(error?.kind == .unexpectedResponse)
    }

    @Test("A gzip file is refused by name, not read as zero works")
    func refusesGzip() throws {
        let path = FileManager.default.temporaryDirectory.appending(component: "openalex-\(UUID().uuidString).json.gz").path
        try Data([0x1F, 0x8B, 0x08, 0x00]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConnectorError.self) {
            try OpenAlexResponseParser().parseFile(atPath: path) { _ in }
        }
        #expect(error?.message.contains("gunzip") == true)
    }

    // MARK: The abstract

    @Test("The abstract is rebuilt in position order; a broken index is left out with a note")
    func rebuildsAbstracts() throws {
        let index: [String: Any] = ["Dry": [0], "needling": [1, 4], "reduces": [2], "pain;": [3], "helps.": [5]]
        #expect(try OpenAlexWork.abstract(index).get() == "Dry needling reduces pain; needling helps.")
        #expect(try OpenAlexWork.abstract(nil).get() == nil)
        #expect(try OpenAlexWork.abstract(NSNull()).get() == nil)
        #expect(throws: OpenAlexWork.Problem.self) { try OpenAlexWork.abstract(["a": [0], "b": [0]]).get() }
        #expect(throws: OpenAlexWork.Problem.self) { try OpenAlexWork.abstract(["a": [0], "b": [2]]).get() }

        var work = try OpenAlexPages.recordedWork()
        work["abstract_inverted_index"] = ["a": [0], "b": [2]]
        let answer: [String: Any] = ["meta": ["count": 1], "results": [work]]
        let body = try JSONSerialization.data(withJSONObject: answer)
        let page = try OpenAlexResponseParser().parse(body, source: "p.json")
        #expect(page.records.first?.abstract == nil)
        #expect(page.diagnostics.map(\.message) == ["work W2741809807: abstract index has gaps (2 words up to position 2); abstract left out"])
    }

    // MARK: Requests

    @Test("The query goes to search; date limits to from/to_created_date; mailto and api_key are sent")
    func buildsTheRequest() throws {
        let settings = ConnectorSettings(
            endpoint: "https://api.openalex.org/works", apiKey: "secret-key", email: "reviewer@example.org",
            requestsPerSecond: 10)
        let query = Query(
            text: "\"dry needling\" AND pain", from: SimpleDate(year: 2024, month: 1, day: 1),
            until: SimpleDate(year: 2024, month: 6, day: 30))
        let parameters = try OpenAlexConnector.parameters(for: query, settings: settings)
        #expect(parameters.map(\.name) == ["search", "filter", "mailto", "api_key"])
        #expect(parameters[0].value == "\"dry needling\" AND pain")
        #expect(parameters[1].value == "from_created_date:2024-01-01,to_created_date:2024-06-30")
        #expect(parameters[2].value == "reviewer@example.org")
        #expect(parameters[3].value == "secret-key")

        var filtered = settings
        filtered.options = ["search_field": "title_and_abstract", "date_field": "publication", "filter": "type:article"]
        let narrowed = try OpenAlexConnector.parameters(for: query, settings: filtered)
        #expect(narrowed.map(\.name) == ["filter", "mailto", "api_key"])
        #expect(narrowed[0].value
            == "title_and_abstract.search:\"dry needling\" AND pain,from_publication_date:2024-01-01,"
            + "to_publication_date:2024-06-30,type:article")

        let comma = #expect(throws: ConnectorError.self) {
            try OpenAlexConnector.parameters(for: Query(text: "pain, chronic"), settings: filtered)
        }
        #expect(comma?.kind == .invalidQuery)
        #expect(throws: ConnectorError.self) { try OpenAlexConnector.parameters(for: Query(text: "  "), settings: settings) }
    }

    // MARK: Paging against the stand-in

    @Test("Cursor paging to the end: 250 works in pages of 100, counts reconciled")
    func pagesToTheEnd() throws {
        let standIn = try OpenAlexStandIn(total: 250, perPage: 100)
        defer { standIn.server.stop() }
        let result = try OpenAlexConnector().search(
            Query(text: "dry needling"), context: searchContext(endpoint: standIn.url, requestsPerSecond: 100))
        #expect(result.reportedCount == 250)
        #expect(result.records.count == 250)
        #expect(Set(result.records.map(\.nativeID)).count == 250)
        #expect(result.records.first?.nativeID == "W9000000" && result.records.last?.nativeID == "W9000249")
        #expect(result.completeness == .complete)
        #expect(result.querySent == "search=dry needling")
        #expect(standIn.cursors == ["*", "c1", "c2"])
        let requests = standIn.server.requests
        #expect(requests.allSatisfy { $0.method == "GET" && $0.path == "/works" })
        #expect(requests.allSatisfy { $0.parameter("per-page") == "100" && $0.parameter("search") == "dry needling" })
        #expect(requests.allSatisfy { $0.parameter("mailto") == "tests@example.org" })
        #expect(requests.allSatisfy { $0.parameter("page") == nil })
    }

    @Test("page_size and a limit shape the pages; a limit reached is complete")
    func honoursPageSizeAndLimit() throws {
        let standIn = try OpenAlexStandIn(total: 120, perPage: 50)
        defer { standIn.server.stop() }
        let all = try OpenAlexConnector().search(
            Query(text: "pain"),
            context: searchContext(endpoint: standIn.url, requestsPerSecond: 100, options: ["page_size": "50"]))
        #expect(all.records.count == 120 && all.reportedCount == 120 && all.completeness == .complete)
        #expect(standIn.cursors == ["*", "c1", "c2"])

        let limited = try OpenAlexStandIn(total: 120, perPage: 5)
        defer { limited.server.stop() }
        let five = try OpenAlexConnector().search(
            Query(text: "pain", limit: 5), context: searchContext(endpoint: limited.url, requestsPerSecond: 100))
        #expect(five.records.count == 5 && five.reportedCount == 120 && five.completeness == .complete)
        #expect(limited.server.requests.map { $0.parameter("per-page") } == ["5"])
    }

    @Test("A cursor chain that ends before meta.count is partial with the numbers")
    func endsShortIsPartial() throws {
        let standIn = try OpenAlexStandIn(total: 250, perPage: 100, lastCursorPage: 1)
        defer { standIn.server.stop() }
        let result = try OpenAlexConnector().search(
            Query(text: "dry needling"), context: searchContext(endpoint: standIn.url, requestsPerSecond: 100))
        #expect(result.records.count == 200)
        #expect(result.reportedCount == 250)
        #expect(result.completeness == .partial(
            reason: "retrieved 200 of the 250 records OpenAlex reported (OpenAlex sent no next cursor after page 2)"))
    }

    @Test("A later page that fails (error answer, HTML, HTTP 500) keeps what came before, as partial",
          arguments: [
            ServerResponse.json(#"{"error":"Pagination error.","message":"Cursor is invalid."}"#, status: 403),
            ServerResponse.html("<html><head><title>Maintenance</title></head><body></body></html>"),
            ServerResponse.text("internal error", status: 500),
          ])
    func laterPageFaultIsPartial(_ fault: ServerResponse) throws {
        let standIn = try OpenAlexStandIn(total: 250, perPage: 100, faults: [2: fault])
        defer { standIn.server.stop() }
        let result = try OpenAlexConnector().search(
            Query(text: "dry needling"),
            context: searchContext(endpoint: standIn.url, requestsPerSecond: 100, attempts: 2))
        #expect(result.records.count == 200)
        #expect(result.reportedCount == 250)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.hasPrefix("page 3 failed after 200 works: "))
        #expect(reason.hasSuffix("retrieved 200 of the 250 records OpenAlex reported"))
    }

    @Test("A stand-in answering the same page again stops with a problem instead of looping")
    func repeatedPageStops() throws {
        let body = try OpenAlexPages.page(count: 250, ids: OpenAlexPages.ids(0..<100), nextCursor: "again")
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        defer { server.stop() }
        let result = try OpenAlexConnector().search(
            Query(text: "x"), context: searchContext(endpoint: server.url("/works"), requestsPerSecond: 100))
        #expect(result.records.count == 100)
        #expect(server.requests.count == 2)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial")
            return
        }
        #expect(reason.contains("page 2 repeated works already retrieved"))
    }

    @Test("Searching the recorded work's single-work fixture through the stand-in")
    func searchesTheRecordedFixture() throws {
        let body = try fixture("openalex", "work_W2741809807.json")
        let server = try LoopbackServer { _ in .respond(.json(body)) }
        defer { server.stop() }
        let result = try OpenAlexConnector().search(
            Query(text: "state of OA"), context: searchContext(endpoint: server.url("/works"), requestsPerSecond: 100))
        #expect(result.records.map(\.nativeID) == ["W2741809807"])
        #expect(result.reportedCount == 1)
        #expect(result.completeness == .complete)
    }

    @Test("Registered in the built-in list with its options and key")
    func registered() throws {
        let factory = try #require(ConnectorRegistry.builtIn["openalex"])
        #expect(factory.descriptor.name == "OpenAlex")
        #expect(factory.descriptor.options.map(\.name) == ["page_size", "search_field", "filter", "date_field"])
        #expect(factory.descriptor.key?.environmentVariable == "OPENALEX_API_KEY")
        #expect(factory.descriptor.key?.isRequired == false)
        #expect(factory.descriptor.supportsDateWindow)
    }
}
