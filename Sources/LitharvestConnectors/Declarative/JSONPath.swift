import Foundation

/// The small JSON-path subset declarative connectors use, over `JSONSerialization` output:
/// `$` (the root, or the record for field paths), `.name` and `['name']` (a member), `[N]` (an array
/// element, 0-based), `[*]` and `.*` (every element of an array or every value of an object).
/// Filters, slices, recursive descent (`..`) and functions are not supported and are refused when the
/// spec is loaded.
struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case all
    }

    /// What a path did not parse as, with the 0-based character offset of the fault.
    struct SyntaxError: Error, Sendable {
        var message: String
        var offset: Int
    }

    let steps: [Step]
    let description: String

    /// Parses `text`.
    ///
    /// - Throws: ``SyntaxError`` naming the first character that does not fit the subset.
    init(_ text: String) throws(SyntaxError) {
        let characters = Array(text)
        guard characters.first == "$" else {
            throw SyntaxError(message: "a JSON path starts with '$' (like $.result[*].titleInfo)", offset: 0)
        }
        var steps: [Step] = []
        var position = 1
        while position < characters.count {
            switch characters[position] {
            case ".":
                position += 1
                if position < characters.count, characters[position] == "." {
                    throw SyntaxError(message: "recursive descent '..' is not supported", offset: position)
                }
                if position < characters.count, characters[position] == "*" {
                    steps.append(.all)
                    position += 1
                    continue
                }
                let start = position
                while position < characters.count, Self.isNameCharacter(characters[position]) { position += 1 }
                guard position > start else {
                    throw SyntaxError(message: "expected a member name after '.'", offset: start)
                }
                steps.append(.member(String(characters[start..<position])))
            case "[":
                guard let close = characters[position...].firstIndex(of: "]") else {
                    throw SyntaxError(message: "'[' is never closed", offset: position)
                }
                let inner = String(characters[(position + 1)..<close]).trimmingCharacters(in: .whitespaces)
                if inner == "*" {
                    steps.append(.all)
                } else if let index = Int(inner), index >= 0 {
                    steps.append(.index(index))
                } else if inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"",
                    inner.last == quote
                {
                    steps.append(.member(String(inner.dropFirst().dropLast())))
                } else {
                    throw SyntaxError(
                        message: "'[\(inner)]' is not supported; use [*], [N] or ['name']", offset: position)
                }
                position = close + 1
            default:
                throw SyntaxError(
                    message: "unexpected '\(characters[position])'; steps are .name, ['name'], [N], [*] or .*",
                    offset: position)
            }
        }
        self.steps = steps
        self.description = text
    }

    /// Every value the path reaches from `root`, in document order; empty when nothing matches (a
    /// member that is absent or `null`).
    func values(in root: Any) -> [Any] {
        var current: [Any] = [root]
        for step in steps {
            var next: [Any] = []
            for value in current {
                switch step {
                case .member(let name):
                    if let object = value as? [String: Any], let member = object[name], !(member is NSNull) {
                        next.append(member)
                    }
                case .index(let index):
                    if let array = value as? [Any], index < array.count { next.append(array[index]) }
                case .all:
                    if let array = value as? [Any] {
                        next += array
                    } else if let object = value as? [String: Any] {
                        next += object.keys.sorted().compactMap { object[$0] }
                    }
                }
            }
            current = next.filter { !($0 is NSNull) }
        }
        return current
    }

    /// The text of each scalar the path reaches (numbers in their shortest form, booleans as 1 or 0); arrays of
    /// scalars at the end contribute each element.
    func strings(in root: Any) -> [String] {
        values(in: root).flatMap { value -> [String] in
            if let array = value as? [Any] { return array.compactMap(Self.scalarText) }
            return Self.scalarText(value).map { [$0] } ?? []
        }
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}
