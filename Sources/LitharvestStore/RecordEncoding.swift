import LitharvestModel

/// The compact binary form the store keeps a record's content in (`record_versions.content`).
///
/// Why not JSON: reading a million records back spent most of its time in `JSONDecoder`; this form is read
/// field by field in one pass over the bytes, with no keys to look up and no escapes. It is not an interchange
/// format: only this file writes and reads it, the content hash is still the SHA-256 of the record's canonical
/// JSON (so hashes do not depend on this form), and the first byte is a version so that a later change of
/// ``Record`` can add a version and still read the old one.
///
/// Layout (version 1): the fields of ``Record`` and its parts in declaration order (``Author`` the same for
/// authors and contributors; `contributors`, optional, is a presence byte and the array). Integers are LEB128
/// varints (signed ones zigzag-encoded); a string is its UTF-8 byte count as a varint, then the bytes; an
/// optional string is `count + 1`, with 0 for nil; an optional integer or part is a presence byte (0 or 1) and
/// the value; an array is its element count, then the elements; a Boolean is one byte; an ISSN kind is one
/// byte (its position in ``ISSN/Kind``).
enum RecordEncoding {
    static let version: UInt8 = 1

    /// The encoded form of `record`.
    static func encode(_ record: Record) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(256 + (record.abstract?.utf8.count ?? 0))
        writer.bytes.append(version)
        writer.string(record.database)
        writer.string(record.nativeID)
        writer.optional(record.title)
        writer.optional(record.otherTitle)
        writer.array(record.authors) { writer, author in writer.author(author) }
        writer.optional(record.journal)
        writer.optional(record.journalAbbreviation)
        writer.array(record.issns) { writer, issn in
            writer.string(issn.value)
            writer.bytes.append(UInt8(ISSN.Kind.allInOrder.firstIndex(of: issn.kind)!))
        }
        if let date = record.date {
            writer.bytes.append(1)
            writer.signed(date.year)
            writer.optional(date.month)
            writer.optional(date.day)
            writer.optional(date.text)
        } else {
            writer.bytes.append(0)
        }
        for text in [
            record.volume, record.issue, record.pages, record.articleNumber, record.doi, record.pmid, record.pmcid,
            record.abstract,
        ] {
            writer.optional(text)
        }
        writer.strings(record.keywords)
        writer.array(record.subjects) { writer, subject in
            writer.string(subject.term)
            writer.optional(subject.identifier)
            writer.bool(subject.isMajor)
            writer.array(subject.qualifiers) { writer, qualifier in
                writer.string(qualifier.name)
                writer.optional(qualifier.identifier)
                writer.bool(qualifier.isMajor)
            }
            writer.optional(subject.scheme)
        }
        writer.strings(record.languages)
        writer.strings(record.publicationTypes)
        writer.optional(record.url)
        writer.array(record.identifiers) { writer, identifier in
            writer.string(identifier.scheme)
            writer.string(identifier.value)
        }
        writer.optional(record.otherAbstract)
        writer.optional(record.publisher)
        if let contributors = record.contributors {
            writer.bytes.append(1)
            writer.array(contributors) { writer, contributor in writer.author(contributor) }
        } else {
            writer.bytes.append(0)
        }
        return writer.bytes
    }

    /// The record encoded in `bytes`.
    ///
    /// - Throws: ``StoredFormError`` when the bytes are cut short, have bytes left over, or carry a version
    ///   this litharvest does not know.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StoredFormError) -> Record {
        var reader = Reader(bytes: bytes)
        do {
            let version = try reader.byte()
            guard version == Self.version else {
                throw StoredFormError(
                    message: "a stored record has encoding version \(version), which this litharvest cannot read "
                        + "(it was written by a newer one)")
            }
            var record = Record(database: try reader.string(), nativeID: try reader.string())
            record.title = try reader.optionalString()
            record.otherTitle = try reader.optionalString()
            record.authors = try reader.array { reader in try reader.author() }
            record.journal = try reader.optionalString()
            record.journalAbbreviation = try reader.optionalString()
            record.issns = try reader.array { reader in
                let value = try reader.string()
                let kind = Int(try reader.byte())
                guard kind < ISSN.Kind.allInOrder.count else { throw Reader.Malformed() }
                return ISSN(value, kind: ISSN.Kind.allInOrder[kind])
            }
            if try reader.flag() {
                // The month and day are set past the initializer's range checks, as stored.
                var date = PublicationDate(year: try reader.signed())
                date.month = try reader.optionalInt()
                date.day = try reader.optionalInt()
                date.text = try reader.optionalString()
                record.date = date
            }
            record.volume = try reader.optionalString()
            record.issue = try reader.optionalString()
            record.pages = try reader.optionalString()
            record.articleNumber = try reader.optionalString()
            record.doi = try reader.optionalString()
            record.pmid = try reader.optionalString()
            record.pmcid = try reader.optionalString()
            record.abstract = try reader.optionalString()
            record.keywords = try reader.strings()
            record.subjects = try reader.array { reader in
                let term = try reader.string()
                let identifier = try reader.optionalString()
                let isMajor = try reader.flag()
                let qualifiers = try reader.array { reader in
                    SubjectTerm.Qualifier(
                        name: try reader.string(), identifier: try reader.optionalString(), isMajor: try reader.flag())
                }
                return SubjectTerm(
                    term: term, identifier: identifier, isMajor: isMajor, qualifiers: qualifiers,
                    scheme: try reader.optionalString())
            }
            record.languages = try reader.strings()
            record.publicationTypes = try reader.strings()
            record.url = try reader.optionalString()
            record.identifiers = try reader.array { reader in
                RecordIdentifier(scheme: try reader.string(), value: try reader.string())
            }
            record.otherAbstract = try reader.optionalString()
            record.publisher = try reader.optionalString()
            if try reader.flag() {
                record.contributors = try reader.array { reader in try reader.author() }
            }
            guard reader.isAtEnd else { throw Reader.Malformed() }
            return record
        } catch let error as StoredFormError {
            throw error
        } catch {
            throw StoredFormError(message: "a stored record is damaged (its encoded form ends unexpectedly)")
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func signed(_ value: Int) {
            let wide = Int64(value)
            unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
        }

        mutating func bool(_ value: Bool) {
            bytes.append(value ? 1 : 0)
        }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ text: String?) {
            guard var text else { return bytes.append(0) }
            text.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count) + 1)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ value: Int?) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            signed(value)
        }

        mutating func strings(_ texts: [String]) {
            array(texts) { writer, text in writer.string(text) }
        }

        mutating func author(_ author: Author) {
            optional(author.family)
            optional(author.given)
            optional(author.initials)
            optional(author.literal)
            optional(author.orcid)
            strings(author.affiliations)
            strings(author.alternateNames)
            optional(author.role)
        }

        mutating func array<Element>(_ elements: [Element], _ element: (inout Writer, Element) -> Void) {
            unsigned(UInt64(elements.count))
            for value in elements { element(&self, value) }
        }
    }

    private struct Reader {
        struct Malformed: Error {}

        let bytes: UnsafeRawBufferPointer
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard index < bytes.count else { throw Malformed() }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func flag() throws(Malformed) -> Bool {
            switch try byte() {
            case 0: false
            case 1: true
            default: throw Malformed()
            }
        }

        mutating func unsigned() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64 else { throw Malformed() }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        mutating func count() throws(Malformed) -> Int {
            let value = try unsigned()
            // No count can exceed the bytes left: each element takes at least one byte.
            guard value <= UInt64(bytes.count - index) else { throw Malformed() }
            return Int(value)
        }

        mutating func signed() throws(Malformed) -> Int {
            let zigzag = try unsigned()
            let value = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
            guard let narrow = Int(exactly: value) else { throw Malformed() }
            return narrow
        }

        mutating func optionalInt() throws(Malformed) -> Int? {
            try flag() ? try signed() : nil
        }

        mutating func text(count: Int) throws(Malformed) -> String {
            guard count <= bytes.count - index else { throw Malformed() }
            defer { index += count }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<index + count]), as: UTF8.self)
        }

        mutating func string() throws(Malformed) -> String {
            try text(count: try count())
        }

        mutating func optionalString() throws(Malformed) -> String? {
            let length = try unsigned()
            guard length > 0 else { return nil }
            guard length - 1 <= UInt64(bytes.count - index) else { throw Malformed() }
            return try text(count: Int(length - 1))
        }

        mutating func strings() throws -> [String] {
            try array { reader in try reader.string() }
        }

        mutating func author() throws -> Author {
            // Assigned field by field: the initializers decide between a person and a literal name, and the
            // stored author is kept exactly as it was.
            var author = Author(literal: "")
            author.family = try optionalString()
            author.given = try optionalString()
            author.initials = try optionalString()
            author.literal = try optionalString()
            author.orcid = try optionalString()
            author.affiliations = try strings()
            author.alternateNames = try strings()
            author.role = try optionalString()
            return author
        }

        mutating func array<Element>(_ element: (inout Reader) throws -> Element) throws -> [Element] {
            let count = try count()
            var elements: [Element] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try element(&self)) }
            return elements
        }
    }
}

extension ISSN.Kind {
    /// The kinds in the order their stored byte numbers them: append new kinds, never reorder.
    fileprivate static let allInOrder: [ISSN.Kind] = [.print, .electronic, .linking, .unknown]
}
