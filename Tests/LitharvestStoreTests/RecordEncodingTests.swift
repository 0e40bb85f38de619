import Foundation
// Only what the migration tests use: GRDB's own `Record` would clash with the model's.
import struct GRDB.Configuration
import class GRDB.DatabaseQueue
import class GRDB.Row
import LitharvestModel
import Testing

@testable import LitharvestStore

/// The store's compact record form reads back exactly what was written, refuses damaged bytes, and stores
/// written by the JSON-content schema are converted with their content hashes unchanged.
@Suite("Record encoding and the v3 migration")
struct RecordEncodingTests {
    /// Every field a record can have, every ISSN kind, text needing escapes in JSON, and values the
    /// initializers would have cleaned.
    static let everything: Record = {
        var record = Record(
            database: "pubmed", nativeID: "12345678", title: "Tab\tnewline\nquote \" backslash \\ nul \u{00}",
            otherTitle: "근막통증증후군 😀 (outside the BMP)",
            authors: [
                Author(
                    family: "Kim", given: "Young-Jae", initials: "YJ", orcid: "0000-0002-1825-0097",
                    affiliations: ["Seoul National University, Seoul, Korea", ""], alternateNames: ["김영재"]),
                Author(literal: "The IMS Study Group"),
                Author(family: nil),
            ],
            journal: "The Korean journal of pain", journalAbbreviation: "Korean J Pain",
            issns: [
                ISSN("2093-0569", kind: .electronic), ISSN("2005-9159", kind: .print),
                ISSN("2005-9159", kind: .linking), ISSN("1234-5678"),
            ],
            date: PublicationDate(year: 2006, month: 6, day: 30, text: "2006 Jun 30"), volume: "19", issue: "",
            pages: "221-8", articleNumber: "e0123", doi: "10.3344/kjp.2006.19.1.1", pmid: "16683455",
            pmcid: "PMC123", abstract: String(repeating: "BACKGROUND: long text. ", count: 400),
            keywords: ["IMS", "dry needling"],
            subjects: [
                SubjectTerm(
                    term: "Myofascial Pain Syndromes", identifier: "D009209", isMajor: true,
                    qualifiers: [SubjectTerm.Qualifier(name: "therapy", identifier: "Q000628", isMajor: true)],
                    scheme: "MeSH"),
                SubjectTerm(term: "Humans"),
            ],
            languages: ["kor", "eng"], publicationTypes: ["Journal Article"],
            url: "https://pubmed.ncbi.nlm.nih.gov/16683455/",
            identifiers: [RecordIdentifier(scheme: "pii", value: "S0000-0000(06)00001-1")],
            otherAbstract: "근막통증증후군의 치료", publisher: "대한통증학회")
        var researcher = Author(family: "Park", given: "Ji-Hoon", alternateNames: ["박지훈"])
        researcher.role = "participating researcher (참여연구자)"
        record.contributors = [researcher, Author(literal: "KISTI")]
        // As a JSON line may have it (decoding keeps it): the initializer would have dropped month 13.
        record.date?.month = 13
        record.date?.day = -5
        return record
    }()

    static func roundTrip(_ record: Record) throws -> Record {
        try RecordEncoding.encode(record).withUnsafeBytes { try RecordEncoding.decode($0) }
    }

    @Test(arguments: [
        everything,
        Record(database: "", nativeID: ""),
        Record(database: "x", nativeID: "1", date: PublicationDate(year: Int.min)),
        Record(database: "x", nativeID: "2", date: PublicationDate(year: Int.max, month: 1)),
    ])
    func recordsReadBackExactly(record: Record) throws {
        #expect(try Self.roundTrip(record) == record)
    }

    /// A field added to the model but not to the encoding would be lost silently on every store read; this
    /// fails first, because `everything` must then set it too.
    @Test func everythingSetsEveryFieldOfTheModel() {
        func unset(_ value: Any) -> [String] {
            Mirror(reflecting: value).children.compactMap { child in
                let inner = Mirror(reflecting: child.value)
                let isEmpty =
                    (inner.displayStyle == .optional && inner.children.isEmpty)
                    || (inner.displayStyle == .collection && inner.children.isEmpty)
                return isEmpty ? child.label : nil
            }
        }
        #expect(unset(Self.everything) == [])
        #expect(unset(Self.everything.authors[0]).filter { $0 != "literal" && $0 != "role" } == [])
        #expect(unset(Self.everything.contributors![0]).filter { !["literal", "initials", "orcid", "affiliations"].contains($0) } == [])
        #expect(Self.everything.authors[1].literal != nil)
    }

    @Test func damagedBytesAreRefused() throws {
        let bytes = RecordEncoding.encode(Self.everything)
        // Cut anywhere, the bytes no longer make a record.
        for length in [0, 1, 2, 10, bytes.count / 2, bytes.count - 1] {
            #expect(throws: StoredFormError.self) {
                try Array(bytes.prefix(length)).withUnsafeBytes { try RecordEncoding.decode($0) }
            }
        }
        #expect(throws: StoredFormError.self) { try (bytes + [0]).withUnsafeBytes { try RecordEncoding.decode($0) } }
        var newer = bytes
        newer[0] = RecordEncoding.version + 1
        let error = #expect(throws: StoredFormError.self) { try newer.withUnsafeBytes { try RecordEncoding.decode($0) } }
        #expect(error?.message.contains("newer") == true)
    }

    @Test func storeReadsBackEveryFieldAndKeepsTheJSONHash() throws {
        let path = temporaryStorePath()
        defer { removeStore(path) }
        let store = try HarvestStore(path: path)
        let runID = try store.simulateRun([(report(count: 1), [Self.everything])])
        #expect(try store.records(runID: runID) == [Self.everything])
        let hash = try store.text("SELECT content_hash FROM record_versions")
        #expect(hash == ContentHash.hexDigest(try CanonicalJSON.encode(Self.everything)))
        #expect(try store.text("SELECT typeof(content) FROM record_versions") == "blob")
    }

    // MARK: Migration from the JSON-content schema (v1 + v2-dedup)

    /// A copy of the fixture store (written by litharvest before v3; see Fixtures/SOURCES.md) to migrate.
    static func copyOfJSONStore() throws -> String {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/json-content-store", withExtension: "sqlite"))
        let path = temporaryStorePath()
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    /// The fixture's seed records, as JSON lines.
    static func seeds() throws -> [Record] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/json-content-store-seeds", withExtension: "jsonl"))
        let decoder = JSONDecoder()
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(Record.self, from: Data($0.utf8))
        }
    }

    @Test func jsonContentStoreIsConvertedWithItsHashes() throws {
        let path = try Self.copyOfJSONStore()
        defer { removeStore(path) }
        // Before: the contents are JSON text, hashed as the canonical JSON.
        let before = try HarvestStore.jsonContents(path: path)
        #expect(!before.isEmpty)

        let store = try HarvestStore(path: path)
        #expect(try store.count("SELECT COUNT(*) FROM record_versions WHERE typeof(content) <> 'blob'") == 0)
        #expect(try store.count("SELECT COUNT(*) FROM record_versions") == before.count)
        #expect(try store.count("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0)
        // Every version keeps its hash, and decodes to what its JSON said.
        let decoder = JSONDecoder()
        for (hash, json) in before {
            let record = try decoder.decode(Record.self, from: Data(json.utf8))
            #expect(ContentHash.hexDigest(try CanonicalJSON.encode(record)) == hash)
            let stored = try store.storedRecord(hash: hash)
            #expect(stored == record)
        }

        let seeds = try Self.seeds()
        let byKey = { (records: [Record]) in records.sorted { ($0.database, $0.nativeID) < ($1.database, $1.nativeID) } }
        let runs = try store.runs()
        #expect(runs.map(\.id) == [2, 1])
        #expect(try store.records(runID: 1) == byKey(seeds))
        let changed = try store.changedRecords(runID: 2)
        #expect(changed.map(\.after.nativeID) == [seeds[0].nativeID])
        #expect(changed.first?.before == seeds[0])
        #expect(changed.first?.after.title == (seeds[0].title ?? "") + " (corrected)")
        #expect(try store.goneRecords(runID: 2) == [seeds[1]])
        #expect(ids(try store.newRecords(runID: 2)) == [seeds[2].nativeID + "-new"])

        // A new job after the migration files its records in the same table and form.
        _ = try store.simulateRun([(report(count: 1), [Self.everything])])
        #expect(try store.count("SELECT COUNT(*) FROM record_versions") == before.count + 1)
    }
}

extension HarvestStore {
    /// The `record_versions` rows of a store not yet migrated, read with SQLite alone (opening it as a
    /// `HarvestStore` would migrate it).
    static func jsonContents(path: String) throws -> [(hash: String, json: String)] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT content_hash, content FROM record_versions ORDER BY content_hash")
                .map { (hash: $0[0], json: $0[1]) }
        }
    }

    /// The record version with this hash.
    func storedRecord(hash: String) throws -> Record? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT content FROM record_versions WHERE content_hash = ?", arguments: [hash])
                .map { try StoredRecordReader.record($0, "content") }
        }
    }
}
