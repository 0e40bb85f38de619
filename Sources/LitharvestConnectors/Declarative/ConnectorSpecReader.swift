import Foundation
public import LitharvestCore
import LitharvestModel
import LitharvestXML
import Yams

/// Reads and validates a connector spec (`config/connectors/<id>.yaml`), reporting every problem at once
/// with its file, line and column, like the review config reader: unknown keys with a suggestion, bad
/// paths, missing fields and placeholders the request cannot fill.
public struct ConnectorSpecReader {
    /// The file as the user named it, for messages.
    let file: String
    private var problems: [ConfigProblem] = []
    private var format: ConnectorSpec.Response.Format = .json
    private var namespaces: [String: String] = [:]

    static let topLevelKeys = [
        "protocol", "id", "name", "platform", "access", "version", "endpoint", "requests_per_second", "key",
        "user_agent", "request", "paging", "split", "response", "fields",
    ]
    static let keyKeys = ["env", "required", "obtain", "parameter", "requests_per_second_with_key"]
    static let requestKeys = ["method", "url", "parameters", "date_filter"]
    static let pagingKeys = ["mode", "first", "page_size", "total", "total_required", "cap", "cursor", "cursor_start"]
    static let splitKeys = ["by", "mode", "earliest_year", "categories"]
    static let responseKeys = ["format", "records", "empty", "errors", "namespaces"]
    static let errorKeys = ["path", "values", "message", "kind"]
    static let ruleKeys = ["path", "clean", "split", "remove", "before", "after", "prefix"]
    static let errorKinds: [String: ConnectorError.Kind] = [
        "database_error": .databaseError, "blocked": .blocked, "invalid_query": .invalidQuery,
        "missing_key": .missingKey, "unexpected_response": .unexpectedResponse,
    ]

    /// Creates a reader for `file`.
    public init(file: String) {
        self.file = file
    }

    /// Reads the spec at `path`.
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    public static func load(path: String) throws(ConfigError) -> ConnectorSpec {
        switch try loadDeclaration(path: path) {
        case .http(let spec): return spec
        case .oaiPMH: throw ConfigError(file: path, message: "this spec declares an OAI-PMH repository, not an HTTP API")
        }
    }

    /// Reads the spec at `path`, whichever protocol it declares.
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    public static func loadDeclaration(path: String) throws(ConfigError) -> DeclaredConnector {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the connector spec")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "the connector spec is not UTF-8 text")
        }
        var reader = ConnectorSpecReader(file: path)
        return try reader.readDeclaration(yaml: text)
    }

    /// Parses and validates `yaml` as an HTTP API spec.
    ///
    /// - Throws: ``ConfigError`` with every problem found, sorted by position.
    public mutating func read(yaml: String) throws(ConfigError) -> ConnectorSpec {
        switch try readDeclaration(yaml: yaml) {
        case .http(let spec): return spec
        case .oaiPMH: throw ConfigError(file: file, message: "this spec declares an OAI-PMH repository, not an HTTP API")
        }
    }

    /// Parses and validates `yaml`, whichever protocol it declares.
    ///
    /// - Throws: ``ConfigError`` with every problem found, sorted by position.
    public mutating func readDeclaration(yaml: String) throws(ConfigError) -> DeclaredConnector {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError(problems: [syntaxProblem(error)])
        } catch {
            throw ConfigError(file: file, message: "invalid YAML: \(error)")
        }
        guard let root, let topEntries = entries(of: root, expecting: "a connector spec must be a mapping") else {
            throw ConfigError(problems: problems.isEmpty ? [ConfigProblem(file: file, message: "the spec is empty")] : problems)
        }
        let declared: DeclaredConnector?
        if let protocolEntry = topEntries.first(where: { $0.key == "protocol" }),
            rawText(protocolEntry) == ConnectorSpec.TransportProtocol.oaiPMH.rawValue
        {
            declared = readRepository(topEntries, root: root).map { .oaiPMH($0) }
        } else {
            declared = readTop(topEntries, root: root).map { .http($0) }
        }
        guard problems.isEmpty, let declared else {
            throw ConfigError(problems: problems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
        }
        return declared
    }

    // MARK: - OAI-PMH repositories

    static let repositoryKeys = ["protocol", "id", "name", "platform", "version", "endpoint", "requests_per_second", "user_agent", "oai"]
    static let oaiKeys = ["metadata_prefix", "set", "vocabulary", "native_id_type"]

    /// `protocol: oai-pmh`: who the repository is and what to harvest; the generic OAI-PMH connector does
    /// the requests, paging and error handling.
    private mutating func readRepository(_ entries: [Entry], root: Node) -> OAIRepositorySpec? {
        var byKey: [String: Entry] = [:]
        for entry in entries {
            if Self.repositoryKeys.contains(entry.key) {
                byKey[entry.key] = entry
            } else {
                unknownKey(entry, in: "in an OAI-PMH repository spec", known: Self.repositoryKeys)
            }
        }
        let id = required(byKey["id"], "id", in: root).flatMap { identifier($0) }
        let name = required(byKey["name"], "name", in: root).flatMap { text($0) }
        let endpoint = required(byKey["endpoint"], "endpoint", in: root).flatMap { url($0) }
        let rate = byKey["requests_per_second"].flatMap { number($0, positive: true) } ?? 1
        var repository = OAIRepositorySpec.Harvest()
        if let oai = byKey["oai"], let oaiEntries = mapping(oai) {
            for item in oaiEntries {
                switch item.key {
                case "metadata_prefix":
                    if let prefix = text(item) {
                        if prefix == "oai_dc" {
                            repository.metadataPrefix = prefix
                        } else {
                            report("'metadata_prefix' must be oai_dc here (other formats need a compiled mapper), not '\(prefix)'", at: item.value)
                        }
                    }
                case "set": repository.set = text(item)
                case "vocabulary": repository.vocabulary = choice(item, among: OAIRepositorySpec.Vocabulary.self) ?? .standard
                case "native_id_type": repository.nativeIDType = text(item)
                default: unknownKey(item, in: "in 'oai'", known: Self.oaiKeys)
                }
            }
        }
        guard let id, let name, let endpoint else { return nil }
        var descriptor = OAIPMHConnector.repositoryDescriptor(
            id: id, name: name, endpoint: endpoint, requestsPerSecond: rate,
            version: byKey["version"].flatMap { text($0) } ?? "1")
        if let platform = byKey["platform"].flatMap({ text($0) }) { descriptor.platform = platform }
        return OAIRepositorySpec(
            descriptor: descriptor, harvest: repository, userAgent: byKey["user_agent"].flatMap { text($0) },
            sourcePath: file)
    }

    // MARK: - Top level

    private mutating func readTop(_ entries: [Entry], root: Node) -> ConnectorSpec? {
        var byKey: [String: Entry] = [:]
        for entry in entries {
            if Self.topLevelKeys.contains(entry.key) {
                byKey[entry.key] = entry
            } else {
                unknownKey(entry, in: "at the top level", known: Self.topLevelKeys)
            }
        }
        // The response format and XPath prefixes decide how every path is read, so they come first.
        if let response = byKey["response"], case .mapping = response.value, let responseEntries = mapping(response) {
            if let formatEntry = responseEntries.first(where: { $0.key == "format" }) {
                format = choice(formatEntry, among: ConnectorSpec.Response.Format.self) ?? .json
            }
            for namespace in responseEntries.first(where: { $0.key == "namespaces" }).flatMap({ mapping($0) }) ?? [] {
                namespaces[namespace.key] = text(namespace)
            }
        }

        var transport = ConnectorSpec.TransportProtocol.http
        if let entry = byKey["protocol"] {
            transport = choice(entry, among: ConnectorSpec.TransportProtocol.self) ?? .http
        }
        let id = required(byKey["id"], "id", in: root).flatMap { identifier($0) }
        let name = required(byKey["name"], "name", in: root).flatMap { text($0) }
        let platform = required(byKey["platform"], "platform", in: root).flatMap { text($0) }
        let access = byKey["access"].flatMap { choice($0, among: ConnectorDescriptor.Access.self) } ?? .api
        let version = byKey["version"].flatMap { text($0) } ?? "1"
        let endpoint = required(byKey["endpoint"], "endpoint", in: root).flatMap { url($0) }
        let rate = byKey["requests_per_second"].flatMap { number($0, positive: true) } ?? 1
        let userAgent = byKey["user_agent"].flatMap { text($0) }
        var key: KeyRequirement?
        var keyParameter: String?
        if let entry = byKey["key"] { (key, keyParameter) = readKey(entry) }
        let request = required(byKey["request"], "request", in: root).flatMap { readRequest($0) }
        let paging = readPaging(byKey["paging"], root: root)
        let split = byKey["split"].flatMap { readSplit($0) }
        let response = required(byKey["response"], "response", in: root).flatMap { readResponse($0) }
        let fields = required(byKey["fields"], "fields", in: root).flatMap { readFields($0) }

        guard let id, let name, let platform, let endpoint, let request, let paging, let response, let fields
        else { return nil }
        let descriptor = ConnectorDescriptor(
            id: id, name: name, platform: platform, access: access, key: key, defaultEndpoint: endpoint,
            defaultRequestsPerSecond: rate, supportsDateWindow: request.dateFilter == .added, version: version,
            options: DeclarativeOptions.all(pageSize: paging.pageSize))
        let spec = ConnectorSpec(
            descriptor: descriptor, transportProtocol: transport, keyParameter: keyParameter, userAgent: userAgent,
            request: request, paging: paging, split: split, response: response, fields: fields, sourcePath: file)
        checkPlaceholders(spec, byKey)
        return spec
    }

    /// Cross-checks: every placeholder the request uses has a source, and what paging and splitting need
    /// is in the request.
    private mutating func checkPlaceholders(_ spec: ConnectorSpec, _ byKey: [String: Entry]) {
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

    // MARK: - Sections

    private mutating func readKey(_ entry: Entry) -> (KeyRequirement?, String?) {
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
            case "requests_per_second_with_key": withKey = number(item, positive: true)
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

    private mutating func readRequest(_ entry: Entry) -> ConnectorSpec.Request? {
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

    private mutating func readPaging(_ entry: Entry?, root: Node) -> ConnectorSpec.Paging? {
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

    private mutating func readSplit(_ entry: Entry) -> ConnectorSpec.Split? {
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

    private mutating func readResponse(_ entry: Entry) -> ConnectorSpec.Response? {
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

    private mutating func readErrors(_ entry: Entry) -> [ConnectorSpec.ErrorRule] {
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

    private mutating func readFields(_ entry: Entry) -> FieldMap? {
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
    private mutating func readRule(_ entry: Entry) -> FieldMap.Rule? {
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

    // MARK: - Values

    /// A mapping entry whose key is a scalar.
    private struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    private mutating func paths(_ entry: Entry) -> [FieldPath] {
        if case .sequence(let sequence) = entry.value {
            return sequence.compactMap { node in path(Entry(key: entry.key, keyNode: entry.keyNode, value: node)) }
        }
        return path(entry).map { [$0] } ?? []
    }

    /// A path in the response's format, checked.
    private mutating func path(_ entry: Entry) -> FieldPath? {
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

    private mutating func template(_ entry: Entry) -> Template? {
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

    /// A connector id: it names the database on the command line and in environment variables.
    private mutating func identifier(_ entry: Entry) -> String? {
        guard let id = text(entry) else { return nil }
        guard id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
            report("'id' must be lower-case letters, digits, '-' or '_' (it names the database on the command line), not '\(id)'", at: entry.value)
            return nil
        }
        return id
    }

    private mutating func required(_ entry: Entry?, _ key: String, in root: Node) -> Entry? {
        if entry == nil { report("missing '\(key)'", at: root) }
        return entry
    }

    private mutating func choice<T: RawRepresentable & CaseIterable>(_ entry: Entry, among: T.Type) -> T?
    where T.RawValue == String {
        guard let value = text(entry) else { return nil }
        if let choice = T(rawValue: value) { return choice }
        let known = T.allCases.map(\.rawValue)
        report(
            "'\(entry.key)' must be one of \(known.joined(separator: ", ")), not '\(value)'"
                + ConfigProblem.suggestion(for: value, among: known), at: entry.value)
        return nil
    }

    private mutating func url(_ entry: Entry) -> String? {
        guard let url = text(entry) else { return nil }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            report("'\(entry.key)' must be an http:// or https:// URL, not '\(url)'", at: entry.value)
            return nil
        }
        return url
    }

    private mutating func number(_ entry: Entry, positive: Bool) -> Double? {
        guard let raw = rawText(entry), let value = Double(raw), value.isFinite, !positive || value > 0 else {
            report("'\(entry.key)' must be a number greater than 0", at: entry.value)
            return nil
        }
        return value
    }

    private mutating func wholeNumber(_ entry: Entry, in range: ClosedRange<Int>) -> Int? {
        guard let raw = rawText(entry), let value = Int(raw), range.contains(value) else {
            report("'\(entry.key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: entry.value)
            return nil
        }
        return value
    }

    private mutating func bool(_ entry: Entry) -> Bool? {
        switch rawText(entry)?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("'\(entry.key)' must be true or false", at: entry.value)
            return nil
        }
    }

    private mutating func list(_ entry: Entry) -> [String]? {
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

    /// Trimmed non-empty scalar text, or nil after reporting.
    private mutating func text(_ entry: Entry) -> String? {
        guard let raw = rawText(entry) else {
            report("'\(entry.key)' must be a value, not \(describe(entry.value))", at: entry.value.mark == nil ? entry.keyNode : entry.value)
            return nil
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            report("'\(entry.key)' is empty", at: entry.keyNode)
            return nil
        }
        return trimmed
    }

    /// The scalar's text as written (separators like " = " keep their spaces); nil for non-scalars and null.
    private func rawText(_ entry: Entry) -> String? {
        guard case .scalar(let scalar) = entry.value else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }

    private mutating func mapping(_ entry: Entry) -> [Entry]? {
        entries(of: entry.value, expecting: "'\(entry.key)' must be a mapping")
    }

    private mutating func entries(of node: Node, expecting: String) -> [Entry]? {
        guard case .mapping(let mapping) = node else {
            report("\(expecting), not \(describe(node))", at: node)
            return nil
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("keys must be plain names", at: key)
                continue
            }
            entries.append(Entry(key: scalar.string, keyNode: key, value: value))
        }
        return entries
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        }
    }

    private mutating func unknownKey(_ entry: Entry, in place: String, known: [String]) {
        report(
            "unknown key '\(entry.key)' \(place) (known: \(known.joined(separator: ", ")))"
                + ConfigProblem.suggestion(for: entry.key, among: known), at: entry.keyNode)
    }

    private mutating func report(_ message: String, at node: Node?) {
        let mark = node?.mark
        problems.append(ConfigProblem(file: file, line: mark?.line, column: mark?.column, message: message))
    }

    private func syntaxProblem(_ error: YamlError) -> ConfigProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigProblem(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "invalid YAML: key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice")
        default:
            return ConfigProblem(file: file, message: "invalid YAML: \(error)")
        }
    }
}
