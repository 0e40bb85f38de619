import Foundation
import LitharvestCore
import Yams

/// `key:`, `request:`, `paging:` and `split:` of an HTTP spec, and the cross-checks between them.
extension ConnectorSpecReader {
    mutating func readKey(_ entry: Entry) -> (KeyRequirement?, String?) {
        guard let entries = mapping(entry) else { return (nil, nil) }
        var variable: String?
        var isRequired = false
        var obtain: String?
        var parameter: String?
        var withKey: Double?
        for item in entries {
            switch item.key {
            case "env":
                variable = text(item)
                if let name = variable, !KeyRequirement.isVariableName(name) {
                    report("'key: env' must name an environment variable in capitals (like NLK_API_KEY), never hold the key itself", at: item.value)
                    variable = nil
                }
            case "required": isRequired = bool(item) ?? false
            case "obtain": obtain = text(item)
            case "parameter": parameter = text(item)
            case "requests_per_second_with_key": withKey = positiveNumber(item)
            default: unknownKey(item, in: "in 'key'", known: Self.keyKeys)
            }
        }
        if variable == nil, !entries.contains(where: { $0.key == "env" }) {
            report("'key' is missing 'env' (the environment variable holding the key)", at: entry.keyNode)
        }
        if obtain == nil, !entries.contains(where: { $0.key == "obtain" }) {
            report("'key' is missing 'obtain' (where a user gets a key)", at: entry.keyNode)
        }
        if parameter == nil, !entries.contains(where: { $0.key == "parameter" }) {
            report("'key' is missing 'parameter' (the query or form parameter the key is sent in)", at: entry.keyNode)
        }
        guard let variable, let obtain else { return (nil, parameter) }
        return (
            KeyRequirement(
                isRequired: isRequired, environmentVariable: variable, howToObtain: obtain,
                requestsPerSecondWithKey: withKey),
            parameter
        )
    }

    mutating func readRequest(_ entry: Entry) -> ConnectorSpec.Request? {
        guard let entries = mapping(entry) else { return nil }
        var method = "GET"
        var url: Template? = try? Template("{endpoint}")
        var parameters: [(name: String, value: Template)] = []
        var dateFilter = ConnectorSpec.DateFilter.none
        var valid = true
        for item in entries {
            switch item.key {
            case "method":
                if let value = text(item)?.uppercased() {
                    if value == "GET" || value == "POST" {
                        method = value
                    } else {
                        report("'method' must be GET or POST, not '\(value)'", at: item.value)
                    }
                }
            case "url":
                url = template(item)
                if url == nil { valid = false }
            case "parameters":
                guard let list = mapping(item) else {
                    valid = false
                    continue
                }
                for parameter in list {
                    if let value = template(parameter) {
                        parameters.append((parameter.key, value))
                    } else {
                        valid = false
                    }
                }
            case "date_filter":
                dateFilter = choice(item, among: ConnectorSpec.DateFilter.self) ?? .none
            default:
                unknownKey(item, in: "in 'request'", known: Self.requestKeys)
            }
        }
        guard valid, let url else { return nil }
        return ConnectorSpec.Request(method: method, url: url, parameters: parameters, dateFilter: dateFilter)
    }

    mutating func readPaging(_ entry: Entry?, root: Node) -> ConnectorSpec.Paging? {
        var paging = ConnectorSpec.Paging(
            mode: .none, first: 1, pageSize: 100, total: nil, totalRequired: true, cap: nil, cursor: nil,
            cursorStart: "*")
        guard let entry else { return paging }
        guard let entries = mapping(entry) else { return nil }
        var sawFirst = false
        for item in entries {
            switch item.key {
            case "mode": paging.mode = choice(item, among: ConnectorSpec.Paging.Mode.self) ?? .none
            case "first":
                sawFirst = true
                paging.first = wholeNumber(item, in: 0...1_000_000) ?? 1
            case "page_size": paging.pageSize = wholeNumber(item, in: 1...10_000) ?? 100
            case "total": paging.total = path(item)
            case "total_required": paging.totalRequired = bool(item) ?? true
            case "cap": paging.cap = wholeNumber(item, in: 1...100_000_000)
            case "cursor": paging.cursor = path(item)
            case "cursor_start": paging.cursorStart = text(item) ?? "*"
            default: unknownKey(item, in: "in 'paging'", known: Self.pagingKeys)
            }
        }
        if !sawFirst, paging.mode == .offset { paging.first = 0 }
        if let item = entries.first(where: { $0.key == "total_required" }), paging.total == nil {
            report("'total_required' needs 'total' (where the total is)", at: item.keyNode)
        }
        if paging.mode == .cursor, paging.cursor == nil, !entries.contains(where: { $0.key == "cursor" }) {
            report("'paging: mode: cursor' needs 'cursor' (where the next cursor is)", at: entry.keyNode)
        }
        return paging
    }

    mutating func readSplit(_ entry: Entry) -> ConnectorSpec.Split? {
        guard let entries = mapping(entry) else { return nil }
        var split = ConnectorSpec.Split(mode: .bisect, earliestYear: 1900, categories: [])
        for item in entries {
            switch item.key {
            case "by":
                if let by = text(item), by != "year" {
                    report("'split: by' must be year (categories go in 'categories'), not '\(by)'", at: item.value)
                }
            case "mode": split.mode = choice(item, among: ConnectorSpec.Split.Mode.self) ?? .bisect
            case "earliest_year": split.earliestYear = wholeNumber(item, in: 1000...2999) ?? 1900
            case "categories": split.categories = list(item) ?? []
            default: unknownKey(item, in: "in 'split'", known: Self.splitKeys)
            }
        }
        return split
    }

    /// Cross-checks: every placeholder the request uses has a source, and what paging and splitting need
    /// is in the request.
    mutating func checkPlaceholders(_ spec: ConnectorSpec, _ byKey: [String: Entry]) {
        let at = byKey["request"]?.keyNode
        let used = spec.request.parameters.reduce(spec.request.url.placeholders) { $0.union($1.value.placeholders) }
        func need(_ placeholder: Placeholder, _ why: String, at node: Node?) {
            if !used.contains(placeholder) {
                report("the request never uses {\(placeholder.rawValue)}, which \(why)", at: node)
            }
        }
        need(.query, "carries the query", at: at)
        switch spec.paging.mode {
        case .page: need(.page, "'paging: mode: page' needs", at: byKey["paging"]?.keyNode)
        case .offset: need(.offset, "'paging: mode: offset' needs", at: byKey["paging"]?.keyNode)
        case .cursor: need(.cursor, "'paging: mode: cursor' needs", at: byKey["paging"]?.keyNode)
        case .none: break
        }
        let pagingPlaceholders: [(Placeholder, ConnectorSpec.Paging.Mode)] = [
            (.page, .page), (.offset, .offset), (.cursor, .cursor),
        ]
        for (placeholder, mode) in pagingPlaceholders where used.contains(placeholder) && spec.paging.mode != mode {
            report("{\(placeholder.rawValue)} is used but paging is '\(spec.paging.mode.rawValue)', not '\(mode.rawValue)'", at: at)
        }
        if spec.request.dateFilter != .none, used.allSatisfy({ !$0.isDate }) {
            report(
                "'date_filter: \(spec.request.dateFilter.rawValue)' needs a date placeholder in the request "
                    + "({year}, {from_year}/{until_year} or {from_date}/{until_date})", at: at)
        }
        if spec.request.dateFilter == .none, let dated = used.first(where: \.isDate) {
            report("{\(dated.rawValue)} is used but 'date_filter' is none; declare added or publication", at: at)
        }
        if let split = spec.split {
            let node = byKey["split"]?.keyNode
            if split.mode == .each { need(.year, "'split: mode: each' needs", at: node) }
            if split.mode == .bisect, !spec.takesYearRange {
                report("'split: mode: bisect' needs {from_year}/{until_year} or dates in the request; use mode: each with {year}", at: node)
            }
            if !split.categories.isEmpty { need(.category, "'split: categories' needs", at: node) }
            if spec.paging.cap == nil { report("'split' is only used past a cap: set 'paging: cap'", at: node) }
        }
        if used.contains(.category), spec.split?.categories.isEmpty ?? true {
            report("{category} is used but 'split: categories' lists none", at: at)
        }
    }
}
