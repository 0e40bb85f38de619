import LitharvestModel

/// Reads one JSON-lines record straight from its UTF-8 bytes: the keys ``Record`` and its parts have, with
/// the values `JSONEncoder` writes for them (strings with any escapes, plain integers, booleans, null for a
/// missing optional).
///
/// It is strict on purpose. Whatever it does not fully understand (an unknown or repeated key, a number with a
/// fraction or exponent, a lone surrogate, invalid UTF-8, a missing required key) makes it answer nil, and the
/// caller hands the line to `JSONDecoder`, so a line is never decided differently from `JSONDecoder`, only
/// faster. Values are kept as written, as the synthesized `Decodable` conformances keep them: the initializers
/// used only assign, and a date's month and day are set past the initializer's range checks.
///
/// A parser keeps buffers between lines, and copies of it share them: give each thread a parser of its own.
struct RecordLineParser {
    private struct NotUnderstood: Error {}

    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var index = 0
    /// Reused for strings with escapes.
    private var unescaped: [UInt8] = []
    /// The last string read into each slot (by hash) of the fields whose values repeat (see `string(sharing:)`).
    private var recentStrings = [String?](repeating: nil, count: 1024)
    // Reused for the elements of arrays (see `array(in:_:)`).
    private let authorBuffer = ElementBuffer<Author>()
    private let issnBuffer = ElementBuffer<ISSN>()
    private let subjectBuffer = ElementBuffer<SubjectTerm>()
    private let qualifierBuffer = ElementBuffer<SubjectTerm.Qualifier>()
    private let identifierBuffer = ElementBuffer<RecordIdentifier>()
    private let stringBuffer = ElementBuffer<String>()

    /// The record on `line` (without its line break), or nil when the line needs `JSONDecoder`.
    mutating func record(from line: UnsafeBufferPointer<UInt8>) -> Record? {
        bytes = line
        index = 0
        do {
            skipWhitespace()
            let record = try recordObject()
            skipWhitespace()
            return index == bytes.count ? record : nil
        } catch {
            return nil
        }
    }

    // MARK: Objects of the model

    // Case names are the JSON keys (the coding keys of the synthesized conformances). A key is looked up by
    // its length, then spelled out: no table, so nothing is retained per key.
    private enum RecordField: Int, JSONKey {
        case database, nativeID, title, otherTitle, authors, journal, journalAbbreviation, issns, date, volume, issue
        case pages, articleNumber, doi, pmid, pmcid, abstract, keywords, subjects, languages, publicationTypes, url
        case identifiers, otherAbstract, publisher

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            switch key.count {
            case 3: key.spells("doi") ? .doi : key.spells("url") ? .url : nil
            case 4: key.spells("date") ? .date : key.spells("pmid") ? .pmid : nil
            case 5:
                key.spells("title") ? .title : key.spells("issue") ? .issue : key.spells("pages") ? .pages
                    : key.spells("issns") ? .issns : key.spells("pmcid") ? .pmcid : nil
            case 6: key.spells("volume") ? .volume : nil
            case 7: key.spells("authors") ? .authors : key.spells("journal") ? .journal : nil
            case 8:
                key.spells("database") ? .database : key.spells("nativeID") ? .nativeID
                    : key.spells("abstract") ? .abstract : key.spells("keywords") ? .keywords
                    : key.spells("subjects") ? .subjects : nil
            case 9: key.spells("languages") ? .languages : key.spells("publisher") ? .publisher : nil
            case 10: key.spells("otherTitle") ? .otherTitle : nil
            case 11: key.spells("identifiers") ? .identifiers : nil
            case 13: key.spells("articleNumber") ? .articleNumber : key.spells("otherAbstract") ? .otherAbstract : nil
            case 16: key.spells("publicationTypes") ? .publicationTypes : nil
            case 19: key.spells("journalAbbreviation") ? .journalAbbreviation : nil
            default: nil
            }
        }
    }

    // Each object's values are collected in locals and the value made at the end: assigning to the fields of
    // a struct variable between throwing calls made the optimizer copy the struct.

    private mutating func recordObject() throws(NotUnderstood) -> Record {
        var database: String?, nativeID: String?, title: String?, otherTitle: String?, journal: String?
        var journalAbbreviation: String?, volume: String?, issue: String?, pages: String?, articleNumber: String?
        var doi: String?, pmid: String?, pmcid: String?, abstract: String?, url: String?
        var otherAbstract: String?, publisher: String?
        var authors: [Author]?, issns: [ISSN]?, keywords: [String]?, subjects: [SubjectTerm]?, languages: [String]?
        var publicationTypes: [String]?, identifiers: [RecordIdentifier]?
        var date: PublicationDate?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(RecordField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .database: database = try string()
                case .nativeID: nativeID = try string()
                case .title: title = try optionalString()
                case .otherTitle: otherTitle = try optionalString()
                case .authors: authors = try array(in: authorBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.author() }
                case .journal: journal = try optionalString(sharing: true)
                case .journalAbbreviation: journalAbbreviation = try optionalString(sharing: true)
                case .issns: issns = try array(in: issnBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.issn() }
                case .date: date = try isNull() ? nil : try self.date()
                case .volume: volume = try optionalString()
                case .issue: issue = try optionalString()
                case .pages: pages = try optionalString()
                case .articleNumber: articleNumber = try optionalString()
                case .doi: doi = try optionalString()
                case .pmid: pmid = try optionalString()
                case .pmcid: pmcid = try optionalString()
                case .abstract: abstract = try optionalString()
                case .keywords: keywords = try stringArray(sharing: true)
                case .subjects: subjects = try array(in: subjectBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.subject() }
                case .languages: languages = try stringArray(sharing: true)
                case .publicationTypes: publicationTypes = try stringArray(sharing: true)
                case .url: url = try optionalString()
                case .otherAbstract: otherAbstract = try optionalString()
                case .publisher: publisher = try optionalString(sharing: true)
                case .identifiers:
                    identifiers = try array(in: identifierBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.identifier() }
                }
            } while try nextMember()
        }
        // A missing required key is `JSONDecoder`'s to report.
        guard let database, let nativeID, let authors, let issns, let keywords, let subjects, let languages,
            let publicationTypes, let identifiers
        else { throw NotUnderstood() }
        return Record(
            database: database, nativeID: nativeID, title: title, otherTitle: otherTitle, authors: authors,
            journal: journal, journalAbbreviation: journalAbbreviation, issns: issns, date: date, volume: volume,
            issue: issue, pages: pages, articleNumber: articleNumber, doi: doi, pmid: pmid, pmcid: pmcid,
            abstract: abstract, keywords: keywords, subjects: subjects, languages: languages,
            publicationTypes: publicationTypes, url: url, identifiers: identifiers, otherAbstract: otherAbstract,
            publisher: publisher)
    }

    private enum AuthorField: Int, JSONKey {
        case family, given, initials, literal, orcid, affiliations, alternateNames

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            switch key.count {
            case 5: key.spells("given") ? .given : key.spells("orcid") ? .orcid : nil
            case 6: key.spells("family") ? .family : nil
            case 7: key.spells("literal") ? .literal : nil
            case 8: key.spells("initials") ? .initials : nil
            case 12: key.spells("affiliations") ? .affiliations : nil
            case 14: key.spells("alternateNames") ? .alternateNames : nil
            default: nil
            }
        }
    }

    private mutating func author() throws(NotUnderstood) -> Author {
        var family: String?, given: String?, initials: String?, literal: String?, orcid: String?
        var affiliations: [String]?, alternateNames: [String]?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(AuthorField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .family: family = try optionalString()
                case .given: given = try optionalString()
                case .initials: initials = try optionalString()
                case .literal: literal = try optionalString()
                case .orcid: orcid = try optionalString()
                case .affiliations: affiliations = try stringArray(sharing: true)
                case .alternateNames: alternateNames = try stringArray()
                }
            } while try nextMember()
        }
        guard let affiliations, let alternateNames else { throw NotUnderstood() }
        var author = Author(
            family: family, given: given, initials: initials, orcid: orcid, affiliations: affiliations,
            alternateNames: alternateNames)
        author.literal = literal
        return author
    }

    private enum DateField: Int, JSONKey {
        case year, month, day, text

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            key.spells("year") ? .year : key.spells("month") ? .month : key.spells("day") ? .day
                : key.spells("text") ? .text : nil
        }
    }

    private mutating func date() throws(NotUnderstood) -> PublicationDate {
        var year: Int?, month: Int?, day: Int?, text: String?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(DateField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .year: year = try integer()
                case .month: month = try isNull() ? nil : try integer()
                case .day: day = try isNull() ? nil : try integer()
                case .text: text = try optionalString()
                }
            } while try nextMember()
        }
        guard let year else { throw NotUnderstood() }
        // Set as decoded: the initializer's range checks do not run for a decoded date either.
        var date = PublicationDate(year: year)
        date.month = month
        date.day = day
        date.text = text
        return date
    }

    private enum ISSNField: Int, JSONKey {
        case value, kind

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            key.spells("value") ? .value : key.spells("kind") ? .kind : nil
        }
    }

    private mutating func issn() throws(NotUnderstood) -> ISSN {
        var value: String?, kind: ISSN.Kind?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(ISSNField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .value: value = try string()
                case .kind:
                    guard let known = ISSN.Kind(rawValue: try string()) else { throw NotUnderstood() }
                    kind = known
                }
            } while try nextMember()
        }
        guard let value, let kind else { throw NotUnderstood() }
        return ISSN(value, kind: kind)
    }

    private enum IdentifierField: Int, JSONKey {
        case scheme, value

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            key.spells("scheme") ? .scheme : key.spells("value") ? .value : nil
        }
    }

    private mutating func identifier() throws(NotUnderstood) -> RecordIdentifier {
        var scheme: String?, value: String?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(IdentifierField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .scheme: scheme = try string()
                case .value: value = try string()
                }
            } while try nextMember()
        }
        guard let scheme, let value else { throw NotUnderstood() }
        return RecordIdentifier(scheme: scheme, value: value)
    }

    private enum SubjectField: Int, JSONKey {
        case term, identifier, isMajor, qualifiers, scheme

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            key.spells("term") ? .term : key.spells("identifier") ? .identifier : key.spells("isMajor") ? .isMajor
                : key.spells("qualifiers") ? .qualifiers : key.spells("scheme") ? .scheme : nil
        }
    }

    private mutating func subject() throws(NotUnderstood) -> SubjectTerm {
        var term: String?, identifier: String?, isMajor: Bool?, qualifiers: [SubjectTerm.Qualifier]?, scheme: String?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(SubjectField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .term: term = try string(sharing: true)
                case .identifier: identifier = try optionalString()
                case .isMajor: isMajor = try boolean()
                case .qualifiers:
                    qualifiers = try array(in: qualifierBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.qualifier() }
                case .scheme: scheme = try optionalString()
                }
            } while try nextMember()
        }
        guard let term, let isMajor, let qualifiers else { throw NotUnderstood() }
        return SubjectTerm(term: term, identifier: identifier, isMajor: isMajor, qualifiers: qualifiers, scheme: scheme)
    }

    private enum QualifierField: Int, JSONKey {
        case name, identifier, isMajor

        static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self? {
            key.spells("name") ? .name : key.spells("identifier") ? .identifier : key.spells("isMajor") ? .isMajor : nil
        }
    }

    private mutating func qualifier() throws(NotUnderstood) -> SubjectTerm.Qualifier {
        var name: String?, identifier: String?, isMajor: Bool?
        var seen: UInt64 = 0
        if try beginObject() {
            repeat {
                let field = try key(QualifierField.self)
                try mark(field.rawValue, in: &seen)
                switch field {
                case .name: name = try string(sharing: true)
                case .identifier: identifier = try optionalString()
                case .isMajor: isMajor = try boolean()
                }
            } while try nextMember()
        }
        guard let name, let isMajor else { throw NotUnderstood() }
        return SubjectTerm.Qualifier(name: name, identifier: identifier, isMajor: isMajor)
    }

    /// Records that the key numbered `field` was read; a repeated key is left to `JSONDecoder`.
    private func mark(_ field: Int, in seen: inout UInt64) throws(NotUnderstood) {
        let bit: UInt64 = 1 << UInt64(field)
        guard seen & bit == 0 else { throw NotUnderstood() }
        seen |= bit
    }

    // MARK: JSON syntax

    private enum Byte {
        static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ","), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]"), minus = UInt8(ascii: "-")
        static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    }

    /// The byte at the cursor, 0 at the end (a NUL is never valid there in JSON either).
    @inline(__always) private func peek() -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    @inline(__always) private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always) private mutating func consume(_ byte: UInt8) throws(NotUnderstood) {
        skipWhitespace()
        guard peek() == byte else { throw NotUnderstood() }
        index += 1
    }

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    private mutating func beginObject() throws(NotUnderstood) -> Bool {
        try consume(Byte.openBrace)
        skipWhitespace()
        if peek() == Byte.closeBrace {
            index += 1
            return false
        }
        return true
    }

    /// After a member: true when another follows (its comma consumed), false at the closing brace.
    private mutating func nextMember() throws(NotUnderstood) -> Bool {
        skipWhitespace()
        switch peek() {
        case Byte.comma:
            index += 1
            return true
        case Byte.closeBrace:
            index += 1
            return false
        default:
            throw NotUnderstood()
        }
    }

    /// A key and its colon; keys with escapes or unknown to `Field` are left to `JSONDecoder`.
    private mutating func key<Field: JSONKey>(_: Field.Type) throws(NotUnderstood) -> Field {
        try consume(Byte.quote)
        let start = index
        while index < bytes.count, bytes[index] != Byte.quote, bytes[index] != Byte.backslash { index += 1 }
        guard peek() == Byte.quote else { throw NotUnderstood() }
        let field = Field.named(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        index += 1
        guard let field else { throw NotUnderstood() }
        try consume(Byte.colon)
        return field
    }

    /// Consumes `null` if it is next.
    private mutating func isNull() throws(NotUnderstood) -> Bool {
        skipWhitespace()
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws(NotUnderstood) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw NotUnderstood() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw NotUnderstood() }
        index += count
    }

    private mutating func boolean() throws(NotUnderstood) -> Bool {
        skipWhitespace()
        if peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// An integer written plainly (`-12`); fractions, exponents and leading zeros go to `JSONDecoder`.
    private mutating func integer() throws(NotUnderstood) -> Int {
        skipWhitespace()
        let negative = peek() == Byte.minus
        if negative { index += 1 }
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= Byte.zero, bytes[index] <= Byte.nine {
            value = value * 10 + Int(bytes[index] - Byte.zero)
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits <= 18, digits == 1 || bytes[start] != Byte.zero else { throw NotUnderstood() }
        switch peek() {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw NotUnderstood()
        default: return negative ? -value : value
        }
    }

    private mutating func optionalString(sharing: Bool = false) throws(NotUnderstood) -> String? {
        try isNull() ? nil : try string(sharing: sharing)
    }

    /// A string; with `sharing`, for values that repeat from record to record (journal names, affiliations),
    /// the very string read last time with the same text, so that equal values take memory once.
    private mutating func string(sharing: Bool = false) throws(NotUnderstood) -> String {
        try consume(Byte.quote)
        let start = index
        // Eight bytes a step up to the first quote, backslash or control character.
        var nonASCII: UInt64 = 0
        while index + 8 <= bytes.count {
            let word = ByteScan.word(bytes, at: index)
            let stop = ByteScan.bytes(Byte.quote, in: word) | ByteScan.bytes(Byte.backslash, in: word)
                | ByteScan.bytes(below: 0x20, in: word)
            if stop != 0 {
                let offset = stop.trailingZeroBitCount / 8
                nonASCII |= ByteScan.nonASCII(in: word) & ((1 << UInt64(offset * 8)) &- 1)
                index += offset
                break
            }
            nonASCII |= ByteScan.nonASCII(in: word)
            index += 8
        }
        var ascii = nonASCII == 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // Up to 15 bytes a string holds its text itself: nothing to share.
                guard sharing, utf8.count > 15 else { return try makeString(utf8, ascii: ascii) }
                let slot = Int(truncatingIfNeeded: Self.hash(utf8)) & (recentStrings.count - 1)
                if let recent = recentStrings[slot], recent.utf8.withContiguousStorageIfAvailable({ $0.elementsEqual(utf8) }) == true {
                    return recent
                }
                let text = try makeString(utf8, ascii: ascii)
                recentStrings[slot] = text
                return text
            }
            if byte == Byte.backslash { return try escapedString(from: start) }
            if byte < 0x20 { throw NotUnderstood() }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw NotUnderstood()
    }

    /// FNV-1a, to find a string among the recent ones.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inline(__always) private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(NotUnderstood) -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        // Decoding repairs invalid UTF-8, which `JSONDecoder` would refuse: the bytes then differ.
        if !ascii, text.utf8.withContiguousStorageIfAvailable({ $0.elementsEqual(utf8) }) != true { throw NotUnderstood() }
        return text
    }

    /// The rest of a string that has escapes; the cursor is at the first backslash.
    private mutating func escapedString(from start: Int) throws(NotUnderstood) -> String {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == Byte.quote {
                return try unescaped.withUnsafeBufferPointer { bytes throws(NotUnderstood) in
                    try makeString(bytes, ascii: !bytes.contains { $0 >= 0x80 })
                }
            }
            if byte < 0x20 { throw NotUnderstood() }
            guard byte == Byte.backslash else {
                unescaped.append(byte)
                continue
            }
            switch peek() {
            case Byte.quote, Byte.backslash, UInt8(ascii: "/"): unescaped.append(peek())
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                index += 1
                try appendEscapedScalar()
                continue
            default: throw NotUnderstood()
            }
            index += 1
        }
        throw NotUnderstood()
    }

    /// `XXXX` after `\u`, or a surrogate pair `XXXX\uYYYY`, as UTF-8.
    private mutating func appendEscapedScalar() throws(NotUnderstood) {
        var value = try hexQuad()
        if value >= 0xD800 && value <= 0xDBFF {
            guard peek() == Byte.backslash, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw NotUnderstood()
            }
            index += 2
            let low = try hexQuad()
            guard low >= 0xDC00 && low <= 0xDFFF else { throw NotUnderstood() }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if value >= 0xDC00 && value <= 0xDFFF {
            throw NotUnderstood()
        }
        guard let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) else { throw NotUnderstood() }
        unescaped.append(contentsOf: encoded)
    }

    private mutating func hexQuad() throws(NotUnderstood) -> UInt32 {
        guard bytes.count - index >= 4 else { throw NotUnderstood() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw NotUnderstood()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// An array whose elements `element` reads, collected in `buffer` (kept from array to array) and moved
    /// out into an array of exactly their number: an array grown by appending holds up to twice the room it
    /// needs, for every record of a file. Arrays of one element type never nest, so one buffer a type will do.
    private mutating func array<Element>(
        in buffer: ElementBuffer<Element>, _ element: (inout Self) throws(NotUnderstood) -> Element
    ) throws(NotUnderstood) -> [Element] {
        try consume(Byte.openBracket)
        skipWhitespace()
        if peek() == Byte.closeBracket {
            index += 1
            return []
        }
        // Whatever an earlier, abandoned array left behind.
        buffer.removeAll()
        while true {
            buffer.append(try element(&self))
            skipWhitespace()
            switch peek() {
            case Byte.comma: index += 1
            case Byte.closeBracket:
                index += 1
                return buffer.takeAll()
            default: throw NotUnderstood()
            }
        }
    }

    private mutating func stringArray(sharing: Bool = false) throws(NotUnderstood) -> [String] {
        try array(in: stringBuffer) { (parser: inout Self) throws(NotUnderstood) in try parser.string(sharing: sharing) }
    }
}

/// Elements collected one by one, then moved (not copied) into an array of exactly their number.
private final class ElementBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity = 16
    private var count = 0

    init() {
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements, in order, leaving the buffer empty.
    func takeAll() -> [Element] {
        let elements = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: base, count: count)
            initialized = count
        }
        count = 0
        return elements
    }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
}

/// The keys of one object of the model.
private protocol JSONKey: RawRepresentable<Int> {
    /// The field whose key is `key`, nil for an unknown key.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> Self?
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are `word`.
    fileprivate func spells(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount else { return false }
        let letters = word.utf8Start
        for offset in 0..<count where self[offset] != letters[offset] { return false }
        return true
    }
}
