import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestXML
import Yams

/// Reads and validates a connector spec (`config/connectors/<id>.yaml`), reporting every problem at once
/// with its file, line and column, like the review config reader: unknown keys with a suggestion, bad
/// paths, missing fields and placeholders the request cannot fill. Both spec languages (`protocol: http`, in
/// the extensions by section, and `protocol: oai-pmh`, in `+Repository`) go through the YAML toolkit the
/// review config reader uses (``YAMLNodeReader``), so a fault is worded the same in either file.
package struct ConnectorSpecReader: YAMLNodeReader {
    /// The file as the user named it, for messages.
    package let file: String
    /// Everything wrong so far.
    package var problems: [ConfigProblem] = []
    /// The response format, read first: it decides the path language of every path in the spec.
    var format: ConnectorSpec.Response.Format = .json
    /// XPath namespace prefixes, read with the format.
    var namespaces: [String: String] = [:]

    typealias Entry = YAMLEntry

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
    package init(file: String) {
        self.file = file
    }

    /// Reads the spec at `path`.
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    package static func load(path: String) throws(ConfigError) -> ConnectorSpec {
        switch try loadDeclaration(path: path) {
        case .http(let spec): return spec
        case .oaiPMH: throw ConfigError(file: path, message: "this spec declares an OAI-PMH repository, not an HTTP API")
        }
    }

    /// Reads the spec at `path`, whichever protocol it declares.
    ///
    /// - Throws: ``ConfigError`` with every problem found.
    package static func loadDeclaration(path: String) throws(ConfigError) -> DeclaredConnector {
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
    package mutating func read(yaml: String) throws(ConfigError) -> ConnectorSpec {
        switch try readDeclaration(yaml: yaml) {
        case .http(let spec): return spec
        case .oaiPMH: throw ConfigError(file: file, message: "this spec declares an OAI-PMH repository, not an HTTP API")
        }
    }

    /// Parses and validates `yaml`, whichever protocol it declares.
    ///
    /// - Throws: ``ConfigError`` with every problem found, sorted by position.
    package mutating func readDeclaration(yaml: String) throws(ConfigError) -> DeclaredConnector {
        let root = try YAMLDocument.compose(yaml, file: file)
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
            throw ConfigError(problems: YAMLDocument.sorted(problems))
        }
        return declared
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
        let rate = byKey["requests_per_second"].flatMap { positiveNumber($0) } ?? 1
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
}
