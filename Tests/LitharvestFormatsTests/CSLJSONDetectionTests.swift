import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

@Suite("CSL-JSON import and format detection")
struct CSLJSONDetectionTests {
    @Test("CSL-JSON from Zotero-style items")
    func cslJSON() throws {
        let json = """
        [{"id":"item-1","type":"article-journal","title":"A CSL title","author":[{"family":"Doe","given":"Jane Q"},{"literal":"The BMJ Group"}],
          "issued":{"date-parts":[[2021,4,2]]},"container-title":"CSL Journal","volume":5,"page":"101-9","DOI":"https://doi.org/10.1000/CSL.1",
          "PMID":"33000001","keyword":"one, two","ISSN":"1111-2222"},
         {"id":"item-2","type":"chapter","title":"Second","issued":{"raw":"2019-11"}},
         "not an item"]
        """
        let path = try temporaryFile("items.json", json)
        #expect(try ImportFormat.detect(atPath: path) == .cslJSON)
        let (records, report) = try ImportParser(database: "zotero").records(atPath: path)
        #expect(records.count == 2)
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.location == path + ": item 3")
        let first = records[0]
        #expect(first.nativeID == "item-1")
        #expect(first.authors[0].given == "Jane Q")
        #expect(first.authors[0].initials == "JQ")
        #expect(first.authors[1].literal == "The BMJ Group")
        #expect(first.date == PublicationDate(year: 2021, month: 4, day: 2))
        #expect(first.volume == "5")
        #expect(first.pages == "101-109")
        #expect(first.doi == "10.1000/csl.1")
        #expect(first.pmid == "33000001")
        #expect(first.keywords == ["one", "two"])
        #expect(first.issns == [ISSN("1111-2222")])
        #expect(records[1].date == PublicationDate(year: 2019, month: 11))
        #expect(records[1].publicationTypes == ["Book Chapter"])
    }

    @Test("detection by content, whatever the extension")
    func detection() throws {
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.txt", "PMID- 1\nTI  - x\n")) == .medline)
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.txt", "\n\nTY  - JOUR\nTI  - x\nER  - \n")) == .ris)
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.txt", "% comment\n@Article{k, title={x}}\n")) == .bibtex)
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.dat", "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet/>")) == .pubmedXML)
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.dat", "<?xml version=\"1.0\"?><xml><records><record/></records></xml>")) == .endnoteXML)
        // An API response with <record> elements (KCI, NAL) is not an export: the database's own parser reads it.
        #expect(throws: (any Error).self) {
            try ImportFormat.detect(atPath: temporaryFile("a.xml", "<?xml version=\"1.0\"?><MetaData><outputData><record><x/></record></outputData></MetaData>"))
        }
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.ris", "title,author\nx,y\n")) == .csv)
        // Tag lines without TY or PMID: the extension breaks the tie.
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.nbib", "TI  - x\nAU  - y\n")) == .medline)
        #expect(try ImportFormat.detect(atPath: temporaryFile("a.ris", "TI  - x\nAU  - y\n")) == .ris)
        #expect(ImportFormat(name: "nbib") == .medline)
        #expect(ImportFormat(name: "endnote-xml") == .endnoteXML)
        #expect(ImportFormat(name: "word") == nil)
    }

    @Test("Excel is detected by its OLE2 signature and refused with a pointer to the database's importer")
    func excel() throws {
        let path = try fixturePath("riss", "riss_excel_export_20250812152237.xls")
        #expect(try ImportFormat.detect(atPath: path) == .xls)
        do {
            _ = try ImportParser(database: "x").records(atPath: path)
            Issue.record("expected an error")
        } catch let error as ConnectorError {
            #expect(error.message == "Excel exports are read by the database's own importer (e.g. --database riss)")
            #expect(error.location == path)
        }
    }

    @Test("a garbage file is an error naming the file")
    func garbage() throws {
        let path = try fixturePath("synthetic", "synthetic_garbage.txt")
        do {
            _ = try ImportParser(database: "x").records(atPath: path)
            Issue.record("expected an error")
        } catch let error as ConnectorError {
            #expect(error.location == path)
            #expect(error.message.contains("not an export file"))
            #expect(error.description.hasPrefix(path))
        }
    }

    @Test("a missing file is an error naming it")
    func missingFile() throws {
        #expect(throws: ConnectorError.self) { try ImportParser(database: "x").records(atPath: "/nonexistent/file.ris") }
        #expect(throws: ConnectorError.self) { try ImportParser(database: "x", format: .ris).records(atPath: "/nonexistent/file.ris") }
    }
}
