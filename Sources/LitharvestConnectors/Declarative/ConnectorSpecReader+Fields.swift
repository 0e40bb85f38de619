import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML
import Yams

/// `fields:` of an HTTP spec and the paths in it, read in the response's path language (JSON path or XPath).
extension ConnectorSpecReader {
    mutating func readFields(_ entry: Entry) -> FieldMap? {
        guard let entries = mapping(entry) else { return nil }
        var rules: [FieldMap.Field: FieldMap.Rule] = [:]
        var identifiers: [(scheme: String, rule: FieldMap.Rule)] = []
        let known = FieldMap.Field.allCases.map(\.rawValue) + ["identifiers"]
        for item in entries {
            if item.key == "identifiers" {
                for identifier in mapping(item) ?? [] {
                    if let rule = readRule(identifier) { identifiers.append((identifier.key.lowercased(), rule)) }
                }
            } else if let field = FieldMap.Field(rawValue: item.key) {
                if let rule = readRule(item) { rules[field] = rule }
            } else {
                unknownKey(item, in: "in 'fields'", known: known)
            }
        }
        if !entries.contains(where: { $0.key == FieldMap.Field.nativeID.rawValue }) {
            report("'fields' is missing 'native_id' (the database's own id, used to tell records apart)", at: entry.keyNode)
            return nil
        }
        return FieldMap(rules: rules, identifiers: identifiers)
    }

    /// A field rule: a path, a list of paths, or a mapping with `path` and cleaning options.
    mutating func readRule(_ entry: Entry) -> FieldMap.Rule? {
        var rule = FieldMap.Rule(
            paths: [], stripsMarkup: true, split: nil, remove: nil, before: nil, after: nil, prefix: nil)
        switch entry.value {
        case .scalar, .sequence:
            rule.paths = paths(entry)
        case .mapping:
            for item in mapping(entry) ?? [] {
                switch item.key {
                case "path": rule.paths = paths(item)
                case "clean":
                    if let value = text(item) {
                        if value == "none" {
                            rule.stripsMarkup = false
                        } else if value != "plain" {
                            report("'clean' must be plain (strip markup, decode entities) or none, not '\(value)'", at: item.value)
                        }
                    }
                case "split": rule.split = rawText(item)
                case "remove":
                    if let pattern = rawText(item) {
                        do {
                            _ = try NSRegularExpression(pattern: pattern)
                            rule.remove = pattern
                        } catch {
                            report("'remove' is not a valid regular expression: '\(pattern)'", at: item.value)
                        }
                    }
                case "before": rule.before = rawText(item)
                case "after": rule.after = rawText(item)
                case "prefix": rule.prefix = text(item)
                default: unknownKey(item, in: "in the rule for '\(entry.key)'", known: Self.ruleKeys)
                }
            }
            if rule.paths.isEmpty, mapping(entry)?.contains(where: { $0.key == "path" }) != true {
                report("the rule for '\(entry.key)' is missing 'path'", at: entry.keyNode)
            }
        case .alias:
            report("aliases are not supported in connector specs", at: entry.value)
        }
        return rule.paths.isEmpty ? nil : rule
    }

    mutating func paths(_ entry: Entry) -> [FieldPath] {
        if case .sequence(let sequence) = entry.value {
            return sequence.compactMap { node in path(Entry(key: entry.key, keyNode: entry.keyNode, value: node)) }
        }
        return path(entry).map { [$0] } ?? []
    }

    /// A path in the response's format, checked.
    mutating func path(_ entry: Entry) -> FieldPath? {
        guard let text = text(entry) else { return nil }
        switch format {
        case .json:
            do {
                return FieldPath(json: try JSONPath(text))
            } catch {
                report("bad JSON path '\(text)' for '\(entry.key)': \(error.message) (at character \(error.offset + 1))", at: entry.value)
                return nil
            }
        case .xml, .html:
            do {
                try FieldPath.checkXPath(text, namespaces: namespaces)
                return FieldPath(xpath: text)
            } catch {
                report("bad XPath '\(text)' for '\(entry.key)': \(error.message)", at: entry.value)
                return nil
            }
        }
    }

    mutating func template(_ entry: Entry) -> Template? {
        guard let text = rawText(entry) else {
            report("'\(entry.key)' is empty", at: entry.keyNode)
            return nil
        }
        do {
            return try Template(text)
        } catch {
            report("'\(entry.key)': \(error.message)", at: entry.value)
            return nil
        }
    }
}
