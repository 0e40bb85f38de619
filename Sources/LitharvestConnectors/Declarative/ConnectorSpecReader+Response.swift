import Foundation
import LitharvestCore
import Yams

/// `response:` of an HTTP spec: the format, where the records are, what 'no hits' looks like, error rules.
extension ConnectorSpecReader {
    mutating func readResponse(_ entry: Entry) -> ConnectorSpec.Response? {
        guard let entries = mapping(entry) else { return nil }
        var records: FieldPath?
        var absentMeansNoHits = false
        var errors: [ConnectorSpec.ErrorRule] = []
        for item in entries {
            switch item.key {
            case "format": break
            case "records": records = path(item)
            case "empty":
                if let value = text(item) {
                    if value == "records_absent" {
                        absentMeansNoHits = true
                    } else if value != "error" {
                        report("'empty' must be records_absent (no records element means 0 hits) or error, not '\(value)'", at: item.value)
                    }
                }
            case "errors": errors = readErrors(item)
            case "namespaces": break
            default: unknownKey(item, in: "in 'response'", known: Self.responseKeys)
            }
        }
        if !entries.contains(where: { $0.key == "records" }) {
            report("'response' is missing 'records' (where the records are)", at: entry.keyNode)
        }
        if !entries.contains(where: { $0.key == "format" }) {
            report("'response' is missing 'format' (json, xml or html)", at: entry.keyNode)
        }
        guard let records else { return nil }
        return ConnectorSpec.Response(
            format: format, records: records, absentRecordsMeanNoHits: absentMeansNoHits, errors: errors,
            namespaces: namespaces)
    }

    mutating func readErrors(_ entry: Entry) -> [ConnectorSpec.ErrorRule] {
        guard case .sequence(let sequence) = entry.value else {
            report("'errors' must be a list of rules (- path: …)", at: entry.value)
            return []
        }
        var rules: [ConnectorSpec.ErrorRule] = []
        for node in sequence {
            guard let items = entries(of: node, expecting: "each error rule must be a mapping with 'path'") else { continue }
            var rule = ConnectorSpec.ErrorRule(path: FieldPath(xpath: ""), values: [], message: nil, kind: .databaseError)
            var sawPath = false
            for item in items {
                switch item.key {
                case "path":
                    sawPath = true
                    if let path = path(item) { rule.path = path }
                case "values": rule.values = list(item) ?? []
                case "message": rule.message = path(item)
                case "kind":
                    if let kind = text(item) {
                        if let known = Self.errorKinds[kind] {
                            rule.kind = known
                        } else {
                            let names = Self.errorKinds.keys.sorted()
                            report("unknown error kind '\(kind)' (known: \(names.joined(separator: ", ")))"
                                + ConfigProblem.suggestion(for: kind, among: names), at: item.value)
                        }
                    }
                default: unknownKey(item, in: "in an error rule", known: Self.errorKeys)
                }
            }
            if !sawPath { report("an error rule is missing 'path'", at: node) }
            rules.append(rule)
        }
        return rules
    }
}
