package import LitharvestModel

/// Turns the author strings export files carry into ``Author`` values with family and given names, whatever
/// order the file uses: `Last, First`, `Last, F. M.`, `First Last`, MEDLINE's `Last FM`, collectives.
package enum AuthorName {
    /// Words that mark a collective author, kept as a literal name.
    static let collectiveWords: Set<String> = [
        "group", "consortium", "committee", "collaboration", "collaborative", "investigators", "society",
        "organization", "organisation", "association", "council", "network", "team", "institute", "foundation",
        "trialists", "panel", "agency", "department", "ministry", "university", "commission", "writing",
    ]

    /// Surname particles that belong to the family name in `First von Last`.
    static let particles: Set<String> = ["van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos", "das", "ter", "ten", "bin", "al", "el"]

    /// Parses one author as written; nil for an empty string.
    package static func parse(_ text: String) -> Author? {
        guard var name = Normalize.text(text) else { return nil }
        // EndNote and some RIS writers end names with a stray comma or semicolon.
        while let last = name.last, last == "," || last == ";" {
            name.removeLast()
            name = name.trimmingCharacters(in: .whitespaces)
        }
        guard !name.isEmpty else { return nil }
        if isCollective(name) { return Author(literal: name) }
        if let comma = name.firstIndex(of: ",") {
            let family = name[..<comma].trimmingCharacters(in: .whitespaces)
            var given = name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            // `Last, First, Jr.`: the suffix stays with the given names, after them.
            if let second = given.firstIndex(of: ",") {
                let suffix = given[given.index(after: second)...].trimmingCharacters(in: .whitespaces)
                given = given[..<second].trimmingCharacters(in: .whitespaces) + (suffix.isEmpty ? "" : " " + suffix)
            }
            guard !family.isEmpty else { return given.isEmpty ? nil : Author(literal: given) }
            return person(family: family, given: given)
        }
        let words = name.split(separator: " ").map(String.init)
        guard words.count > 1 else {
            return Author(literal: name)
        }
        if let last = words.last, isInitials(last), last == last.uppercased() {
            // MEDLINE `AU` and Vancouver style: `Zuna RE`, `van der Berg J`; the letters are initials, not a name.
            return Author(family: words.dropLast().joined(separator: " "), initials: last)
        }
        var familyStart = words.count - 1
        while familyStart > 1, particles.contains(words[familyStart - 1].lowercased()) { familyStart -= 1 }
        return person(
            family: words[familyStart...].joined(separator: " "), given: words[..<familyStart].joined(separator: " ")
        )
    }

    /// An author from separate family and given parts (CSL-JSON, `Last, First` names): the given part is kept
    /// as written (`A R`, `J. K.`, `John A`) and the initials derived from it (`AR`, `JK`, `JA`).
    package static func person(family: String, given: String?) -> Author {
        let given = Normalize.text(given)
        guard let given else { return Author(family: family) }
        if isInitials(given) {
            return Author(family: family, given: given, initials: String(given.filter { $0.isLetter }))
        }
        return Author(family: family, given: given, initials: initials(of: given))
    }

    /// Whether `text` is only initials: `J`, `JS`, `J. S.`, `J.-P.`, `R E` (capital letters, each run at most
    /// three long, with dots, spaces and hyphens).
    static func isInitials(_ text: String) -> Bool {
        let runs = text.split(whereSeparator: { $0 == "." || $0 == " " || $0 == "-" })
        guard !runs.isEmpty else { return false }
        return runs.allSatisfy { run in
            run.count <= 3 && run.allSatisfy { $0.isLetter && $0.isUppercase }
        }
    }

    /// `JA` for `John A`, `J-P` style names give `JP`.
    static func initials(of given: String) -> String? {
        let letters = given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." })
            .compactMap { $0.first.map { String($0).uppercased() } }
        return letters.isEmpty ? nil : letters.joined()
    }

    static func isCollective(_ name: String) -> Bool {
        let words = name.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.count > 1 && !name.contains(",") && words.contains { collectiveWords.contains(String($0)) }
    }
}
