import Foundation


/// Small normalizations every connector applies the same way.
package enum Normalize {
    /// Collapses runs of Unicode whitespace (newlines and tabs included) to one space and trims; nil when
    /// nothing is left.
    package static func text(_ value: String?) -> String? {
        guard let value else { return nil }
        let collapsed = value.collapsingWhitespace()
        return collapsed.isEmpty ? nil : collapsed
    }

    /// A DOI without resolver prefixes (`https://doi.org/`, `doi:`), trimmed and lower-cased (DOIs are
    /// case-insensitive); nil if it does not look like a DOI.
    package static func doi(_ value: String?) -> String? {
        guard var doi = text(value) else { return nil }
        let prefixes = [
            "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/",
            "dx.doi.org/", "doi:", "doi ",
        ]
        var stripped = true
        while stripped {
            stripped = false
            for prefix in prefixes where doi.lowercased().hasPrefix(prefix) {
                doi = String(doi.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                stripped = true
            }
        }
        doi = doi.trimmingCharacters(in: CharacterSet(charactersIn: " .;,"))
        guard doi.hasPrefix("10."), doi.contains("/") else { return nil }
        return doi.lowercased()
    }

    /// `PMC123` for `123`, `pmc123` or `PMC123`; nil for anything else.
    package static func pmcid(_ value: String?) -> String? {
        guard let value = text(value) else { return nil }
        let digits = value.uppercased().hasPrefix("PMC") ? String(value.dropFirst(3)) : value
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return "PMC" + digits
    }

    /// The year in a free-text date ("1998 Dec-1999 Jan" → 1998), the first plausible four-digit number.
    package static func year(in text: String?) -> Int? {
        guard let text else { return nil }
        var digits = ""
        for character in text + " " {
            if character.isASCIIDigit {
                digits.append(character)
            } else {
                if digits.count == 4, let year = Int(digits), (1000...2999).contains(year) { return year }
                digits = ""
            }
        }
        return nil
    }

    /// The month number of an English month name or abbreviation ("Dec", "December", "12").
    package static func month(_ text: String?) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return nil }
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return names.firstIndex { text.hasPrefix($0) }.map { $0 + 1 }
    }
}

extension Character {
    /// 0–9 only (not other scripts' digits).
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
