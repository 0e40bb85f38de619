import Foundation
package import LitharvestModel

/// The normalised forms records are compared on. Every form is a byte string of lower-case letters and digits
/// only, so comparing two forms is a byte comparison however the sources wrote punctuation, case, width,
/// accents or markup.
package enum MatchText {
    /// The comparison form of a title: markup and entities removed, a wholly bracketed (translated) title
    /// unwrapped, trailing notes such as `[Chinese]` or `(Provisional abstract)` dropped, then NFKC, case and
    /// accent folding, keeping letters and digits only. Works on UTF-8 bytes: every character it looks
    /// for is ASCII, and this runs on millions of titles.
    package static func title(_ raw: String?) -> [UInt8] {
        guard let raw, !raw.isEmpty else { return [] }
        var bytes = Array(raw.utf8)
        if bytes.contains(Byte.less) || bytes.contains(Byte.ampersand) { bytes = strippingMarkup(bytes) }
        var text = droppingCorrectionLabel(trimmed(bytes[...]))
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
    package static func fold(_ text: String) -> [UInt8] {
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

    /// Labels a database puts before the corrected article's title (`Erratum: <title>`): an erratum is
    /// clustered with its article, as reviewers and the labelled benchmarks expect, so the label must not
    /// make the titles differ.
    private static let correctionLabels: [[UInt8]] = [
        "erratum to:", "erratum to ", "erratum:", "errata:", "corrigendum to:", "corrigendum to ", "corrigendum:",
        "correction to:", "correction to ", "correction:",
    ].map { Array($0.utf8) }

    /// Without a leading correction label (ASCII case-insensitive).
    static func droppingCorrectionLabel(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.first, first | 0x20 == UInt8(ascii: "e") || first | 0x20 == UInt8(ascii: "c") else {
            return bytes
        }
        for label in correctionLabels where bytes.count > label.count + notesAfter {
            let head = bytes.prefix(label.count)
            if zip(head, label).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }) {
                return trimmed(bytes.dropFirst(label.count))
            }
        }
        return bytes
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
        if let open = trailingParenthesis(text), open - text.startIndex >= notesAfter {
            text = trimmed(text[..<open])
        }
        return text
    }

    /// Where the title's final parenthesised note opens: the parenthesis balancing a closing one at the end
    /// (`(New England Journal of Medicine (2009) 360 (542-544))`), or one never closed because the database
    /// cut the title off inside the note (`(The Journal of Pediatrics (M`).
    static func trailingParenthesis(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8>.Index? {
        var depth = 0
        var index = text.endIndex
        var unclosed: ArraySlice<UInt8>.Index?
        while index > text.startIndex {
            index -= 1
            switch text[index] {
            case Byte.closeParen:
                if index == text.index(before: text.endIndex) || depth > 0 { depth += 1 } else if depth == 0 {
                    // A parenthesis closed before the end: the title goes on after it, no trailing note.
                    return unclosed
                }
            case Byte.openParen:
                if depth > 0 {
                    depth -= 1
                    if depth == 0 { return index }
                } else {
                    // Keep scanning: the note may itself hold an unclosed parenthesis, and the cut is at the first.
                    unclosed = index
                }
            default: break
            }
        }
        return unclosed
    }

    /// Surname comparison forms: folded, with common Korean romanisation variants mapped to one spelling
    /// (`Yi`/`Rhee`/`Lee`, `Gim`/`Kim`, `Pak`/`Park`, `Jeong`/`Chung`/`Jung`, …).
    package static func surname(_ raw: String) -> [UInt8] {
        let folded = fold(raw)
        if folded.count <= 5, let variant = koreanSurnameVariants[folded] { return variant }
        return folded
    }

    /// Author comparison forms: surname form plus the first initial, from split or unsplit names
    /// (`Last, First`, `First Last`, `Last FM`).
    package static func authors(_ authors: [Author]) -> [AuthorForm] {
        authors.compactMap { author in
            if let family = author.family, !family.isEmpty {
                let initial = (author.given ?? author.initials).flatMap { fold($0).first }
                return form(family: family, initial: initial)
            }
            guard let literal = author.literal?.trimmingCharacters(in: .whitespaces), !literal.isEmpty else {
                return nil
            }
            if let comma = literal.firstIndex(of: ",") {
                let given = literal[literal.index(after: comma)...]
                return form(family: String(literal[..<comma]), initial: fold(String(given)).first)
            }
            let words = literal.split(separator: " ")
            guard let last = words.last else { return nil }
            // `Smith JA` (MEDLINE style) keeps the surname first; `John Smith` puts it last.
            if words.count >= 2, last.count <= 3, last.allSatisfy(\.isUppercase) {
                return form(family: String(words[0]), initial: fold(String(last)).first)
            }
            let initial = words.count >= 2 ? fold(String(words[0])).first : nil
            return form(family: String(last), initial: initial)
        }
    }

    private static func form(family: String, initial: UInt8?) -> AuthorForm {
        let whole = surname(family)
        let isSeparator = { (byte: UInt8) in byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") }
        guard family.utf8.contains(where: isSeparator) else { return AuthorForm(surname: whole, initial: initial) }
        let words = family.utf8.split(whereSeparator: isSeparator).map { fold(String(Substring($0))) }
        let core = words.max { $0.count < $1.count } ?? whole
        return AuthorForm(surname: whole, initial: initial, core: core)
    }

    /// Journal words after folding, without the words abbreviations drop.
    package static func journalWords(_ raw: String?) -> [[UInt8]] {
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

    /// Whether two journal names can name the same journal: equal, or each word of the abbreviation
    /// abbreviates the full title's word in the same place — same first letter, its letters in order
    /// (`Nat Rev Nephrol` ≡ `Nature Reviews Nephrology`, `Proc Natl Acad Sci` ≡ `Proceedings National …`).
    package static func journalsAgree(_ first: [[UInt8]], _ second: [[UInt8]]) -> Bool {
        guard !first.isEmpty, !second.isEmpty, first.count == second.count else { return first == second && !first.isEmpty }
        for (a, b) in zip(first, second) {
            let (short, long) = a.count <= b.count ? (a, b) : (b, a)
            if !abbreviates(short, long) { return false }
        }
        return true
    }

    private static func abbreviates(_ short: [UInt8], _ long: [UInt8]) -> Bool {
        guard let initial = short.first, initial == long.first else { return false }
        var position = long.startIndex
        for letter in short {
            guard let found = long[position...].firstIndex(of: letter) else { return false }
            position = found + 1
        }
        return true
    }

    /// The page numbers of a pages field: the first number of the first page (`c37` → 37, `S23` → 23,
    /// `e1002` → 1002, `0221` → 221) and the last page completed from the first (`221-8` → 228). Letter
    /// prefixes are dropped because journals and databases disagree on them (*Nephron*'s `c37-c42` is
    /// `37-42` elsewhere). Nil when the first page has no digit (`Suppl`, roman numerals): no evidence.
    package static func pageSpan(_ raw: String?) -> PageSpan? {
        guard let raw, !raw.isEmpty else { return nil }
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            // Hot path: ASCII pages are read in place, split at the first hyphen or tilde.
            let bytes = raw.utf8
            let separator = bytes.firstIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "~") }
            return pageSpan(first: bytes[..<(separator ?? bytes.endIndex)],
                            last: separator.map { bytes[bytes.index(after: $0)...] })
        }
        guard let pages = Pages(raw) else { return nil }
        return pageSpan(first: pages.first.utf8[...], last: pages.last.map { $0.utf8[...] })
    }

    private static func pageSpan(first: Substring.UTF8View, last: Substring.UTF8View?) -> PageSpan? {
        guard let start = digitRun(first) else { return nil }
        var end = start.value
        if let last, let run = digitRun(last) {
            var completed = run.value
            if run.digits < start.digits {
                var scale = 1
                for _ in 0..<run.digits { scale *= 10 }
                completed = start.value - start.value % scale + run.value
            }
            if completed >= start.value { end = completed }
        }
        return PageSpan(first: start.value, last: end)
    }

    /// The value and written length (without leading zeros) of the first run of ASCII digits, at most 9.
    private static func digitRun(_ bytes: Substring.UTF8View) -> (value: Int, digits: Int)? {
        guard let start = bytes.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value = 0
        var digits = 0
        for byte in bytes[start...] {
            guard byte >= 0x30 && byte <= 0x39, digits < 9 else { break }
            value = value * 10 + Int(byte - 0x30)
            if value > 0 { digits += 1 }
        }
        return (value, digits)
    }

    /// The first number in a volume or issue without leading zeros (`Drug Discovery. 9` → `9`, `145 Suppl. 1`
    /// → `145`), or its folded text when it has no digits.
    package static func number(_ raw: String?) -> [UInt8] {
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

/// The pages a record occupies, as numbers.
package struct PageSpan: Sendable, Hashable {
    /// First page number.
    package var first: Int
    /// Last page number (equal to `first` for a single page).
    package var last: Int

    /// Whether the spans start or end on the same page (an end counts only when both have several pages:
    /// `2141-2147` and `2142-2147` are one article with a typo, a single page is where the next one starts).
    func sharesAnEnd(with other: PageSpan) -> Bool {
        first == other.first || last == other.last && last > first && other.last > other.first
    }

    /// Whether one span lies within the other (a record of several letters holds the reply's page).
    func nests(with other: PageSpan) -> Bool {
        first <= other.first && other.last <= last || other.first <= first && last <= other.last
    }
}

/// One author's comparison form.
package struct AuthorForm: Sendable, Hashable {
    /// Folded surname (romanisation variants unified).
    package var surname: [UInt8]
    /// First letter of the given name, if known.
    package var initial: UInt8?
    /// The longest word of a surname of several words (`Le Quintrec` → `quintrec`, `Biebuyck-Gouge` →
    /// `biebuyck`): databases drop particles and second names, or file them with the given name. Equal to
    /// `surname` for a one-word surname.
    package var core: [UInt8]

    /// Creates a form; `core` defaults to the surname.
    package init(surname: [UInt8], initial: UInt8?, core: [UInt8]? = nil) {
        self.surname = surname
        self.initial = initial
        self.core = core ?? surname
    }

    /// Whether two forms can name the same person: equal surnames, or equal cores of at least four letters;
    /// and equal initials when both are known.
    func agrees(with other: AuthorForm) -> Bool {
        guard initial == nil || other.initial == nil || initial == other.initial else { return false }
        return surname == other.surname || core.count >= 4 && core == other.core
    }
}
