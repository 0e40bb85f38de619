import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

// Fixtures/clinicaltrials/capybara_studies_first_two.json is the start of a real API v2 answer (see its
// SOURCES.md); the stand-in below serves its two studies, renumbered, as a result set of any size.

@Suite("ClinicalTrials.gov connector")
struct ClinicalTrialsGovConnectorTests {
    static let capture = "capybara_studies_first_two.json"

    @Test("The recorded answer: ids, titles, dates, sponsor, conditions, interventions and cross-references")
    func parsesTheRecordedAnswer() throws {
        let page = try ClinicalTrialsGovResponseParser().parse(fixture("clinicaltrials", Self.capture), source: Self.capture)
        #expect(page.total == nil)  // the recorded request did not ask countTotal=true
        #expect(page.nextPageToken == "KV165pePlfg")
        #expect(page.studiesOnPage == 2)
        #expect(page.diagnostics.isEmpty)
        #expect(page.records.map(\.nativeID) == ["NCT05013879", "NCT00517179"])
        #expect(page.records.map(\.database) == ["clinicaltrials", "clinicaltrials"])

        let kinesio = page.records[0]
        #expect(kinesio.title == "Kinesiotape for Edema After Bilateral Total Knee Arthroplasty")
        #expect(kinesio.abstract?.hasPrefix("The purpose of this study is to determine if kinesiotaping") == true)
        #expect(kinesio.date == PublicationDate(year: 2021, month: 8, day: 19))
        #expect(kinesio.publisher == "Montefiore Medical Center")
        #expect(kinesio.contributors?.map(\.displayName) == ["Burke Rehabilitation Hospital"])
        #expect(kinesio.contributors?.map(\.role) == ["collaborator"])
        #expect(kinesio.authors.isEmpty)
        #expect(kinesio.keywords == ["edema", "arthroplasty, knee, bilateral", "kinesiotaping"])
        #expect(kinesio.subjects.map(\.term) == [
            "Arthroplasty Complications", "Arthroplasty, Replacement, Knee", "DEVICE: Kinesio(R)Tape for edema control",
            "Edema",
        ])
        #expect(kinesio.subjects.last?.identifier == "D004487")
        #expect(kinesio.subjects.last?.scheme == "MeSH")
        #expect(kinesio.publicationTypes == ["Clinical trial registration", "INTERVENTIONAL"])
        #expect(kinesio.url == "https://clinicaltrials.gov/study/NCT05013879")
        #expect(kinesio.pmid == nil)
        let ids = kinesio.identifiers
        #expect(ids.filter { $0.scheme == CrossReference.clinicalTrials }.map(\.value) == ["NCT05013879"])
        #expect(ids.first { $0.scheme == "ctgov-status" }?.value == "COMPLETED")
        #expect(ids.first { $0.scheme == "ctgov-start-date" }?.value == "2021-10-18")
        #expect(ids.first { $0.scheme == "ctgov-completion-date" }?.value == "2023-11-24")
        #expect(ids.first { $0.scheme == "ctgov-last-update-posted" }?.value == "2024-02-23")
        // Ten references, eight with a PMID, all background reading: none becomes the record's own PMID.
        #expect(ids.filter { $0.scheme == "reference-pmid-background" }.map(\.value) == [
            "32459670", "24819349", "30208939", "26223312", "30341552", "23948839", "29075347", "22840304",
        ])

        let vardenafil = page.records[1]
        #expect(vardenafil.title
            == "Effect of Vardenafil on Blood Pressure in Patients With Erectile Dysfunction Who Received Concomitant Doxazosin GITS")
        #expect(vardenafil.date == PublicationDate(year: 2007, month: 8, day: 16))
        #expect(vardenafil.publisher == "Hospital Authority, Hong Kong")
        #expect(vardenafil.contributors == nil)
        #expect(vardenafil.subjects.map(\.term) == [
            "Prostatic Hyperplasia", "Impotence", "DRUG: Vardenafil 10mg", "Erectile Dysfunction", "Prostatic Hyperplasia",
            "Hyperplasia", "Vardenafil Dihydrochloride",
        ])
        // A month-only start date, and a secondary id with no type (not marked as a registration) left out.
        #expect(vardenafil.identifiers.first { $0.scheme == "ctgov-start-date" }?.value == "2006-04")
        #expect(!vardenafil.identifiers.contains { $0.scheme == CrossReference.trialRegistration })
        #expect(!vardenafil.identifiers.contains { $0.scheme.hasPrefix("reference-pmid-") })
    }

    @Test("parse --database clinicaltrials reads the saved answer")
    func parsesTheSavedFile() throws {
        var records: [Record] = []
        let parser = try #require(ConnectorRegistry.builtIn["clinicaltrials"]?.fileParser)
        let report = try parser.parseFile(atPath: fixturePath("clinicaltrials", Self.capture)) { records.append($0) }
        #expect(report.recordsRead == 2)
        #expect(report.diagnostics.isEmpty)
        #expect(records.map(\.nativeID) == ["NCT05013879", "NCT00517179"])
    }

    static let notAnswers: [(String, ConnectorError.Kind)] = [
        ("<!DOCTYPE html><html><head><title>ClinicalTrials.gov</title></head><body>Maintenance</body></html>", .unexpectedResponse),
        (#"{"studies": [{"protocolSection": "#, .unexpectedResponse),
        (#"[{"nctId": "NCT05013879"}]"#, .unexpectedResponse),
        (#"{"message": "Service temporarily unavailable"}"#, .databaseError),
        (#"{"error": {"message": "invalid pageToken"}}"#, .databaseError),
        (#"{"totalCount": 12}"#, .unexpectedResponse),
        (#"{"studies": [], "totalCount": "many"}"#, .unexpectedResponse),
        ("", .unexpectedResponse),
    ]

    @Test("Anything but a studies page is an error, never zero studies", arguments: notAnswers)
    func refusesWhatIsNotAnAnswer(_ body: String, kind: ConnectorError.Kind) {
        let error = #expect(throws: ConnectorError.self) {
            try ClinicalTrialsGovResponseParser().parse(Data(body.utf8), source: "answer.json")
        }
        #expect(error?.kind == kind)
        #expect(error?.location == "answer.json")
    }

    @Test("A study without an NCT number is an error diagnostic, the others are kept")
    func studyWithoutIdIsReported() throws {
        let body = #"{"studies": [{"protocolSection": {"identificationModule": {"briefTitle": "No id"}}}, "#
            + #"{"protocolSection": {"identificationModule": {"nctId": "NCT00000102"}}}], "totalCount": 2}"#
        let page = try ClinicalTrialsGovResponseParser().parse(Data(body.utf8), source: "answer.json")
        #expect(page.records.map(\.nativeID) == ["NCT00000102"])
        #expect(page.diagnostics.map(\.severity) == [.error])
        #expect(page.total == 2)
    }

    // MARK: Against the stand-in

    @Test("Pages to the end with pageToken; counts reconciled")
    func pagesToTheEnd() throws {
        let standIn = try ClinicalTrialsGovStandIn(studies: 250)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/api/v2/"), requestsPerSecond: 100)
        let result = try ClinicalTrialsGovConnector().search(Query(text: "kinesiotape OR vardenafil"), context: context)
        #expect(result.records.count == 250)
        #expect(Set(result.records.map(\.nativeID)).count == 250)
        #expect(result.reportedCount == 250)
        #expect(result.completeness == .complete)
        #expect(result.querySent == "query.term=kinesiotape OR vardenafil")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.path == "/api/v2/studies" && $0.parameter("format") == "json" })
        #expect(requests.map { $0.parameter("pageToken") } == [nil, "page-2", "page-3"])
        #expect(requests.map { $0.parameter("countTotal") } == ["true", nil, nil])
        #expect(requests.allSatisfy { $0.parameter("query.term") == "kinesiotape OR vardenafil" })
        #expect(requests.allSatisfy { $0.parameter("pageSize") == "100" })
    }

    @Test("page_size and the limit set pageSize; the limit stops paging")
    func limitStopsPaging() throws {
        let standIn = try ClinicalTrialsGovStandIn(studies: 250, pageSize: 40)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/api/v2"), requestsPerSecond: 100, options: ["page_size": "40"])
        let result = try ClinicalTrialsGovConnector().search(Query(text: "knee", limit: 70), context: context)
        #expect(result.records.count == 70)
        #expect(result.reportedCount == 250)
        #expect(result.completeness == .complete)
        #expect(server.requests.count == 2)
    }

    @Test("Date limits become filter.advanced on LastUpdatePostDate, or StudyFirstPostDate with date_field")
    func dateLimits() throws {
        let standIn = try ClinicalTrialsGovStandIn(studies: 3)
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let from = try #require(SimpleDate(year: 2024, month: 1, day: 15))
        let until = try #require(SimpleDate(year: 2024, month: 12, day: 31))
        let updates = searchContext(endpoint: server.url("/"), requestsPerSecond: 100)
        let result = try ClinicalTrialsGovConnector().search(Query(text: "knee", from: from), context: updates)
        #expect(result.querySent == "query.term=knee&filter.advanced=AREA[LastUpdatePostDate]RANGE[2024-01-15,MAX]")
        let posted = searchContext(endpoint: server.url("/"), requestsPerSecond: 100, options: ["date_field": "first_posted"])
        _ = try ClinicalTrialsGovConnector().search(Query(text: "knee", from: from, until: until), context: posted)
        #expect(server.requests.map { $0.parameter("filter.advanced") } == [
            "AREA[LastUpdatePostDate]RANGE[2024-01-15,MAX]", "AREA[StudyFirstPostDate]RANGE[2024-01-15,2024-12-31]",
        ])
    }

    @Test("HTTP 400 with the API's plain-text reason fails the search with that reason")
    func badRequestIsADatabaseError() throws {
        let server = try LoopbackServer { _ in
            .respond(.text("Unknown parameter: query.trem", status: 400))
        }
        defer { server.stop() }
        let error = #expect(throws: ConnectorError.self) {
            try ClinicalTrialsGovConnector().search(
                Query(text: "knee"), context: searchContext(endpoint: server.url("/"), requestsPerSecond: 100))
        }
        #expect(error?.kind == .databaseError)
        #expect(error?.message.contains("Unknown parameter: query.trem") == true)
    }

    @Test("A page that keeps failing after the first ends the search partial, with the numbers")
    func laterPageFailureIsPartial() throws {
        let standIn = try ClinicalTrialsGovStandIn(studies: 250, failing: ["page-3": .text("busy", status: 503)])
        let server = try LoopbackServer(handler: standIn.handler)
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/"), requestsPerSecond: 100, attempts: 2)
        let result = try ClinicalTrialsGovConnector().search(Query(text: "knee"), context: context)
        #expect(result.records.count == 200)
        #expect(result.reportedCount == 250)
        guard case .partial(let reason) = result.completeness else {
            Issue.record("expected partial, got \(result.completeness)")
            return
        }
        #expect(reason.contains("page 3 failed after 200 studies"))
        #expect(reason.contains("retrieved 200 of the 250 records ClinicalTrials.gov reported"))
    }

    @Test("Fewer studies than the reported total, or a token that repeats, end partial")
    func shortfallsArePartial() throws {
        let short = try ClinicalTrialsGovStandIn(studies: 150, reportedTotal: 160)
        let shortServer = try LoopbackServer(handler: short.handler)
        defer { shortServer.stop() }
        let shortResult = try ClinicalTrialsGovConnector().search(
            Query(text: "knee"), context: searchContext(endpoint: shortServer.url("/"), requestsPerSecond: 100))
        #expect(shortResult.records.count == 150)
        #expect(shortResult.completeness == .partial(reason: "retrieved 150 of the 160 records ClinicalTrials.gov reported"))

        let looping = try ClinicalTrialsGovStandIn(studies: 250, repeatToken: true)
        let loopServer = try LoopbackServer(handler: looping.handler)
        defer { loopServer.stop() }
        let loopResult = try ClinicalTrialsGovConnector().search(
            Query(text: "knee"), context: searchContext(endpoint: loopServer.url("/"), requestsPerSecond: 100))
        #expect(loopResult.records.count == 200)
        #expect(loopServer.requests.count == 2)
        guard case .partial(let reason) = loopResult.completeness else {
            Issue.record("expected partial, got \(loopResult.completeness)")
            return
        }
        #expect(reason.hasPrefix("page 2 named itself as the next page again; no progress"))
        #expect(reason.hasSuffix("retrieved 200 of the 250 records ClinicalTrials.gov reported"))
    }

    @Test("The recorded page served as it is: its token is followed; without totalCount only a limit is complete")
    func recordedPageWithoutCount() throws {
        let recorded = try fixture("clinicaltrials", Self.capture)
        let server = try LoopbackServer { request in
            request.parameter("pageToken") == "KV165pePlfg" ? .respond(.json(#"{"studies": []}"#)) : .respond(.json(recorded))
        }
        defer { server.stop() }
        let context = searchContext(endpoint: server.url("/api/v2/"), requestsPerSecond: 100)
        let all = try ClinicalTrialsGovConnector().search(Query(text: "knee"), context: context)
        #expect(all.records.map(\.nativeID) == ["NCT05013879", "NCT00517179"])
        #expect(all.reportedCount == nil)
        #expect(all.completeness == .partial(reason: "ClinicalTrials.gov gave no totalCount, so completeness cannot be checked"))
        #expect(server.requests.map { $0.parameter("pageToken") } == [nil, "KV165pePlfg"])
        let two = try ClinicalTrialsGovConnector().search(Query(text: "knee", limit: 2), context: context)
        #expect(two.records.count == 2)
        #expect(two.completeness == .complete)
        #expect(server.requests.count == 3)
    }

    @Test("Registered in the built-in list with its options")
    func registered() throws {
        let factory = try #require(ConnectorRegistry.builtIn["clinicaltrials"])
        #expect(factory.descriptor.name == "ClinicalTrials.gov")
        #expect(factory.descriptor.supportsDateWindow)
        #expect(factory.descriptor.options.map(\.name) == ["page_size", "date_field"])
    }
}

/// A loopback ClinicalTrials.gov: `studies` copies of the recorded studies (renumbered `NCT9…`), served
/// `pageSize` at a time with `page-N` tokens and `totalCount` on the first page when `countTotal=true`.
struct ClinicalTrialsGovStandIn: Sendable {
    /// Page bodies by the token that asks for them (`""` for the first page).
    let pages: [String: Data]
    let failing: [String: ServerResponse]

    init(
        studies count: Int, pageSize: Int = 100, reportedTotal: Int? = nil, failing: [String: ServerResponse] = [:],
        repeatToken: Bool = false
    ) throws {
        let recorded = try JSONSerialization.jsonObject(
            with: fixture("clinicaltrials", ClinicalTrialsGovConnectorTests.capture)) as? [String: Any]
        guard let templates = recorded?["studies"] as? [[String: Any]], !templates.isEmpty else {
            throw FixtureMissing(name: "clinicaltrials/\(ClinicalTrialsGovConnectorTests.capture) studies")
        }
        let studies: [[String: Any]] = (0..<count).map { index in
            var study = templates[index % templates.count]
            var protocolSection = study["protocolSection"] as? [String: Any] ?? [:]
            var identification = protocolSection["identificationModule"] as? [String: Any] ?? [:]
            identification["nctId"] = String(format: "NCT9%07d", index + 1)
            protocolSection["identificationModule"] = identification
            study["protocolSection"] = protocolSection
            return study
        }
        var pages: [String: Data] = [:]
        let pageCount = max(1, (count + pageSize - 1) / pageSize)
        for number in 1...pageCount {
            var body: [String: Any] = ["studies": Array(studies[((number - 1) * pageSize)..<min(count, number * pageSize)])]
            if number == 1 { body["totalCount"] = reportedTotal ?? count }
            if number < pageCount { body["nextPageToken"] = repeatToken ? "page-2" : "page-\(number + 1)" }
            pages[number == 1 ? "" : "page-\(number)"] = try JSONSerialization.data(withJSONObject: body)
        }
        self.pages = pages
        self.failing = failing
    }

    var handler: @Sendable (RecordedRequest) -> ServerAction {
        let pages = pages
        let failing = failing
        return { request in
            let token = request.parameter("pageToken") ?? ""
            if let fault = failing[token] { return .respond(fault) }
            guard request.path.hasSuffix("/studies"), var body = pages[token] else {
                return .respond(.text("Unknown pageToken", status: 400))
            }
            if request.parameter("countTotal") != "true", token.isEmpty,
                var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
            {
                object["totalCount"] = nil
                body = (try? JSONSerialization.data(withJSONObject: object)) ?? body
            }
            return .respond(.json(body))
        }
    }
}
