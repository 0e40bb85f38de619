import Foundation
package import LitharvestCore
package import LitharvestModel

/// Text clean-up every Korean database's responses need: hit highlighting, escaped markup, author
/// strings with the affiliation in brackets.
package enum SourceText {
    /// `value` without markup tags (hit highlighting such as `<span class="searchKwd">`, `<b>`, `<em>`,
    /// `<strong>`, `<font>`), with the five XML entities and numeric character references decoded and
    /// whitespace collapsed; nil when nothing is left.
    package static func plain(_ value: String?) -> String? {
        guard var text = value, !text.isEmpty else { return nil }
        if text.contains("&lt;") || text.contains("&gt;") { text = decodeEntities(text) }
        if text.contains("<") { text = removingTags(text) }
        if text.contains("&") { text = decodeEntities(text) }
        return Normalize.text(text)
    }

    /// Splits `이름(소속)` or `Name (Affiliation)` into an author with one affiliation; a name without a
    /// bracketed tail is kept whole. Korean names are kept as one literal (no family/given split is
    /// reliable without a romanised form); `Family, Given` names are split.
    package static func author(_ value: String?) -> Author? {
        guard var name = plain(value) else { return nil }
        var affiliations: [String] = []
        if name.hasSuffix(")"), let open = matchingOpenBracket(in: name) {
            let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
            if let affiliation = Normalize.text(String(inner)) { affiliations.append(affiliation) }
            name = String(name[..<open]).trimmingCharacters(in: .whitespaces)
        }
        guard !name.isEmpty else { return nil }
        let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            return Author(family: parts[0], given: parts[1], affiliations: affiliations)
        }
        return Author(literal: name, affiliations: affiliations)
    }

    /// The index of the `(` that the final `)` closes, allowing nested brackets inside.
    private static func matchingOpenBracket(in text: String) -> String.Index? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case ")": depth += 1
            case "(":
                depth -= 1
                if depth == 0 { return index == text.startIndex ? nil : index }
            default: break
            }
        }
        return nil
    }

    private static func removingTags(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var inTag = false
        for character in text {
            if inTag {
                if character == ">" { inTag = false }
            } else if character == "<" {
                inTag = true
            } else {
                output.append(character)
            }
        }
        // An unclosed `<` was not a tag (e.g. "p < 0.05").
        return inTag ? text : output
    }

    /// Decodes `&lt; &gt; &amp; &quot; &apos; &#NN; &#xNN;`; other `&` sequences are kept as written.
    package static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest[rest.index(after: ampersand)...]
            guard let semicolon = afterAmpersand.prefix(10).firstIndex(of: ";") else {
                output.append("&")
                rest = afterAmpersand
                continue
            }
            let name = afterAmpersand[..<semicolon]
            if let decoded = decodeEntity(name) {
                output += decoded
                rest = afterAmpersand[afterAmpersand.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = afterAmpersand
            }
        }
        output += rest
        return output
    }

    private static func decodeEntity(_ name: Substring) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let scalar: UInt32? =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return scalar.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}

extension ConnectorSettings {
    /// The key `descriptor` requires, or a ``ConnectorError/Kind/missingKey`` error naming the variable to
    /// set and where the key is issued (the harvest reports such a job as skipped).
    package func requiredKey(for descriptor: ConnectorDescriptor) throws -> String {
        if let apiKey, !apiKey.isEmpty { return apiKey }
        guard let key = descriptor.key else {
            throw ConnectorError(.missingKey, "\(descriptor.name) needs a key but declares none")
        }
        throw ConnectorError(.missingKey, key.missingMessage(for: descriptor))
    }
}
