import Foundation
import LitharvestModel
import LitharvestCore
import LitharvestFormats
import Testing

/// Exact output of each exporter for one record, and the escaping, quoting and wrapping rules.
@Suite("Export formats: exact text")
struct ExportFormatTests {
    static let sample = Record(
        database: "pubmed", nativeID: "16683455",
        title: "Effect of intramuscular stimulation (IMS) on Gunn's myofascial pain",
        authors: [
            Author(
                family: "Lee", given: "Young Jae", initials: "YJ", orcid: "0000-0002-1825-0097",
                affiliations: ["Department of Anesthesiology, Seoul, Korea."]),
            Author(family: "Ahn", initials: "K"),
            Author(literal: "IMS Study Group"),
        ],
        journal: "The Korean journal of pain", journalAbbreviation: "Korean J Pain",
        issns: [ISSN("2005-9159", kind: .print), ISSN("2093-0569", kind: .electronic), ISSN("2005-9159", kind: .linking)],
        date: PublicationDate(year: 2006, month: 6), volume: "19", issue: "1", pages: "221-8",
        doi: "10.3344/kjp.2006.19.1.221", pmid: "16683455", pmcid: "PMC1234567",
        abstract: "BACKGROUND: Pain.\n\nMETHODS: Needles.", keywords: ["IMS", "dry needling"],
        subjects: [
            SubjectTerm(term: "Humans", scheme: "MeSH"),
            SubjectTerm(term: "Myofascial Pain Syndromes", qualifiers: [.init(name: "therapy", isMajor: true)], scheme: "MeSH"),
            SubjectTerm(term: "Electric Stimulation Therapy", isMajor: true, qualifiers: [.init(name: "methods")], scheme: "MeSH"),
        ],
        languages: ["eng"], publicationTypes: ["Journal Article"], url: "https://pubmed.ncbi.nlm.nih.gov/16683455/",
        identifiers: [RecordIdentifier(scheme: "pii", value: "kjp-19-221")])

    static let labels: DatabaseLabels = { id in
        id == "pubmed" ? DatabaseLabel(name: "MEDLINE/PubMed", platform: "NCBI E-utilities") : nil
    }

    static func output(_ format: OutputFormat, _ records: [Record]) throws -> String {
        let sink = StringSink()
        var writer = format.writer(into: sink, databaseLabels: labels)
        try writer.begin()
        for record in records { try writer.write(record) }
        try writer.finish()
        return sink.text
    }

    // MARK: Golden output

    @Test func risGolden() throws {
        let lines = [
            "TY  - JOUR",
            "AU  - Lee, Young Jae",
            "AU  - Ahn, K",
            "AU  - IMS Study Group",
            "TI  - Effect of intramuscular stimulation (IMS) on Gunn's myofascial pain",
            "T2  - The Korean journal of pain",
            "J2  - Korean J Pain",
            "PY  - 2006",
            "DA  - 2006/06//",
            "VL  - 19",
            "IS  - 1",
            "SP  - 221",
            "EP  - 228",
            "SN  - 2005-9159; 2093-0569",
            "DO  - 10.3344/kjp.2006.19.1.221",
            "AB  - BACKGROUND: Pain. METHODS: Needles.",
            "KW  - IMS",
            "KW  - dry needling",
            "KW  - Humans",
            "KW  - Myofascial Pain Syndromes",
            "KW  - Electric Stimulation Therapy",
            "LA  - eng",
            "AN  - 16683455",
            "DB  - MEDLINE/PubMed",
            "DP  - NCBI E-utilities",
            "C2  - PMC1234567",
            "UR  - https://pubmed.ncbi.nlm.nih.gov/16683455/",
            "ER  - ",
            "",
        ]
        #expect(try Self.output(.ris, [Self.sample]) == lines.map { $0 + "\r\n" }.joined())
    }

    @Test func medlineGolden() throws {
        let lines = [
            "PMID- 16683455",
            "IS  - 2005-9159 (Print)",
            "IS  - 2093-0569 (Electronic)",
            "IS  - 2005-9159 (Linking)",
            "VI  - 19",
            "IP  - 1",
            "DP  - 2006 Jun",
            "TI  - Effect of intramuscular stimulation (IMS) on Gunn's myofascial pain",
            "PG  - 221-228",
            "LID - 10.3344/kjp.2006.19.1.221 [doi]",
            "AB  - BACKGROUND: Pain. METHODS: Needles.",
            "FAU - Lee, Young Jae",
            "AU  - Lee YJ",
            "AUID- ORCID: 0000-0002-1825-0097",
            "AD  - Department of Anesthesiology, Seoul, Korea.",
            "FAU - Ahn, K",
            "AU  - Ahn K",
            "CN  - IMS Study Group",
            "LA  - eng",
            "PT  - Journal Article",
            "TA  - Korean J Pain",
            "JT  - The Korean journal of pain",
            "MH  - Humans",
            "MH  - Myofascial Pain Syndromes/*therapy",
            "MH  - *Electric Stimulation Therapy/methods",
            "PMC - PMC1234567",
            "OT  - IMS",
            "OT  - dry needling",
            "AID - 10.3344/kjp.2006.19.1.221 [doi]",
            "AID - kjp-19-221 [pii]",
            "SO  - Korean J Pain. 2006 Jun;19(1):221-228. doi: 10.3344/kjp.2006.19.1.221.",
            "",
        ]
        #expect(try Self.output(.nbib, [Self.sample]) == lines.map { $0 + "\n" }.joined())
    }

    @Test func bibtexGolden() throws {
        let expected = """
            @article{lee2006effect,
              author = {Lee, Young Jae and Ahn, K and {IMS Study Group}},
              title = {Effect of intramuscular stimulation {(IMS)} on {Gunn's} myofascial pain},
              journal = {The Korean journal of pain},
              shortjournal = {Korean J Pain},
              year = {2006},
              month = jun,
              volume = {19},
              number = {1},
              pages = {221--228},
              doi = {10.3344/kjp.2006.19.1.221},
              pmid = {16683455},
              pmcid = {PMC1234567},
              issn = {2005-9159, 2093-0569},
              abstract = {BACKGROUND: Pain. METHODS: Needles.},
              keywords = {IMS, dry needling, Humans, Myofascial Pain Syndromes, Electric Stimulation Therapy},
              language = {eng},
              url = {https://pubmed.ncbi.nlm.nih.gov/16683455/}
            }


            """
        #expect(try Self.output(.bibtex, [Self.sample]) == expected)
    }

    @Test func csvGolden() throws {
        let header = """
            "record_id","title","author","year","journal","volume","number","pages","doi","abstract","isbn",\
            "keywords","url","language","database","native_id","pmid","pmcid","issn","other_title",\
            "other_abstract","author_romanised","publisher","cluster_id"
            """
        let row = """
            "pubmed:16683455","Effect of intramuscular stimulation (IMS) on Gunn's myofascial pain",\
            "Lee, Young Jae; Ahn, K; IMS Study Group","2006","The Korean journal of pain","19","1","221-228",\
            "10.3344/kjp.2006.19.1.221","BACKGROUND: Pain. METHODS: Needles.","",\
            "IMS; dry needling; Humans; Myofascial Pain Syndromes; Electric Stimulation Therapy",\
            "https://pubmed.ncbi.nlm.nih.gov/16683455/","eng","MEDLINE/PubMed","16683455","16683455","PMC1234567",\
            "2005-9159; 2093-0569","","","","",""
            """
        #expect(try Self.output(.csv, [Self.sample]) == header + "\r\n" + row + "\r\n")
    }

    // MARK: RIS

    @Test func risEveryRecordEndsWithERAndLinesEndInCRLF() throws {
        let text = try Self.output(.ris, [Self.sample, Record(database: "kci", nativeID: "ART1", title: "t")])
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(text.components(separatedBy: "ER  - \r\n\r\n").count == 3)
        let bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at byte \(index)")
        }
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            #expect(line.range(of: #"^[A-Z][A-Z0-9]  - "#, options: .regularExpression) != nil, "not a tag line: \(line)")
        }
        #expect(try Self.output(.ris, []) == "")
    }

    @Test func risDatesTypesAndOtherDatabases() {
        var record = Record(database: "kci", nativeID: "ART1", title: "t", pmid: "123")
        record.date = PublicationDate(year: 1990, text: "Spring")
        record.articleNumber = "e5"
        record.identifiers = [RecordIdentifier(scheme: "bookaccession", value: "NBK1"), RecordIdentifier(scheme: "isbn", value: "978-0-00-000000-0")]
        let fields = RISWriter.fields(for: record)
        let value = { (tag: String) in fields.filter { $0.tag == tag }.map(\.value) }
        #expect(value("TY") == ["BOOK"])
        #expect(value("DA") == ["1990///Spring"])
        #expect(value("SP") == ["e5"])
        #expect(value("EP") == [])
        #expect(value("SN") == ["978-0-00-000000-0"])
        #expect(value("DB") == ["kci"])
        #expect(value("DP") == [])
        #expect(value("N1") == ["PMID: 123"])
        record.date = PublicationDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan")
        #expect(RISWriter.fields(for: record).first { $0.tag == "DA" }?.value == "1998/12//")
        record.journal = "A book"
        #expect(RISWriter.type(for: record) == "CHAP")
        #expect(RISWriter.type(for: Record(database: "riss", nativeID: "1", publicationTypes: ["학위논문(박사)"])) == "THES")
        #expect(RISWriter.type(for: Record(database: "x", nativeID: "1", publicationTypes: ["Technical Report"])) == "RPRT")
    }

    // MARK: MEDLINE

    @Test func medlineWrapsFreeTextAtWordsWithinEightyColumns() {
        let words = (1...40).map { "word\($0)" }
        let text = MEDLINEWriter.line(tag: "AB", value: words.joined(separator: " "), wrapped: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= MEDLINEWriter.lineWidth })
        #expect(lines.first?.hasPrefix("AB  - ") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("      ") && !$0.hasPrefix("       ") })
        // Readers join continuation lines with one space: the value comes back unchanged.
        let joined = lines.map { $0.dropFirst(6) }.joined(separator: " ")
        #expect(joined == words.joined(separator: " "))

        let long = String(repeating: "x", count: 100)
        #expect(MEDLINEWriter.line(tag: "TI", value: "a \(long) b", wrapped: true) == "TI  - a\n      \(long)\n      b\n")
        #expect(MEDLINEWriter.line(tag: "OT", value: words.joined(separator: " "), wrapped: false).filter { $0 == "\n" }.count == 1)
    }

    @Test func medlineCountsHangulAsTwoColumns() {
        let value = Array(repeating: "가나", count: 30).joined(separator: " ")
        let lines = MEDLINEWriter.line(tag: "TI", value: value, wrapped: true).split(separator: "\n")
        // 74 columns of room: fifteen 4-column words and 14 spaces.
        #expect(lines.map { $0.dropFirst(6).split(separator: " ").count } == [15, 15])
    }

    @Test func medlineRecordsFromOtherDatabasesAndFreeTextDates() throws {
        var record = Record(database: "kci", nativeID: "ART1", title: "t", authors: [Author(family: "Park", given: "Ji-Hoon Sung")])
        record.date = PublicationDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan")
        let text = try Self.output(.nbib, [record])
        #expect(text == "DP  - 1998 Dec-1999 Jan\nTI  - t\nFAU - Park, Ji-Hoon Sung\nAU  - Park JHS\nAID - ART1 [kci]\n\n")
        record.date = PublicationDate(year: 1990, text: "Spring")
        #expect(MEDLINEWriter.fields(for: record).first { $0.tag == "DP" }?.value == "1990 Spring")
        record.date = PublicationDate(year: 2001, month: 3, day: 7)
        #expect(MEDLINEWriter.fields(for: record).first { $0.tag == "DP" }?.value == "2001 Mar 7")
    }

    @Test func medlineBooksAndChapters() {
        let book = Record(
            database: "pubmed", nativeID: "1", title: "GeneReviews", pmid: "1",
            identifiers: [RecordIdentifier(scheme: "bookaccession", value: "NBK1"), RecordIdentifier(scheme: "isbn", value: "978-1")])
        let tags = MEDLINEWriter.fields(for: book).map { "\($0.tag)=\($0.value)" }
        #expect(tags == ["PMID=1", "TI=GeneReviews", "ISBN=978-1", "AID=NBK1 [bookaccession]"])
        var chapter = book
        chapter.title = "Chapter one"
        chapter.journal = "GeneReviews"
        let chapterTags = MEDLINEWriter.fields(for: chapter).map { "\($0.tag)=\($0.value)" }
        #expect(chapterTags.contains("BTI=GeneReviews"))
        #expect(!chapterTags.contains { $0.hasPrefix("JT=") || $0.hasPrefix("CTI=") })
    }

    // MARK: BibTeX

    @Test func bibtexEscapesLaTeXSpecials() {
        #expect(
            BibTeXWriter.escape(#"a & b % c $ d # e _ f { g } h ~ i ^ j \ k"#)
                == ##"a \& b \% c \$ d \# e \_ f \textbraceleft{} g \textbraceright{} h \textasciitilde{} i \textasciicircum{} j \textbackslash{} k"##
        )
        #expect(BibTeXWriter.escape("근육 Müller") == "근육 Müller")
        let record = Record(
            database: "x", nativeID: "1", title: "t", authors: [Author(literal: "R&D {Group}"), Author(family: "Smith and Sons", given: "J")],
            journal: "J_1 & 2", doi: "10.1/a_b{c}%", url: "https://x.org/a_b#c")
        let entry = BibTeXWriter.entry(for: record, key: "k")
        #expect(entry.contains(#"author = {{R\&D \textbraceleft{}Group\textbraceright{}} and {Smith and Sons}, J},"#))
        #expect(entry.contains(#"journal = {J\_1 \& 2},"#))
        #expect(entry.contains("doi = {10.1/a_b%7Bc%7D%},"))
        #expect(entry.contains("url = {https://x.org/a_b#c}"))
        // Braces balance in every entry, whatever the data.
        var depth = 0
        for character in entry {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            #expect(depth >= 0)
        }
        #expect(depth == 0)
    }

    @Test func bibtexProtectsCapitalsWordByWord() {
        #expect(BibTeXWriter.protectedTitle("IMS for mRNA in Gunn's COVID-19 patients") == "{IMS} for {mRNA} in {Gunn's} {COVID-19} patients")
        #expect(BibTeXWriter.protectedTitle("Pain in Seoul: A review") == "Pain in {Seoul:} {A} review")
        #expect(BibTeXWriter.protectedTitle("근막통증 환자") == "근막통증 환자")
        #expect(BibTeXWriter.protectedTitle("R&D costs") == #"{R\&D} costs"#)
    }

    @Test func bibtexKeysAreStableAndUnique() throws {
        let korean = Record(
            database: "kci", nativeID: "ART1", title: "근막통증 환자", otherTitle: "Myofascial pain in patients",
            authors: [Author(family: "이", given: "영재", alternateNames: ["Lee, Young Jae"])], date: PublicationDate(year: 2006))
        #expect(BibTeXWriter.baseKey(for: korean) == "lee2006myofascial")
        #expect(BibTeXWriter.baseKey(for: Record(database: "riss", nativeID: "1")) == "rissnd")
        let accented = Record(database: "x", nativeID: "1", title: "The Ærø study of ß", authors: [Author(family: "Østergård-Müller")])
        #expect(BibTeXWriter.baseKey(for: accented) == "ostergardmullerndaero")
        #expect(BibTeXWriter.baseKey(for: Record(database: "x", nativeID: "1", title: "On the", authors: [Author(literal: "IMS Study Group")])) == "imsndon")

        let text = try Self.output(.bibtex, [Self.sample, Self.sample, Self.sample])
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("@") }
        #expect(keys == ["@article{lee2006effect,", "@article{lee2006effecta,", "@article{lee2006effectb,"])
    }

    @Test func bibtexEntryTypes() {
        var record = Record(database: "pubmed", nativeID: "1", title: "Chapter", journal: "Book", identifiers: [RecordIdentifier(scheme: "bookaccession", value: "NBK1")])
        #expect(BibTeXWriter.entryType(for: record) == "incollection")
        #expect(BibTeXWriter.entry(for: record, key: "k").contains("booktitle = {Book}"))
        record.journal = nil
        #expect(BibTeXWriter.entryType(for: record) == "book")
        #expect(BibTeXWriter.entryType(for: Record(database: "x", nativeID: "1", publicationTypes: ["Doctoral Dissertation"])) == "phdthesis")
        #expect(BibTeXWriter.entryType(for: Record(database: "x", nativeID: "1", publicationTypes: ["Research report"])) == "techreport")
        #expect(BibTeXWriter.entryType(for: Record(database: "x", nativeID: "1", publicationTypes: ["Case Reports"])) == "article")
    }

    // MARK: CSV

    @Test func csvQuotesEveryFieldAndKeepsOneLinePerRecord() throws {
        var record = Record(database: "x", nativeID: "1", title: "He said \"hi\", then\nleft")
        record.abstract = "A,\r\nB"
        let values = CSVWriter.values(for: record)
        #expect(values.count == CSVWriter.columns.count)
        #expect(CSVWriter.row(["a\"b", "c,d", ""]) == "\"a\"\"b\",\"c,d\",\"\"\r\n")
        let text = try Self.output(.csv, [record])
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows.count == 3 && rows[2].isEmpty)
        #expect(rows[1].hasPrefix(#""x:1","He said ""hi"", then left","""#))
        #expect(rows[1].contains(#","A, B","#))
        #expect(text.filter { $0 == "\n" || $0 == "\r\n" }.count == 2)
    }

    @Test func csvByteOrderMarkOnlyWhenAsked() throws {
        #expect(try Self.output(.csv, []) == CSVWriter.row(CSVWriter.columns))
        let sink = StringSink()
        var writer = CSVWriter(sink: sink, byteOrderMark: true)
        try writer.begin()
        try writer.finish()
        #expect(sink.text.hasPrefix("\u{FEFF}\"record_id\""))
    }

    // MARK: Formats, labels, chunks

    @Test func outputFormatOffersTheNewFormats() {
        let names = OutputFormat.allCases.map(\.rawValue)
        #expect(names == ["table", "jsonl", "csljson", "ris", "nbib", "bibtex", "csv"])
        #expect(OutputFormat.ris.writer(into: StringSink()) is RISWriter)
        #expect(OutputFormat.nbib.writer(into: StringSink()) is MEDLINEWriter)
        #expect(OutputFormat.bibtex.writer(into: StringSink()) is BibTeXWriter)
        #expect(OutputFormat.csv.writer(into: StringSink()) is CSVWriter)
        #expect(OutputFormat.bibtex.fileExtension == "bib")
        #expect(OutputFormat.ris.isMachineReadable)
    }

    @Test func registryLabelsNameDatabasesAndPlatforms() {
        struct NoConnector: Error {}
        let descriptor = ConnectorDescriptor(
            id: "pubmed", name: "MEDLINE/PubMed", platform: "NCBI E-utilities", access: .api,
            defaultEndpoint: "https://example.org/", defaultRequestsPerSecond: 3, supportsDateWindow: true, version: "1")
        let registry = ConnectorRegistry([ConnectorFactory(descriptor: descriptor, make: { throw NoConnector() })])
        #expect(registry.databaseLabels("pubmed") == DatabaseLabel(name: "MEDLINE/PubMed", platform: "NCBI E-utilities"))
        #expect(registry.databaseLabels("kci") == nil)
        let fields = RISWriter.fields(for: Self.sample, labels: registry.databaseLabels)
        #expect(fields.filter { $0.tag == "DB" || $0.tag == "DP" }.map(\.value) == ["MEDLINE/PubMed", "NCBI E-utilities"])
    }

    @Test func chunkedWriterStartsAFreshWriterPerChunk() throws {
        var sinks: [StringSink] = []
        var closed: [Int] = []
        var writer = ChunkedWriter(
            maxRecordsPerChunk: 2,
            open: { _ in
                let sink = StringSink()
                sinks.append(sink)
                return CSVWriter(sink: sink)
            },
            close: { closed.append($0) })
        try writer.begin()
        for index in 1...5 { try writer.write(Record(database: "x", nativeID: String(index))) }
        try writer.finish()
        #expect(writer.chunkCount == 3)
        #expect(closed == [1, 2, 3])
        #expect(sinks.map { $0.text.components(separatedBy: "\r\n").count - 2 } == [2, 2, 1])
        #expect(sinks.allSatisfy { $0.text.hasPrefix("\"record_id\"") })

        var empty = ChunkedWriter(maxRecordsPerChunk: 2, open: { _ in
            let sink = StringSink()
            sinks.append(sink)
            return RISWriter(sink: sink)
        })
        sinks = []
        try empty.begin()
        try empty.finish()
        #expect(empty.chunkCount == 1 && sinks.count == 1)
    }
}
