import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

@Suite("EndNote XML import")
struct EndNoteXMLReaderTests {
    @Test("dedupe-sweep copper.xml: 505 records, 281 captioned Duplicate")
    func copper() throws {
        let path = try fixturePath("dedup/dedupe-sweep", "copper.xml")
        #expect(try ImportFormat.detect(atPath: path) == .endnoteXML)
        let (records, report) = try importFixture("dedup/dedupe-sweep", "copper.xml", database: "endnote")
        #expect(records.count == 505)
        #expect(report.recordsRead == 505)
        #expect(report.diagnostics.isEmpty)
        #expect(records.filter { $0.identifiers.contains(RecordIdentifier(scheme: "caption", value: "Duplicate")) }.count == 281)
        #expect(Set(records.map(\.nativeID)).count == 505)

        let first = try #require(records.first)
        #expect(first.nativeID == "258")
        #expect(first.title == "Zinc, copper, CD4 T-cell count and some hematological parameters of HIV-infected subjects in Southern Nigeria")
        #expect(first.authors.count == 7)
        #expect(first.authors[0].family == "Asemota")
        #expect(first.authors[0].initials == "EA")
        #expect(first.journal == "Integrative Medicine Research")
        #expect(first.pages == "53-60")
        #expect(first.volume == "7")
        #expect(first.issue == "1")
        #expect(first.doi == "10.1016/j.imr.2018.01.008")
        #expect(first.publicationTypes == ["Journal Article"])
        #expect(first.keywords.first == "copper")
    }

    @Test("dedupe-sweep tafenoquine.xml: 179 records, dates, ISSNs, PMIDs from MEDLINE accession numbers")
    func tafenoquine() throws {
        let (records, report) = try importFixture("dedup/dedupe-sweep", "tafenoquine.xml", database: "endnote")
        #expect(records.count == 179)
        #expect(report.recordsRead == 179)
        #expect(records.filter { $0.identifiers.contains(RecordIdentifier(scheme: "caption", value: "Duplicate")) }.count == 114)

        let first = try #require(records.first)
        #expect(first.nativeID == "19")
        #expect(first.title == "8-Aminoquinoline Therapy for Latent Malaria")
        #expect(first.authors.map(\.displayName) == ["Baird, J. K."])
        #expect(first.authors.first?.initials == "JK")
        #expect(first.journal == "Clin Microbiol Rev")
        #expect(first.date == PublicationDate(year: 2019, month: 9, day: 18))
        #expect(first.doi == "10.1128/cmr.00011-19")
        #expect(first.issns.first == ISSN("0893-8512", kind: .print))
        #expect(first.volume == "32")
        #expect(first.issue == "4")
        #expect(first.abstract?.hasPrefix("The technical genesis and practice of 8-aminoquinoline therapy") == true)
        let last = try #require(records.last)
        #expect(last.nativeID == "35")
        #expect(last.title == "Validation of the quantitative point-of-care CareStart biosensor for assessment of G6PD activity in venous blood")
        #expect(last.authors.count == 8)
        #expect(last.authors.last?.displayName == "Nosten, F.")
        #expect(last.journal == "PLoS One")
        #expect(last.pages == "e0196716")
    }

    @Test("a file that is not EndNote XML fails naming the file")
    func wrongRoot() throws {
        let path = try temporaryFile("other.xml", "<?xml version=\"1.0\"?><library><item/></library>")
        #expect(throws: ConnectorError.self) { try ImportParser(database: "x", format: .endnoteXML).records(atPath: path) }
        do {
            _ = try ImportParser(database: "x", format: .endnoteXML).records(atPath: path)
        } catch let error as ConnectorError {
            #expect(error.location == path)
            #expect(error.message.contains("<library>"))
        }
    }
}
