import Foundation
import Yams
import LitharvestModel

/// Walks the YAML node tree of a review config into a ``ReviewConfig``, collecting every problem with the
/// 1-based line and column of the node at fault, through the YAML toolkit it shares with the connector spec
/// reader (``YAMLNodeReader``).
struct ConfigReader: YAMLNodeReader {
    /// The file as the user named it, for messages.
    let file: String
    /// Connector ids litharvest has.
    let knownDatabases: Set<String>
    /// The options each connector declares, by id; a database missing here takes any option unchecked.
    let declaredOptions: [String: [ConnectorOption]]
    /// Everything wrong so far.
    var problems: [ConfigProblem] = []
    /// Deprecated spellings that still work, reported by `validate` and `run`.
    private var warnings: [ConfigProblem] = []

    init(file: String, knownDatabases: Set<String>, declaredOptions: [String: [ConnectorOption]] = [:]) {
        self.file = file
        self.knownDatabases = knownDatabases
        self.declaredOptions = declaredOptions
    }

    static let topLevelKeys = ["review", "store", "email", "archive", "retry", "databases", "searches"]
    static let retryKeys = ["max_attempts", "base_delay", "max_delay", "max_retry_after", "jitter"]
    static let databaseKeys = [
        "requests_per_second", "api_key_env", "endpoint", "user_agent", "email", "timeout", "batch_size", "enabled",
        "options",
    ]
    static let searchKeys = ["name", "queries", "limits", "notes"]
    static let limitKeys = ["from", "until"]
    static let batchSizes = 1...10_000
    /// Keys that would hold a secret; keys belong in the environment.
    static let secretKeys: Set<String> = ["api_key", "apikey", "key", "token", "secret", "password"]

    typealias Entry = YAMLEntry

    // MARK: - Entry point

    /// Parses and validates `yaml`; throws every problem at once.
    consuming func read(yaml: String) throws(ConfigError) -> ReviewConfig {
        guard let root = try YAMLDocument.compose(yaml, file: file) else {
            throw ConfigError(
                file: file, message: "the config is empty; it needs at least 'review:' and 'searches:'")
        }
        let config = readTop(root)
        guard problems.isEmpty, var config else {
            throw ConfigError(problems: YAMLDocument.sorted(problems))
        }
        config.warnings = YAMLDocument.sorted(warnings)
        return config
    }

    // MARK: - Top level

    private mutating func readTop(_ root: Node) -> ReviewConfig? {
        guard
            let entries = entries(
                of: root, expecting: "a review config must be a mapping with 'review:' and 'searches:'")
        else { return nil }
        let sourcePath = ConfigFile.absolute(file)
        let directory = ConfigFile.directory(of: sourcePath)

        var review: String?
        var storePath = ConfigFile.resolve(ReviewConfig.defaultStoreName, against: directory)
        var archivePath: String?
        var email: String?
        var databases: [String: DatabaseSettings] = [:]
        var searches: [SearchDefinition] = []
        var retry = RetrySettings()
        var sawReview = false
        var sawSearches = false

        for entry in entries {
            switch entry.key {
            case "review":
                sawReview = true
                review = text(entry, named: "'review' (the review's title)")
            case "store":
                if let path = path(entry) { storePath = ConfigFile.resolve(path, against: directory) }
            case "archive":
                archivePath = path(entry).map { ConfigFile.resolve($0, against: directory) }
            case "email":
                email = emailAddress(entry, context: "")
            case "retry":
                retry = readRetry(entry)
            case "databases":
                databases = readDatabases(entry)
            case "searches":
                sawSearches = true
                searches = readSearches(entry)
            default:
                unknownKey(entry, in: "at the top level", known: Self.topLevelKeys)
            }
        }
        if !sawReview { report("missing 'review:' (the review's title)", at: root) }
        if !sawSearches { report("missing 'searches:' (at least one search with its queries)", at: root) }
        guard let review else { return nil }
        return ReviewConfig(
            review: review, storePath: storePath, archivePath: archivePath, email: email, databases: databases,
            searches: searches, retry: retry, sourcePath: sourcePath)
    }

    // MARK: - retry:

    private mutating func readRetry(_ entry: Entry) -> RetrySettings {
        var retry = RetrySettings()
        if isNull(entry.value) { return retry }
        guard let entries = entries(of: entry.value, expecting: "'retry' must be a mapping such as { max_attempts: 5 }")
        else { return retry }
        for setting in entries {
            let name = "'\(setting.key)' in 'retry'"
            switch setting.key {
            case "max_attempts":
                retry.maxAttempts = wholeNumber(setting, named: name, in: RetrySettings.attemptsRange)
            case "base_delay":
                retry.baseDelay = number(setting, named: name, requirement: "0 or more (seconds)") { $0 >= 0 }
            case "max_delay":
                retry.maxDelay = number(setting, named: name, requirement: "greater than 0 (seconds)") { $0 > 0 }
            case "max_retry_after":
                retry.maxRetryAfter = number(setting, named: name, requirement: "0 or more (seconds)") { $0 >= 0 }
            case "jitter":
                retry.jitter = number(setting, named: name, requirement: "from 0 to 1") { (0...1).contains($0) }
            default:
                unknownKey(setting, in: "in 'retry'", known: Self.retryKeys)
            }
        }
        return retry
    }

    // MARK: - databases:

    private mutating func readDatabases(_ entry: Entry) -> [String: DatabaseSettings] {
        if isNull(entry.value) { return [:] }
        guard let entries = entries(of: entry.value, expecting: "'databases' must map connector ids to their settings")
        else { return [:] }
        var result: [String: DatabaseSettings] = [:]
        for database in entries {
            checkKnownDatabase(database)
            result[database.key] = readSettings(database)
        }
        return result
    }

    private mutating func readSettings(_ database: Entry) -> DatabaseSettings {
        var settings = DatabaseSettings()
        if isNull(database.value) { return settings }
        let id = database.key
        guard let entries = entries(of: database.value, expecting: "the settings for '\(id)' must be a mapping")
        else { return settings }
        var optionsEntry: Entry?
        var batchSizeEntry: Entry?
        for entry in entries {
            let name = "'\(entry.key)' for '\(id)'"
            switch entry.key {
            case "requests_per_second":
                settings.requestsPerSecond = number(entry, named: name, requirement: "greater than 0") { $0 > 0 }
            case "timeout":
                settings.timeout = number(entry, named: name, requirement: "greater than 0 (seconds)") { $0 > 0 }
            case "batch_size":
                batchSizeEntry = entry
            case "api_key_env":
                settings.apiKeyVariable = keyVariable(entry, named: name)
            case "endpoint":
                settings.endpoint = url(entry, named: name)
            case "user_agent":
                settings.userAgent = text(entry, named: name)
            case "email":
                settings.email = emailAddress(entry, context: " for '\(id)'")
            case "enabled":
                settings.enabled = bool(entry, named: name) ?? true
            case "options":
                optionsEntry = entry
                settings.options = options(entry, database: id)
            default:
                if Self.secretKeys.contains(entry.key.lowercased()) {
                    report(
                        "\(name) would put a key in the config; set it in an environment variable instead and "
                            + "name that variable with 'api_key_env:'", at: entry.keyNode)
                } else {
                    unknownKey(entry, in: "in the settings for '\(id)'", known: Self.databaseKeys)
                }
            }
        }
        if let batchSizeEntry { readBatchSize(batchSizeEntry, database: id, into: &settings, options: optionsEntry) }
        return settings
    }

    /// `batch_size:` beside `options:`, the page size's former place: still read, as `page_size`, with a
    /// warning.
    private mutating func readBatchSize(
        _ entry: Entry, database id: String, into settings: inout DatabaseSettings, options optionsEntry: Entry?
    ) {
        let declared = declaredOptions[id]
        let pageSize = declared?.first { $0.deprecatedNames.contains("batch_size") }
        if declared != nil, pageSize == nil {
            report("'batch_size' for '\(id)': \(id) has no page size to set; remove it", at: entry.keyNode)
            return
        }
        if settings.options["page_size"] != nil || settings.options["batch_size"] != nil, let optionsEntry {
            report(
                "'batch_size' for '\(id)' is given both as 'batch_size:' and in 'options:'; keep 'page_size' in "
                    + "'options:'", at: optionsEntry.keyNode)
            return
        }
        let option = pageSize ?? .pageSize(in: Self.batchSizes, default: 100)
        guard let value = checked(entry, option: option, named: "'batch_size' for '\(id)'") else { return }
        settings.options[option.name] = value
        warn("'batch_size:' for '\(id)' is deprecated; write 'options: { page_size: \(value) }'", at: entry.keyNode)
    }

    private mutating func options(_ entry: Entry, database id: String) -> [String: String] {
        if isNull(entry.value) { return [:] }
        guard
            let entries = entries(
                of: entry.value, expecting: "'options' for '\(id)' must be a mapping of names to values")
        else { return [:] }
        let declared = declaredOptions[id]
        var options: [String: String] = [:]
        for option in entries {
            if Self.secretKeys.contains(option.key.lowercased()) {
                report(
                    "option '\(option.key)' for '\(id)' would put a key in the config; set it in an environment "
                        + "variable instead and name that variable with 'api_key_env:'", at: option.keyNode)
                continue
            }
            guard case .scalar(let scalar) = option.value else {
                report(
                    "option '\(option.key)' for '\(id)' must be a single value, not \(describe(option.value))",
                    at: option.value)
                continue
            }
            if isNull(option.value) {
                report("option '\(option.key)' for '\(id)' has no value", at: option.keyNode)
                continue
            }
            guard let declared else {
                options[option.key] = scalar.string
                continue
            }
            guard let known = declared.first(where: { $0.name == option.key || $0.deprecatedNames.contains(option.key) })
            else {
                let names = declared.map(\.name)
                report(
                    "unknown option '\(option.key)' for '\(id)' (\(id) takes: "
                        + (names.isEmpty ? "no options" : names.joined(separator: ", ")) + ")"
                        + ConfigProblem.suggestion(for: option.key, among: names + declared.flatMap(\.deprecatedNames)),
                    at: option.keyNode)
                continue
            }
            if known.name != option.key {
                warn(
                    "option '\(option.key)' for '\(id)' is deprecated; write '\(known.name)'", at: option.keyNode)
            }
            if options[known.name] != nil {
                report(
                    "option '\(known.name)' for '\(id)' is given twice (as '\(known.name)' and a deprecated name); "
                        + "keep '\(known.name)'", at: option.keyNode)
                continue
            }
            if let value = checked(option, option: known, named: "option '\(option.key)' for '\(id)'") {
                options[known.name] = value
            }
        }
        return options
    }

    /// The value of `entry` in the form `option` declares, or nil after reporting what it must be.
    private mutating func checked(_ entry: Entry, option: ConnectorOption, named name: String) -> String? {
        let raw = scalarText(entry.value)
        switch raw.map({ option.check($0) }) {
        case .success(let value)?:
            return value
        case .failure(let problem)?:
            report(
                "\(name) must be \(problem.requirement), not \(shown(raw, entry.value))" + problem.suggestion,
                at: at(entry))
        case nil:
            report("\(name) must be \(option.requirement), not \(shown(raw, entry.value))", at: at(entry))
        }
        return nil
    }

    // MARK: - searches:

    private mutating func readSearches(_ entry: Entry) -> [SearchDefinition] {
        if isNull(entry.value) {
            report("'searches' is empty; add at least one search with its queries", at: entry.keyNode)
            return []
        }
        guard case .sequence(let sequence) = entry.value else {
            report(
                "'searches' must be a list of searches (each starting with '- name:'), not "
                    + describe(entry.value), at: entry.value)
            return []
        }
        if sequence.isEmpty {
            report("'searches' is empty; add at least one search with its queries", at: entry.value)
        }
        var searches: [SearchDefinition] = []
        var firstUse: [String: Node] = [:]
        for (index, item) in sequence.enumerated() {
            guard let search = readSearch(item, number: index + 1, firstUse: &firstUse) else { continue }
            searches.append(search)
        }
        return searches
    }

    private mutating func readSearch(_ item: Node, number: Int, firstUse: inout [String: Node]) -> SearchDefinition? {
        guard
            let entries = entries(
                of: item, expecting: "search #\(number) must be a mapping with 'name:' and 'queries:'")
        else { return nil }
        // Name first, so later messages can say which search they are about.
        let nameEntry = entries.first { $0.key == "name" }
        let label =
            if let nameEntry, let plain = scalarText(nameEntry.value), !plain.isEmpty {
                "search '\(plain)'"
            } else {
                "search #\(number)"
            }

        var name: String?
        var queries: [DatabaseQuery]?
        var from: SimpleDate?
        var until: SimpleDate?
        var notes: String?
        for entry in entries {
            switch entry.key {
            case "name":
                name = searchName(entry, number: number, firstUse: &firstUse)
            case "queries":
                queries = readQueries(entry, label: label)
            case "limits":
                (from, until) = readLimits(entry, label: label)
            case "notes":
                notes = text(entry, named: "'notes' of \(label)")
            default:
                unknownKey(entry, in: "in \(label)", known: Self.searchKeys)
            }
        }
        if nameEntry == nil {
            report("search #\(number) has no 'name:'", at: item)
        }
        if queries == nil, !entries.contains(where: { $0.key == "queries" }) {
            report("\(label) has no 'queries:'; give at least one database and its query", at: item)
        }
        guard let name, let queries else { return nil }
        return SearchDefinition(name: name, queries: queries, from: from, until: until, notes: notes)
    }

    private mutating func searchName(_ entry: Entry, number: Int, firstUse: inout [String: Node]) -> String? {
        guard let name = text(entry, named: "the name of search #\(number)") else { return nil }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameCharacter) else {
            report(
                "search name '\(name)' may only contain letters A–Z, a–z, digits, '_' and '-'", at: entry.value)
            return nil
        }
        if let first = firstUse[name] {
            let line = first.mark.map { " (first used on line \($0.line))" } ?? ""
            report("duplicate search name '\(name)'\(line); search names must be unique", at: entry.value)
            return nil
        }
        firstUse[name] = entry.value
        return name
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    private mutating func readQueries(_ entry: Entry, label: String) -> [DatabaseQuery]? {
        if isNull(entry.value) {
            report("\(label) has no queries; give at least one database and its query", at: entry.keyNode)
            return nil
        }
        guard
            let entries = entries(
                of: entry.value, expecting: "'queries' of \(label) must map database ids to query strings")
        else { return nil }
        if entries.isEmpty, case .mapping = entry.value {
            report("\(label) has no queries; give at least one database and its query", at: entry.value)
            return nil
        }
        var queries: [DatabaseQuery] = []
        var ok = true
        for query in entries {
            if !checkKnownDatabase(query) { ok = false }
            switch query.value {
            case .scalar(let scalar) where !isNull(query.value):
                let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty {
                    report("empty query for '\(query.key)' in \(label)", at: query.value)
                    ok = false
                } else {
                    queries.append(DatabaseQuery(database: query.key, text: text))
                }
            case .scalar:
                report("empty query for '\(query.key)' in \(label)", at: query.keyNode)
                ok = false
            default:
                report(
                    "the query for '\(query.key)' in \(label) must be a single string, not \(describe(query.value)) "
                        + "(write long queries as a folded block: '>-' and indented lines)", at: query.value)
                ok = false
            }
        }
        return ok ? queries : nil
    }

    private mutating func readLimits(_ entry: Entry, label: String) -> (SimpleDate?, SimpleDate?) {
        if isNull(entry.value) { return (nil, nil) }
        guard
            let entries = entries(
                of: entry.value, expecting: "'limits' of \(label) must be a mapping such as { from: 1980-01-01 }")
        else { return (nil, nil) }
        var from: SimpleDate?
        var until: SimpleDate?
        var untilNode: Node?
        for limit in entries {
            switch limit.key {
            case "from":
                from = date(limit, label: label)
            case "until":
                until = date(limit, label: label)
                untilNode = limit.value
            default:
                unknownKey(limit, in: "in the limits of \(label)", known: Self.limitKeys)
            }
        }
        if let from, let until, from > until {
            report("'from' (\(from)) is after 'until' (\(until)) in \(label)", at: untilNode)
        }
        return (from, until)
    }

    private mutating func date(_ entry: Entry, label: String) -> SimpleDate? {
        if isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value else {
            report(
                "'\(entry.key)' in \(label) must be a date (YYYY-MM-DD), not \(describe(entry.value))", at: entry.value)
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if let date = SimpleDate(parsing: text) { return date }
        let shaped = text.split(separator: "-", omittingEmptySubsequences: false).enumerated().allSatisfy {
            $0.element.count == ($0.offset == 0 ? 4 : 2) && $0.element.allSatisfy(\.isASCIIDigit)
        }
        if shaped, (1...3).contains(text.split(separator: "-", omittingEmptySubsequences: false).count) {
            report("invalid date '\(text)' for '\(entry.key)' in \(label): no such date", at: entry.value)
        } else {
            report(
                "invalid date '\(text)' for '\(entry.key)' in \(label); write YYYY-MM-DD (or YYYY-MM, YYYY)",
                at: entry.value)
        }
        return nil
    }

    // MARK: - Value checks

    /// Reports `entry` as unknown to the database list unless its key is a known connector id.
    @discardableResult
    private mutating func checkKnownDatabase(_ entry: Entry) -> Bool {
        guard !knownDatabases.contains(entry.key) else { return true }
        let known = knownDatabases.sorted()
        let list = known.isEmpty ? "none" : known.joined(separator: ", ")
        report(
            "unknown database '\(entry.key)' (known: \(list))" + ConfigProblem.suggestion(for: entry.key, among: known),
            at: entry.keyNode)
        return false
    }

    private mutating func path(_ entry: Entry) -> String? {
        guard let path = text(entry, named: "'\(entry.key)'") else { return nil }
        if path.hasPrefix("~") {
            report(
                "'\(entry.key)' starts with '~', which litharvest does not expand; use an absolute path or one "
                    + "relative to the config file", at: entry.value)
            return nil
        }
        return path
    }

    private mutating func emailAddress(_ entry: Entry, context: String) -> String? {
        guard let address = text(entry, named: "'email'\(context)") else { return nil }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !address.contains(where: \.isWhitespace)
        else {
            report(
                "'email'\(context) must be an e-mail address such as reviewer@example.org, not '\(address)'",
                at: entry.value)
            return nil
        }
        return address
    }

    /// The name of an environment variable; never echoes a value that may be a key.
    private mutating func keyVariable(_ entry: Entry, named name: String) -> String? {
        guard let variable = text(entry, named: name) else { return nil }
        if KeyRequirement.isVariableName(variable) { return variable }
        if KeyRequirement.isVariableName(variable.uppercased()), variable.contains("_") {
            report(
                "\(name) must name an environment variable in capitals (A–Z, 0–9, _); did you mean "
                    + "'\(variable.uppercased())'?", at: entry.value)
        } else {
            report(
                "\(name) must be the name of the environment variable that holds the key (like NCBI_API_KEY), "
                    + "and this looks like a key itself; never put keys in the config: put the key in the "
                    + "environment (export NCBI_API_KEY=…) and write the variable's name here", at: entry.value)
        }
        return nil
    }

    // MARK: - Warnings

    private mutating func warn(_ message: String, at node: Node?) {
        let mark = node?.mark
        warnings.append(ConfigProblem(file: file, line: mark?.line, column: mark?.column, message: message))
    }
}
