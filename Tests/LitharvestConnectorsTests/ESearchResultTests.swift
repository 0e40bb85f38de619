import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestConnectors

@Suite("ESearch answers, every shape NCBI sends with HTTP 200")
struct ESearchResultTests {
    private func parse(_ name: String) throws -> ESearchResult {
        try ESearchResult.parse(
            HTTPResponseSummary(status: 200, mediaType: "text/xml", body: try fixture("pubmed", name), url: name))
    }

    @Test func basicSearch() throws {
        let result = try parse("esearch_pubmed_basic.xml")
        #expect(result.count == 63)
        #expect(result.ids.count == 20)
        #expect(result.ids.first == "41282813")
        #expect(result.queryTranslation == "\"biopython\"[All Fields]")
        #expect(result.webEnv == nil)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func historyAndDateWindowTranslation() throws {
        let result = try parse("esearch_pubmed_usehistory_reldate.xml")
        #expect(result.queryKey == "1")
        #expect(result.webEnv?.hasPrefix("MCID_") == true)
        #expect(result.ids.count == 100)
        #expect(result.queryTranslation?.contains("2025/09/27:2025/11/26[Date - Entry]") == true)
        #expect(result.translations.contains { $0.from == "cancer" })
    }

    @Test func paging() throws {
        let result = try parse("esearch_pubmed_retstart_journal.xml")
        #expect(result.count == 2651)
        #expect(result.retStart == 6)
        #expect(result.ids.count == 6)
        #expect(result.queryTranslation == "\"proc natl acad sci u s a\"[Journal] AND \"97\"[Volume]")
        #expect(result.translations.contains { $0.to == "\"Proc Natl Acad Sci U S A\"[Journal:__jid7505876]" })
    }

    @Test func pmcIdsAreNumeric() throws {
        let result = try parse("esearch_pmc.xml")
        #expect(result.count > 0)
        #expect(result.ids.allSatisfy { $0.allSatisfy(\.isNumber) })
    }

    @Test func phraseNotFoundWithNoItemsIsAnErrorDiagnosticNotSilence() throws {
        let result = try parse("esearch_phrasenotfound_noitems.xml")
        #expect(result.count == 0)
        #expect(result.errors.map(\.kind) == ["PhraseNotFound"])
        #expect(result.errors.first?.text == "abcXYZ")
        let messages = result.diagnostics.map(\.message)
        #expect(result.diagnostics.contains { $0.severity == .error })
        #expect(messages.contains { $0.contains("abcXYZ") })
        #expect(!messages.contains { $0.contains("No items found") })
    }

    @Test func partlyDroppedQueryStillReturnsResultsButSaysSoLoudly() throws {
        let result = try parse("esearch_partial_phrasenotfound.xml")
        #expect(result.count == 5163)
        #expect(result.ids.count == 20)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("fleegle[MeSH Terms]"))
        #expect(error.message.contains("did not run part of the query"))
    }

    @Test func errorElementIsAnErrorNotZeroHits() throws {
        do {
            _ = try parse("esearch_error_invalid_db.xml")
            Issue.record("an <ERROR> answer must throw")
        } catch let error as ConnectorError {
            #expect(error.kind == .databaseError)
            #expect(error.message.contains("Invalid db name specified: fleegle"))
        }
    }

    @Test func otherUtilitiesAnswersAreRecognisedAsNotESearch() throws {
        let roots = [
            "esummary_error_no_id.xml": "eSummaryResult", "esummary_pubmed_v1.xml": "eSummaryResult",
            "esummary_pubmed_v2.xml": "eSummaryResult", "einfo_pubmed.xml": "eInfoResult", "epost_pubmed.xml": "ePostResult",
        ]
        for (name, root) in roots {
            do {
                _ = try parse(name)
                Issue.record("\(name) was taken for an ESearch answer")
            } catch let error as ConnectorError {
                #expect(error.kind == .unexpectedResponse)
                #expect(error.message.contains("expected <eSearchResult>, got <\(root)>"))
            }
        }
    }

    @Test func recordedCassetteBodiesParse() throws {
        // The HAWC cassette holds two POSTed ESearch answers: rettype=count, then the ids.
        let cassette = try VCRCassette(path: try fixturePath("pubmed", "http_cassette_esearch_count_then_ids.yaml"))
        #expect(cassette.interactions.count == 2)
        #expect(cassette.interactions.allSatisfy { $0.method == "POST" && $0.status == 200 })
        let answers = try cassette.interactions.map {
            try ESearchResult.parse(HTTPResponseSummary(status: $0.status, mediaType: "text/xml", body: $0.body, url: $0.uri))
        }
        #expect(answers[0].count == 6)
        #expect(answers[0].ids.isEmpty)
        #expect(answers[1].count == 6)
        #expect(answers[1].ids.count == 6)
        #expect(answers[1].queryTranslation?.contains("2008/01/01:2008/12/31[Date - Publication]") == true)
    }

    @Test func einfoGivesTheDatabaseVersionForTheSearchLog() throws {
        let info = try EInfoResult.parse(
            HTTPResponseSummary(status: 200, mediaType: "text/xml", body: try fixture("pubmed", "einfo_pubmed.xml"), url: "einfo"))
        #expect(info == EInfoResult(database: "pubmed", build: "Build-2025.11.27.06.33", count: 39_730_388, lastUpdate: "2025/11/27 06:33"))
        #expect(info.note.message == "searched pubmed Build-2025.11.27.06.33, last updated 2025/11/27 06:33, 39730388 records in the database")
    }

    @Test func esummaryErrorIsNotReadAsAnEInfo() throws {
        do {
            _ = try EInfoResult.parse(HTTPResponseSummary(
                status: 200, mediaType: "text/xml", body: try fixture("pubmed", "esummary_error_no_id.xml"), url: "x"))
            Issue.record("must throw")
        } catch let error as ConnectorError {
            #expect(error.message.contains("got <eSummaryResult>"))
        }
    }

    @Test func htmlMaintenancePageIsAnError() throws {
        let page = Data("<!DOCTYPE html><html><head><title>NCBI Maintenance</title></head><body>down_bethesda</body></html>".utf8)
        do {
            _ = try ESearchResult.parse(HTTPResponseSummary(status: 200, mediaType: "text/html", body: page, url: "u"))
            Issue.record("an HTML page must throw")
        } catch let error as ConnectorError {
            #expect(error.kind == .unexpectedResponse)
            #expect(error.message.contains("NCBI Maintenance"))
        }
    }

}
