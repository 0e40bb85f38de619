import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

@Suite("RIS import")
struct RISReaderTests {
    @Test("Cochrane CENTRAL RIS (EndNote): record headers, `TY  -  JOUR`, AN, C3 cross-references")
    func cochraneRIS() throws {
        let (records, report) = try importFixture("cochrane", "central_export_ris_endnote.ris", database: "cochrane")
        #expect(try ImportFormat.detect(atPath: fixturePath("cochrane", "central_export_ris_endnote.ris")) == .ris)
        #expect(records.count == 3)
        #expect(report.recordsRead == 3)
        #expect(report.diagnostics.isEmpty)

        let first = try #require(records.first)
        #expect(first.database == "cochrane")
        #expect(first.nativeID == "CN-00778158")
        #expect(first.title?.hasPrefix("The Incredible Years Therapeutic Dinosaur Programme") == true)
        #expect(first.authors.count == 5)
        #expect(first.authors[0].family == "Bywater")
        #expect(first.authors[0].initials == "T")
        #expect(first.authors[0].given == "T")
        #expect(first.journal == "Trials")
        #expect(first.year == 2011)
        #expect(first.volume == "12")
        #expect(first.pages == "39")
        #expect(first.doi == "10.1186/1745-6215-12-39")
        #expect(first.pmid == "21314913")
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "pmid", value: "21314913")))
        #expect(first.identifiers.contains(RecordIdentifier(scheme: "cochrane", value: "CN-00778158")))
        #expect(first.keywords.first == "*school health service")
        #expect(first.publicationTypes == ["Journal Article"])
        #expect(first.url == "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full")
        #expect(first.abstract?.hasPrefix("BACKGROUND: School interventions") == true)

        let second = records[1]
        #expect(second.nativeID == "CN-02677909")
        #expect(second.pmid == "38407106")
        #expect(second.identifiers.contains(RecordIdentifier(scheme: "embase", value: "643589775")))
        #expect(second.pages == "1279-1297")
        #expect(second.issue == "7")
        #expect(second.authors.map(\.displayName).prefix(2) == ["Kim, JS", "Gilbert, JB"])

        let last = try #require(records.last)
        #expect(last.nativeID == "CN-02575572")
        #expect(last.title == "The Incredible Years Parenting and Child Treatment Programs: a Randomized Controlled Trial in a Child Welfare Setting in Spain")
        #expect(last.authors.map(\.family) == ["Arruabarrena", "Rivas", "Cañas", "Paúl"])
        #expect(last.year == 2022)
        #expect(last.pages == "43-58")
        #expect(last.doi == "10.5093/pi2022a2")
        #expect(last.journal == "Psychosocial intervention = intervencion psicosocial")
    }

    @Test("an abstract line starting ER is not an end of record; a file without final ER keeps its last record")
    func erInsideAbstractAndNoFinalER() throws {
        let (records, report) = try importFixture("synthetic", "synthetic_er_in_abstract_no_final_er.ris")
        #expect(records.count == 2)
        let first = try #require(records.first)
        #expect(first.nativeID == "rec-001")
        #expect(first.abstract == "BACKGROUND: Stress responses were studied in cultured cells. ER stress markers rose after exposure; ERK signalling was unchanged.")
        #expect(first.keywords == ["asthma", "ER stress"])
        #expect(first.authors.map(\.family) == ["O'Brien", "Tanaka", "Sartre"])
        #expect(first.authors.map(\.given) == ["Mary-Kate", nil, "Jean-Paul"])
        #expect(first.authors[1].initials == "H")
        #expect(first.pages == "221-228")
        #expect(first.doi == "10.1000/syn.2019.001")
        #expect(first.date == PublicationDate(year: 2019, month: 3, day: 15))
        #expect(first.journal == "Journal of Synthetic Tests")
        #expect(first.journalAbbreviation == "J Synth Tests")
        #expect(first.issns == [ISSN("1234-5678")])

        let last = try #require(records.last)
        #expect(last.nativeID == "99887766")
        #expect(last.title == "한국어 제목의 합성 시험 기록")
        #expect(last.otherTitle == "A synthetic record with a Korean title")
        #expect(last.authors.first?.family == "Kim")
        #expect(last.authors.first?.given == "Min-jun")
        #expect(last.date == PublicationDate(year: 2021, month: 7))
        #expect(last.pages == "e1002")
        #expect(last.abstract == "The last record has no closing ER line.")
        // The missing ER is reported with the line of the record's TY.
        #expect(report.diagnostics.contains { $0.location?.hasSuffix("synthetic_er_in_abstract_no_final_er.ris:28") == true })
    }

    @Test("UTF-16 LE with a byte-order mark (KISS-like record, Korean and English titles)")
    func utf16LittleEndian() throws {
        let path = try fixturePath("synthetic", "synthetic_utf16le_bom.ris")
        #expect(try ImportFormat.detect(atPath: path) == .ris)
        let (records, _) = try importFixture("synthetic", "synthetic_utf16le_bom.ris", database: "kiss")
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.database == "kiss")
        #expect(record.nativeID == "KISS-000123")
        #expect(record.title == "성인 천식 환자의 흡입제 사용")
        #expect(record.otherTitle == "Inhaler use in adults with asthma")
        #expect(record.authors.first?.literal == "홍길동")
        #expect(record.authors.last?.family == "Lee")
        #expect(record.journal == "대한내과학회지")
        #expect(record.pages == "10-19")
    }

    @Test("files that are not UTF-8: EUC-KR (Korean) and Windows-1252, each with a diagnostic")
    func legacyEncodings() throws {
        let (korean, koreanReport) = try importFixture("synthetic", "synthetic_euckr.ris", database: "kiss")
        #expect(korean.first?.title == "한국어 초록이 있는 논문")
        #expect(korean.first?.otherTitle == "A paper with a Korean abstract")
        #expect(korean.first?.journal == "대한의학회지")
        #expect(koreanReport.diagnostics.map(\.message) == ["the file is not UTF-8; read as EUC-KR (Korean)"])
        let (latin, latinReport) = try importFixture("synthetic", "synthetic_windows1252.ris")
        #expect(latin.first?.title == "Niños y café")
        #expect(latin.first?.authors.first?.displayName == "Cañas, María")
        #expect(latinReport.diagnostics.first?.severity == .warning)
        #expect(latinReport.diagnostics.first?.message.contains("Windows-1252") == true)
    }

    @Test("a record without any id gets a stable file#n id; UTF-8 BOM and lone CR line ends are read")
    func fallbackIDs() throws {
        let text = "\u{FEFF}TY  - JOUR\rTI  - First\rER  - \r\rTY  - JOUR\rTI  - Second\rER  - \r"
        let path = try temporaryFile("cr.ris", text)
        let (records, _) = try ImportParser(database: "x").records(atPath: path)
        #expect(records.map(\.nativeID) == ["cr.ris#1", "cr.ris#2"])
        #expect(records.map(\.title) == ["First", "Second"])
    }

    @Test("a Cochrane `Record #n of N` header ends a record that lacks its ER")
    func cochraneHeaderEndsRecord() throws {
        let text = """
            Record #1 of 2
            Provider: John Wiley & Sons, Ltd.
            Content: text/plain; charset="UTF-8"

            TY  -  JOUR
            AN  -  CN-00000001
            TI  -  First without ER

            Record #2 of 2
            Provider: John Wiley & Sons, Ltd.
            Content: text/plain; charset="UTF-8"

            TY  -  JOUR
            AN  -  CN-00000002
            TI  -  Second
            ER  -\u{20}

            """
        let path = try temporaryFile("cochrane.ris", text)
        let (records, report) = try ImportParser(database: "cochrane").records(atPath: path)
        #expect(records.map(\.nativeID) == ["CN-00000001", "CN-00000002"])
        #expect(records.map(\.title) == ["First without ER", "Second"])
        #expect(report.diagnostics.map(\.location) == [path + ":5"])
    }

    @Test("a record with no bibliographic field is skipped with its line")
    func emptyRecordSkipped() throws {
        let path = try temporaryFile("empty.ris", "TY  - JOUR\nTI  - Kept\nER  - \n\nTY  - JOUR\nCC  - Only a group\nER  - \n")
        let (records, report) = try ImportParser(database: "x").records(atPath: path)
        #expect(records.count == 1)
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.location == path + ":5")
        #expect(report.diagnostics.first?.message.contains("skipped") == true)
    }
}
