import Foundation
import LitharvestCore
import Yams

/// Values only connector specs have (ids, required sections, lists); the rest come from ``YAMLNodeReader``.
extension ConnectorSpecReader {
    /// A connector id: it names the database on the command line and in environment variables.
    mutating func identifier(_ entry: Entry) -> String? {
        guard let id = text(entry) else { return nil }
        guard id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
            report("'id' must be lower-case letters, digits, '-' or '_' (it names the database on the command line), not '\(id)'", at: entry.value)
            return nil
        }
        return id
    }

    mutating func required(_ entry: Entry?, _ key: String, in root: Node) -> Entry? {
        if entry == nil { report("missing '\(key)'", at: root) }
        return entry
    }

    /// A number greater than 0 (a request budget), worded as every number is.
    mutating func positiveNumber(_ entry: Entry) -> Double? {
        number(entry, named: "'\(entry.key)'", requirement: "greater than 0") { $0 > 0 }
    }

    mutating func list(_ entry: Entry) -> [String]? {
        guard case .sequence(let sequence) = entry.value else {
            if let single = text(entry) { return [single] }
            return nil
        }
        return sequence.compactMap { node in
            guard case .scalar(let scalar) = node else {
                report("'\(entry.key)' must list plain values", at: node)
                return nil
            }
            return scalar.string
        }
    }

    mutating func mapping(_ entry: Entry) -> [Entry]? {
        entries(of: entry.value, expecting: "'\(entry.key)' must be a mapping")
    }
}
