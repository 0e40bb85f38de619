import Foundation
public import LitharvestCore

/// The normalised forms records are compared on. Every form is a byte string of lower-case letters and digits
/// only, so comparing two forms is a byte comparison however the sources wrote punctuation, case, width,
/// accents or markup.
public enum MatchText {
    /// The comparison form of a title: markup and entities removed, a wholly bracketed (translated) title
    /// unwrapped, trailing bracketed notes such as `[Chinese]` or `[Article in Korean]` dropped, then NFKC,
    /// case and accent folding, keeping letters and digits only.
    public static func title(_ raw: String?) -> [UInt8] {
        guard var text = raw, !text.isEmpty else { return [] }
        if text.contains("<") || text.contains("&") { text = strippingMarkup(text) }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix("["), text.hasSuffix("]"), !text.dropFirst().contains("[") {
            text = String(text.dropFirst().dropLast())
        } else {
            text = droppingTrailingNotes(text)
        }
        return fold(text)
    }

    /// Letters and digits of `text`, case-, accent- and width-folded (NFKC), as UTF-8.
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                out.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                out.append(byte + 0x20)
            }
        }
        if ascii { return out }
        out.removeAll(keepingCapacity: true)
        let folded = text.precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { continue }
            out.append(contentsOf: String(scalar).utf8)
        }
        return out
    }

    /// Removes `<tag>` markup and `&entity;` references (both sides of a comparison lose them alike).
    static func strippingMarkup(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let close = text[index...].firstIndex(of: ">"),
                text.distance(from: index, to: close) < 40
            {
                index = text.index(after: close)
                out.append(" ")
                continue
            }
            if character == "&", let semicolon = text[index...].firstIndex(of: ";"),
                text.distance(from: index, to: semicolon) <= 8
            {
                index = text.index(after: semicolon)
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }

    /// Title text shorter than this keeps its brackets and parentheses: they may be the title itself.
    static let notesAfter = 30

    /// Drops the notes databases append to a title: everything from a `[` after the first 30 characters
    /// (`[Chinese]`, `[Review] [45 refs]`, a cut-off `[Erratum appears in …`) and a final parenthesis
    /// (`(Provisional abstract)`, `(multiple letters)`).
    static func droppingTrailingNotes(_ text: String) -> String {
        var result = Substring(text)
        if let open = result.dropFirst(notesAfter).firstIndex(of: "[") {
            result = result[..<open]
        }
        result = Substring(result.trimmingCharacters(in: .whitespaces))
        while result.hasSuffix(".") { result.removeLast() }
        if result.hasSuffix(")"), let open = result.lastIndex(of: "("),
            result.distance(from: result.startIndex, to: open) >= notesAfter
        {
            result = result[..<open]
        }
        return String(result)
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
        let stop: Set<[UInt8]> = [
            Array("the".utf8), Array("of".utf8), Array("and".utf8), Array("for".utf8), Array("in".utf8),
            Array("on".utf8), Array("de".utf8), Array("la".utf8), Array("und".utf8),
        ]
        return raw.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { fold(String($0)) }.filter {
            !$0.isEmpty && !stop.contains($0)
        }
    }

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
        guard let pages = Pages(raw) else { return [] }
        var folded = fold(pages.first)
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
