import Foundation
public import LitharvestCore

/// The normalised forms records are compared on. Every form is a byte string of lower-case letters and digits
/// only, so comparing two forms is a byte comparison however the sources wrote punctuation, case, width,
/// accents or markup.
public enum MatchText {
    /// The comparison form of a title: markup and entities removed, a wholly bracketed (translated) title
    /// unwrapped, trailing notes such as `[Chinese]` or `(Provisional abstract)` dropped, then NFKC, case and
    /// accent folding, keeping letters and digits only. Works on UTF-8 bytes: every character it looks
    /// for is ASCII, and this runs on millions of titles.
    public static func title(_ raw: String?) -> [UInt8] {
        guard let raw, !raw.isEmpty else { return [] }
        var bytes = Array(raw.utf8)
        if bytes.contains(Byte.less) || bytes.contains(Byte.ampersand) { bytes = strippingMarkup(bytes) }
        var text = trimmed(bytes[...])
        if text.first == Byte.openBracket, text.last == Byte.closeBracket,
            !text.dropFirst().contains(Byte.openBracket)
        {
            text = text.dropFirst().dropLast()
        } else {
            text = droppingTrailingNotes(text)
        }
        return fold(text)
    }

    /// Letters and digits of UTF-8 `bytes`, folded like the `String` form.
    static func fold(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) { return foldASCII(bytes) }
        return fold(String(decoding: bytes, as: UTF8.self))
    }

    /// Letters and digits of `text`, case-, accent- and width-folded (NFKC), as UTF-8.
    public static func fold(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(text.utf8) }
        var out: [UInt8] = []
        let folded = text.precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { continue }
            out.append(contentsOf: String(scalar).utf8)
        }
        return out
    }

    private static func foldASCII(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                out.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                out.append(byte + 0x20)
            }
        }
        return out
    }

    private enum Byte {
        static let less = UInt8(ascii: "<"), greater = UInt8(ascii: ">"), ampersand = UInt8(ascii: "&")
        static let semicolon = UInt8(ascii: ";"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
        static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), dot = UInt8(ascii: ".")
    }

    /// Removes `<tag>` markup and `&entity;` references (both sides of a comparison lose them alike).
    static func strippingMarkup(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.less, let close = bytes[index...].prefix(40).firstIndex(of: Byte.greater) {
                out.append(0x20)
                index = close + 1
                continue
            }
            if byte == Byte.ampersand, let end = bytes[index...].prefix(9).firstIndex(of: Byte.semicolon) {
                index = end + 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    /// Without surrounding ASCII whitespace and trailing full stops.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = bytes
        while let first = text.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            text = text.dropFirst()
        }
        while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D || last == Byte.dot {
            text = text.dropLast()
        }
        return text
    }

    /// Title text shorter than this many bytes keeps its brackets and parentheses: they may be the title.
    static let notesAfter = 30

    /// Drops the notes databases append to a title: everything from a `[` after the first 30 bytes
    /// (`[Chinese]`, `[Review] [45 refs]`, a cut-off `[Erratum appears in …`) and a final parenthesis
    /// (`(Provisional abstract)`, `(multiple letters)`).
    static func droppingTrailingNotes(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = bytes
        if let open = text.dropFirst(notesAfter).firstIndex(of: Byte.openBracket) {
            text = trimmed(text[..<open])
        }
        if text.last == Byte.closeParen, let open = text.lastIndex(of: Byte.openParen),
            open - text.startIndex >= notesAfter
        {
            text = trimmed(text[..<open])
        }
        return text
    }

    /// Surname comparison forms: folded, with common Korean romanisation variants mapped to one spelling
    /// (`Yi`/`Rhee`/`Lee`, `Gim`/`Kim`, `Pak`/`Park`, `Jeong`/`Chung`/`Jung`, …).
    public static func surname(_ raw: String) -> [UInt8] {
        let folded = fold(raw)
        if folded.count <= 5, let variant = koreanSurnameVariants[folded] { return variant }
        return folded
    }

    /// Author comparison forms: surname form plus the first initial, from split or unsplit names
    /// (`Last, First`, `First Last`, `Last FM`).
    public static func authors(_ authors: [Author]) -> [AuthorForm] {
        authors.compactMap { author in
            if let family = author.family, !family.isEmpty {
                let initial = (author.given ?? author.initials).flatMap { fold($0).first }
                return AuthorForm(surname: surname(family), initial: initial)
            }
            guard let literal = author.literal?.trimmingCharacters(in: .whitespaces), !literal.isEmpty else {
                return nil
            }
            if let comma = literal.firstIndex(of: ",") {
                let given = literal[literal.index(after: comma)...]
                return AuthorForm(surname: surname(String(literal[..<comma])), initial: fold(String(given)).first)
            }
            let words = literal.split(separator: " ")
            guard let last = words.last else { return nil }
            // `Smith JA` (MEDLINE style) keeps the surname first; `John Smith` puts it last.
            if words.count >= 2, last.count <= 3, last.allSatisfy(\.isUppercase) {
                return AuthorForm(surname: surname(String(words[0])), initial: fold(String(last)).first)
            }
            let initial = words.count >= 2 ? fold(String(words[0])).first : nil
            return AuthorForm(surname: surname(String(last)), initial: initial)
        }
    }

    /// Journal words after folding, without the words abbreviations drop.
    public static func journalWords(_ raw: String?) -> [[UInt8]] {
        guard let raw, !raw.isEmpty else { return [] }
        var words: [[UInt8]] = []
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            var word: [UInt8] = []
            for byte in raw.utf8 {
                if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                    word.append(byte)
                } else if byte >= 0x41 && byte <= 0x5A {
                    word.append(byte + 0x20)
                } else if !word.isEmpty {
                    words.append(word)
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.append(word) }
        } else {
            words = raw.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { fold(String($0)) }
        }
        return words.filter { !$0.isEmpty && !journalStopWords.contains($0) }
    }

    private static let journalStopWords: Set<[UInt8]> = Set(
        ["the", "of", "and", "for", "in", "on", "de", "la", "und"].map { Array($0.utf8) })

    /// Whether two journal names can name the same journal: equal, or each word of the abbreviation is a
    /// prefix of the full title's word in the same place (`Nat Rev Nephrol` ≡ `Nature Reviews Nephrology`).
    public static func journalsAgree(_ first: [[UInt8]], _ second: [[UInt8]]) -> Bool {
        guard !first.isEmpty, !second.isEmpty, first.count == second.count else { return first == second && !first.isEmpty }
        for (a, b) in zip(first, second) {
            let (short, long) = a.count <= b.count ? (a, b) : (b, a)
            if !long.starts(with: short) { return false }
        }
        return true
    }

    /// The first page's letters and digits without leading zeros (`0221` ≡ `221`, `e1002`).
    /// Empty when the first page has no digit (`Suppl`, a stray `t`): garbled, so no evidence either way.
    public static func firstPage(_ raw: String?) -> [UInt8] {
        guard let raw, !raw.isEmpty else { return [] }
        var folded: [UInt8]
        if raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) {
            // Hot path: ASCII pages without spaces are split at the hyphen without building a ``Pages``.
            let first = raw.utf8.prefix { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "~") }
            folded = foldASCII(first)
        } else {
            guard let pages = Pages(raw) else { return [] }
            folded = fold(pages.first)
        }
        guard folded.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        while folded.first == UInt8(ascii: "0"), folded.count > 1 { folded.removeFirst() }
        return folded
    }

    /// The first number in a volume or issue without leading zeros (`Drug Discovery. 9` → `9`, `145 Suppl. 1`
    /// → `145`), or its folded text when it has no digits.
    public static func number(_ raw: String?) -> [UInt8] {
        guard let raw else { return [] }
        let folded = fold(raw)
        guard let start = folded.firstIndex(where: { $0 >= 0x31 && $0 <= 0x39 }) else {
            return folded.allSatisfy({ $0 == 0x30 }) && !folded.isEmpty ? [0x30] : folded
        }
        return Array(folded[start...].prefix { $0 >= 0x30 && $0 <= 0x39 })
    }

    private static let koreanSurnameVariants: [[UInt8]: [UInt8]] = {
        let groups: [[String]] = [
            ["lee", "yi", "rhee", "rhie", "ri", "rhi", "lie"], ["kim", "gim", "kym"], ["park", "pak", "bak", "bahk", "pack"],
            ["choi", "choe", "chweh"], ["jung", "jeong", "chung", "cheong", "joung"], ["cho", "jo", "joh"],
            ["kang", "gang"], ["yoon", "yun"], ["jang", "chang"], ["lim", "im", "rim", "yim"], ["shin", "sin"],
            ["seo", "suh", "so"], ["kwon", "gwon"], ["ahn", "an"], ["ryu", "yoo", "yu", "you", "ryoo"],
            ["jeon", "chun", "jun", "chon", "jeun"], ["ko", "go", "koh"], ["moon", "mun"], ["son", "sohn"],
            ["bae", "pae"], ["baek", "paik", "paek", "back"], ["noh", "roh", "no", "ro"], ["kwak", "gwak"],
            ["woo", "wu", "u"], ["hyun", "hyeon"], ["joo", "ju", "chu"],
        ]
        var map: [[UInt8]: [UInt8]] = [:]
        for group in groups {
            for name in group { map[Array(name.utf8)] = Array(group[0].utf8) }
        }
        return map
    }()
}

/// One author's comparison form.
public struct AuthorForm: Sendable, Hashable {
    /// Folded surname (romanisation variants unified).
    public var surname: [UInt8]
    /// First letter of the given name, if known.
    public var initial: UInt8?
}
