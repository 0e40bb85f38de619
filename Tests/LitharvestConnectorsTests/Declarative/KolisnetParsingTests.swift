import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The shipped KOLIS-NET spec reading synthetic answers built from reference §9 (no real one exists).
@Suite("KOLIS-NET declarative spec: parsing")
struct KolisnetParsingTests {
    let spec: ConnectorSpec

    init() throws {
        spec = try shippedSpec("kolisnet")
    }

    @Test func synthesizedSearchAnswerMapsToRecords() throws {
        let body = try fixture("kolisnet", "synthetic_kolisnet_open_search.xml")
        let page = try DeclarativePage.read(body, status: 200, spec: spec, location: "open.php")
        #expect(page.total == 3)
        #expect(page.records.map(\.nativeID) == ["1234567890", "2234567891", "3234567892"])
        let first = page.records[0]
        #expect(first.database == "kolisnet")
        #expect(first.title == "근막통증증후군의 근육내자극치료")
        #expect(first.otherTitle == "Intramuscular stimulation for myofascial pain")
        #expect(first.authors.map(\.displayName) == ["김철수 지음", "이영희 옮김"])
        #expect(first.journal == "대한의학서적")
        #expect(first.date == PublicationDate(year: 2011))
        #expect(first.publicationTypes == ["단행본"])
        #expect(first.identifiers == [RecordIdentifier(scheme: "kolisnet_rec_key", value: "1234567890")])
        // Escaped markup inside the text is decoded and stripped; a real ampersand survives.
        #expect(page.records[1].title == "근육내자극 치료의 실제")
        #expect(page.records[1].journal == "의학출판사 & 연구소")
        #expect(page.records[2].authors == [Author(family: "Gunn", given: "Chan")])
        #expect(page.records[2].date?.year == 1996)
    }

    @Test func errorInfoIsADatabaseError() throws {
        let body = try fixture("kolisnet", "synthetic_kolisnet_error.xml")
        let error = try #require(throws: ConnectorError.self) {
            try DeclarativePage.read(body, status: 200, spec: spec, location: "open.php?value1=")
        }
        #expect(error.kind == .databaseError)
        #expect(error.message.contains("검색어를 입력하십시오"))
        #expect(error.location == "open.php?value1=")
    }

    @Test func zeroTotalWithoutRecordsIsNoHits() throws {
        let body = Data("<METADATA><TOTAL>0</TOTAL></METADATA>".utf8)
        let page = try DeclarativePage.read(body, status: 200, spec: spec, location: "open.php")
        #expect(page.total == 0)
        #expect(page.records.isEmpty)
    }

    @Test func aRecordWithoutItsKeyIsSkippedWithAWarning() throws {
        let body = Data("<METADATA><TOTAL>2</TOTAL><RECORD><TITLE>no key</TITLE></RECORD><RECORD><REC_KEY>9</REC_KEY></RECORD></METADATA>".utf8)
        let page = try DeclarativePage.read(body, status: 200, spec: spec, location: "saved.xml")
        #expect(page.records.map(\.nativeID) == ["9"])
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics.first?.severity == .warning)
        #expect(page.diagnostics.first?.message == "record 1 has no native id (REC_KEY); skipped")
        #expect(page.diagnostics.first?.location == "saved.xml")
    }

    @Test func brokenXMLIsAnUnexpectedResponse() throws {
        let error = try #require(throws: ConnectorError.self) {
            try DeclarativePage.read(Data("<METADATA><TOTAL>3".utf8), status: 200, spec: spec, location: "open.php")
        }
        #expect(error.kind == .unexpectedResponse)
    }
}
