import Foundation
package import Yams

/// What the review config reader and the connector spec reader share: turning YAML nodes into typed values
/// while collecting every problem with the line and column of the node at fault, each fault worded once.
///
/// `name` in the helpers is how the value is called in messages ("'timeout' for 'pubmed'"); the overloads
/// without it call the value by its key.
package protocol YAMLNodeReader {
    /// The file as the user named it, for messages.
    var file: String { get }
    /// Everything wrong so far.
    var problems: [ConfigProblem] { get set }
}

extension YAMLNodeReader {
    // MARK: Reporting

    /// Records `message` at `node`'s position (none when nil or unmarked).
    package mutating func report(_ message: String, at node: Node?) {
        let mark = node?.mark
        problems.append(ConfigProblem(file: file, line: mark?.line, column: mark?.column, message: message))
    }

    /// Reports `entry`'s key as unknown in `place`, listing `known` and suggesting the nearest.
    package mutating func unknownKey(_ entry: YAMLEntry, in place: String, known: [String]) {
        report(
            "unknown key '\(entry.key)' \(place) (known: \(known.joined(separator: ", ")))"
                + ConfigProblem.suggestion(for: entry.key, among: known), at: entry.keyNode)
    }

    // MARK: Structure

    /// The entries of a mapping node, or nil after reporting `expecting` when `node` is something else.
    /// Entries with non-scalar keys are reported and skipped.
    package mutating func entries(of node: Node, expecting: String) -> [YAMLEntry]? {
        guard case .mapping(let mapping) = node else {
            report("\(expecting), not \(describe(node))", at: node)
            return nil
        }
        var entries: [YAMLEntry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("keys must be plain names, not \(describe(key))", at: key)
                continue
            }
            entries.append(YAMLEntry(key: scalar.string, keyNode: key, value: value))
        }
        return entries
    }

    /// Plain `~`, `null` or nothing at all.
    package func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a non-null scalar, spaces trimmed.
    package func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else { return nil }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    /// The text of a non-null scalar value exactly as written (separators like " = " keep their spaces).
    package func rawText(_ entry: YAMLEntry) -> String? {
        guard case .scalar(let scalar) = entry.value, !isNull(entry.value) else { return nil }
        return scalar.string
    }

    /// Where to report a bad value: the value, or the key when the value is missing.
    package func at(_ entry: YAMLEntry) -> Node {
        isNull(entry.value) || entry.value.mark == nil ? entry.keyNode : entry.value
    }

    /// A node as messages show it: `'text'`, "nothing", "a mapping", "a list", "an alias".
    package func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar) where isNull(node): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .scalar(let scalar): "'\(scalar.string)'"
        }
    }

    /// `'raw'` when there is text, else what the node is.
    package func shown(_ raw: String?, _ node: Node) -> String {
        if let raw { return "'\(raw)'" }
        return isNull(node) ? "nothing" : describe(node)
    }

    // MARK: Typed values

    /// Non-empty trimmed text, or nil after reporting "is empty" or "must be text".
    package mutating func text(_ entry: YAMLEntry, named name: String) -> String? {
        if isNull(entry.value) {
            report("\(name) is empty", at: entry.keyNode)
            return nil
        }
        guard case .scalar(let scalar) = entry.value else {
            report("\(name) must be text, not \(describe(entry.value))", at: at(entry))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            report("\(name) is empty", at: entry.value)
            return nil
        }
        return text
    }

    /// ``text(_:named:)`` calling the value by its key.
    package mutating func text(_ entry: YAMLEntry) -> String? {
        text(entry, named: "'\(entry.key)'")
    }

    /// A finite number satisfying `isValid`, or nil after reporting "must be a number \(requirement)".
    package mutating func number(
        _ entry: YAMLEntry, named name: String, requirement: String, isValid: (Double) -> Bool
    ) -> Double? {
        let raw = scalarText(entry.value)
        guard let raw, let number = Double(raw), number.isFinite, isValid(number) else {
            report("\(name) must be a number \(requirement), not \(shown(raw, entry.value))", at: at(entry))
            return nil
        }
        return number
    }

    /// A whole number in `range`, or nil after reporting.
    package mutating func wholeNumber(_ entry: YAMLEntry, named name: String, in range: ClosedRange<Int>) -> Int? {
        let raw = scalarText(entry.value)
        guard let raw, let number = Int(raw), range.contains(number) else {
            report(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), "
                    + "not \(shown(raw, entry.value))", at: at(entry))
            return nil
        }
        return number
    }

    /// ``wholeNumber(_:named:in:)`` calling the value by its key.
    package mutating func wholeNumber(_ entry: YAMLEntry, in range: ClosedRange<Int>) -> Int? {
        wholeNumber(entry, named: "'\(entry.key)'", in: range)
    }

    /// `true`/`false` (also yes/no, on/off), or nil after reporting.
    package mutating func bool(_ entry: YAMLEntry, named name: String) -> Bool? {
        switch scalarText(entry.value)?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let raw:
            report("\(name) must be true or false, not \(shown(raw, entry.value))", at: at(entry))
            return nil
        }
    }

    /// ``bool(_:named:)`` calling the value by its key.
    package mutating func bool(_ entry: YAMLEntry) -> Bool? {
        bool(entry, named: "'\(entry.key)'")
    }

    /// One of `values`, or nil after reporting them with the nearest.
    package mutating func choice(_ entry: YAMLEntry, named name: String, among values: [String]) -> String? {
        guard let value = text(entry, named: name) else { return nil }
        if values.contains(value) { return value }
        report(
            "\(name) must be one of \(values.joined(separator: ", ")), not '\(value)'"
                + ConfigProblem.suggestion(for: value, among: values), at: entry.value)
        return nil
    }

    /// One case of `T` by its raw value, or nil after reporting the cases.
    package mutating func choice<T: RawRepresentable & CaseIterable>(_ entry: YAMLEntry, among: T.Type) -> T?
    where T.RawValue == String {
        choice(entry, named: "'\(entry.key)'", among: T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
    }

    /// An http(s) URL with a host, or nil after reporting.
    package mutating func url(_ entry: YAMLEntry, named name: String) -> String? {
        guard let url = text(entry, named: name) else { return nil }
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            report("\(name) must be an http:// or https:// URL, not '\(url)'", at: entry.value)
            return nil
        }
        return url
    }

    /// ``url(_:named:)`` calling the value by its key.
    package mutating func url(_ entry: YAMLEntry) -> String? {
        url(entry, named: "'\(entry.key)'")
    }
}
