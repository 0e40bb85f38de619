import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Testing

/// A config file that does not exist on disk; `parse` only uses its folder for relative paths.
private let reviewFile = "/reviews/ims/harvest.yaml"
private let known: Set<String> = ["pubmed", "pmc"]

/// The minimal valid tail most error cases share (lines: searches / - name / queries / pubmed).
private let validSearches = """
    searches:
      - name: ims
        queries:
          pubmed: '"intramuscular stimulation"[tiab]'

    """

/// Parses `yaml`, expecting it to fail, and returns its problems.
private func problems(_ yaml: String, path: String = reviewFile, sourceLocation: SourceLocation = #_sourceLocation)
    -> [ConfigProblem]
{
    do {
        let config = try ReviewConfig.parse(yaml: yaml, path: path, knownDatabases: known)
        Issue.record("expected problems, got \(config)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

/// One invalid config and the problem it must produce.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var line: Int
    var column: Int
    var message: [String]

    var testDescription: String { label }
}

@Suite("review config")
struct ConfigTests {
    // MARK: - The shipped config

    @Test func shippedConfigLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("config/harvest.yaml").path
        let databases = ["pubmed", "pmc", "koreamed", "kmbase", "riss", "kci", "scienceon", "nal", "nlk", "kolisnet", "cochrane"]
        let config = try ReviewConfig.load(path: path, knownDatabases: Set(databases))

        #expect(config.review.contains("Intramuscular stimulation"))
        #expect(config.databaseIDs == databases)
        #expect(config.databases["cochrane"]?.enabled == false, "CENTRAL is imported from exports")
        #expect(config.databases["kci"]?.options["route"] == "rest")
        #expect(config.storePath.hasSuffix("/config/litharvest.sqlite"))
        #expect(config.storePath.hasPrefix("/"))
        #expect(config.sourcePath.hasSuffix("/config/harvest.yaml"))
        #expect(config.databases["pubmed"]?.requestsPerSecond == 3)
        #expect(config.databases["pubmed"]?.apiKeyVariable == "NCBI_API_KEY")
        #expect(config.databases["pmc"]?.apiKeyVariable == "NCBI_API_KEY")

        let search = try #require(config.searches.first)
        #expect(config.searches.count == 1)
        #expect(search.from == SimpleDate(year: 1980, month: 1, day: 1))
        #expect(search.until == nil, "the shipped config is an update search: no end date")
        let pubmed = try #require(search.query(for: "pubmed"))
        let pmc = try #require(search.query(for: "pmc"))
        for term in ["\"intramuscular stimulation\"", "TOIMS", "\"dry needling\"", "Gunn", "IMES"] {
            #expect(pubmed.contains(term), "pubmed query lacks \(term)")
            #expect(pmc.contains(term), "pmc query lacks \(term)")
        }
        // Folded blocks become one line; NCBI sees no newlines.
        #expect(!pubmed.contains("\n") && !pmc.contains("\n"))
        #expect(balancedParentheses(pubmed) && balancedParentheses(pmc))
        for database in databases {
            #expect(search.query(for: database)?.isEmpty == false, "no query for \(database)")
        }
        #expect(search.query(for: "riss")?.contains("근육내자극") == true)
    }

    @Test func shippedConfigRejectsAnUnknownConnectorSet() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("config/harvest.yaml").path
        #expect(throws: ConfigError.self) { try ReviewConfig.load(path: path, knownDatabases: ["pubmed"]) }
    }

    // MARK: - Valid configs

    @Test func fullExampleParses() throws {
        let yaml = """
            review: Intramuscular stimulation (IMS) therapy
            store: data/ims.sqlite
            email: reviewer@example.org
            archive: ../raw-responses
            retry: { max_attempts: 2, base_delay: 0.1 }
            databases:
              pubmed:
                requests_per_second: 3
                api_key_env: NCBI_API_KEY
                endpoint: https://eutils.example.org/entrez/eutils/
                user_agent: litharvest-test/1.0
                timeout: 1800
                batch_size: 500
                enabled: true
                options: { sort: pub_date, retmode: xml }
              pmc:
                email: pmc-contact@example.org
                requests_per_second: 2.5
                enabled: false
            searches:
              - name: ims
                queries:
                  pubmed: >-
                    "intramuscular stimulation"[tiab]
                    OR "dry needling"[tiab]
                  pmc: '"intramuscular stimulation"[Abstract]'
                limits: { from: 1980-01-01, until: 2011-07-14 }
                notes: from Lim 2011
              - name: ims_update-2
                queries:
                  pmc: TOIMS
                  pubmed: TOIMS[tiab]
                limits:
                  from: 2011-07
            """
        let config = try ReviewConfig.parse(yaml: yaml, path: reviewFile, knownDatabases: known)

        #expect(config.review == "Intramuscular stimulation (IMS) therapy")
        #expect(config.storePath == "/reviews/ims/data/ims.sqlite")
        #expect(config.archivePath == "/reviews/raw-responses")
        #expect(config.email == "reviewer@example.org")
        #expect(config.sourcePath == reviewFile)
        #expect(config.databaseIDs == ["pubmed", "pmc"])
        #expect(config.enabledDatabaseIDs == ["pubmed"])
        #expect(config.retry == RetrySettings(maxAttempts: 2, baseDelay: 0.1))
        #expect(config.retryPolicy.maxAttempts == 2)
        #expect(config.retryPolicy.baseDelay == 0.1)
        #expect(config.retryPolicy.maxDelay == RetryPolicy().maxDelay)

        let pubmed = try #require(config.databases["pubmed"])
        #expect(
            pubmed
                == DatabaseSettings(
                    requestsPerSecond: 3, apiKeyVariable: "NCBI_API_KEY",
                    endpoint: "https://eutils.example.org/entrez/eutils/", userAgent: "litharvest-test/1.0",
                    email: nil, timeout: 1800, enabled: true,
                    options: ["sort": "pub_date", "retmode": "xml", "page_size": "500"]))
        let pmc = try #require(config.databases["pmc"])
        #expect(pmc.enabled == false)
        #expect(pmc.requestsPerSecond == 2.5)

        #expect(config.searches.map(\.name) == ["ims", "ims_update-2"])
        let first = config.searches[0]
        #expect(
            first.queries == [
                DatabaseQuery(
                    database: "pubmed", text: "\"intramuscular stimulation\"[tiab] OR \"dry needling\"[tiab]"),
                DatabaseQuery(database: "pmc", text: "\"intramuscular stimulation\"[Abstract]"),
            ])
        #expect(first.from == SimpleDate(year: 1980, month: 1, day: 1))
        #expect(first.until == SimpleDate(year: 2011, month: 7, day: 14))
        #expect(first.notes == "from Lim 2011")
        #expect(
            first.connectorQuery(for: "pmc")
                == Query(
                    text: "\"intramuscular stimulation\"[Abstract]", from: first.from, until: first.until))
        #expect(first.connectorQuery(for: "embase") == nil)
        let second = try #require(config.search(named: "ims_update-2"))
        #expect(second.databaseIDs == ["pmc", "pubmed"])
        #expect(second.from == SimpleDate(year: 2011, month: 7, day: 1))
        #expect(second.until == nil)

        // SettingsResolver values: the deprecated batch_size as the page_size option, email falls back to the top level.
        let values = config.configValues(for: "pubmed")
        #expect(values.endpoint == "https://eutils.example.org/entrez/eutils/")
        #expect(values.requestsPerSecond == 3)
        #expect(values.apiKeyVariable == "NCBI_API_KEY")
        #expect(values.email == "reviewer@example.org")
        #expect(values.userAgent == "litharvest-test/1.0")
        #expect(values.options == ["sort": "pub_date", "retmode": "xml", "page_size": "500"])
        #expect(config.warnings.map(\.description) == [
            "/reviews/ims/harvest.yaml:13:5: 'batch_size:' for 'pubmed' is deprecated; write 'options: { page_size: 500 }'"
        ])
        #expect(config.configValues(for: "pmc").email == "pmc-contact@example.org")
        #expect(config.configValues(for: "pmc").options.isEmpty)
        let unconfigured = config.configValues(for: "koreamed")
        #expect(unconfigured == SettingsResolver.ConfigValues(email: "reviewer@example.org"))
    }

    @Test func configValuesFeedTheSettingsResolver() throws {
        let yaml = """
            review: R
            email: reviewer@example.org
            databases:
              pubmed: { batch_size: 200, api_key_env: MY_NCBI_KEY }
            \(validSearches)
            """
        let config = try ReviewConfig.parse(yaml: yaml, path: reviewFile, knownDatabases: known)
        let descriptor = ConnectorDescriptor(
            id: "pubmed", name: "MEDLINE/PubMed", platform: "NCBI E-utilities", access: .api,
            defaultEndpoint: "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/", defaultRequestsPerSecond: 3,
            supportsDateWindow: true, version: "1")
        let settings = SettingsResolver(environment: ["MY_NCBI_KEY": "abc"])
            .settings(for: descriptor, config: config.configValues(for: "pubmed"))
        #expect(settings.apiKey == "abc")
        #expect(settings.email == "reviewer@example.org")
        #expect(settings.integer(.pageSize(in: 1...10_000, default: 10)) == 200)
    }

    @Test func defaultStorePathIsBesideTheFile() throws {
        let config = try ReviewConfig.parse(
            yaml: "review: R\n" + validSearches, path: reviewFile, knownDatabases: known)
        #expect(config.storePath == "/reviews/ims/litharvest.sqlite")
        #expect(config.archivePath == nil)
        #expect(config.email == nil)
        #expect(config.databases.isEmpty)
        #expect(config.retryPolicy == RetryPolicy())
        #expect(config.configValues(for: "pubmed") == SettingsResolver.ConfigValues())
    }

    @Test(arguments: [
        ("store.sqlite", "/reviews/ims/store.sqlite"),
        ("./data/../store.sqlite", "/reviews/ims/store.sqlite"),
        ("../shared/store.sqlite", "/reviews/shared/store.sqlite"),
        ("/var/lib/litharvest/ims.sqlite", "/var/lib/litharvest/ims.sqlite"),
    ])
    func storePathResolvesAgainstTheConfigFolder(store: String, expected: String) throws {
        let config = try ReviewConfig.parse(
            yaml: "review: R\nstore: \(store)\n" + validSearches, path: reviewFile, knownDatabases: known)
        #expect(config.storePath == expected)
    }

    @Test func relativeConfigPathResolvesAgainstTheCurrentDirectory() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let config = try ReviewConfig.parse(
            yaml: "review: R\nstore: out/ims.sqlite\narchive: raw\n" + validSearches, path: "config/harvest.yaml",
            knownDatabases: known)
        let base = URL(fileURLWithPath: cwd).standardizedFileURL.path
        #expect(config.sourcePath == base + "/config/harvest.yaml")
        #expect(config.storePath == base + "/config/out/ims.sqlite")
        #expect(config.archivePath == base + "/config/raw")
    }

    @Test func loadReadsAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("litharvest-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("review.yaml")
        try Data(("review: R\n" + validSearches).utf8).write(to: file)

        let config = try ReviewConfig.load(path: file.path, knownDatabases: known)
        #expect(config.storePath == folder.appendingPathComponent("litharvest.sqlite").standardizedFileURL.path)
        #expect(config.searches.first?.query(for: "pubmed") == "\"intramuscular stimulation\"[tiab]")
    }

    @Test func missingFileIsAProblemWithoutPosition() {
        do {
            _ = try ReviewConfig.load(path: "/nonexistent/litharvest/harvest.yaml", knownDatabases: known)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.line == nil)
            #expect(error.description == "/nonexistent/litharvest/harvest.yaml: no such config file")
        }
    }

    @Test func yamlAcceptsNumbersDatesAndBoolsInTheirUsualSpellings() throws {
        let yaml = """
            review: 2011
            databases:
              pubmed: { requests_per_second: "1.5", timeout: 90, enabled: yes }
              pmc:
            searches:
              - name: "2011"
                queries:
                  pubmed: 12345
                limits: { from: 1980, until: ~ }
            """
        let config = try ReviewConfig.parse(yaml: yaml, path: reviewFile, knownDatabases: known)
        #expect(config.review == "2011")
        #expect(config.databases["pubmed"]?.requestsPerSecond == 1.5)
        #expect(config.databases["pubmed"]?.timeout == 90)
        #expect(config.databases["pmc"] == DatabaseSettings())
        #expect(config.searches.first?.name == "2011")
        #expect(config.searches.first?.query(for: "pubmed") == "12345")
        #expect(config.searches.first?.from == SimpleDate(year: 1980, month: 1, day: 1))
        #expect(config.searches.first?.until == nil)
    }

    // MARK: - Invalid configs: one problem each, with its position

    static let invalidCases: [InvalidCase] = [
        InvalidCase(
            label: "not a mapping", yaml: "- review\n- searches\n", line: 1, column: 1,
            message: ["must be a mapping", "not a list"]),
        InvalidCase(
            label: "missing review", yaml: validSearches, line: 1, column: 1, message: ["missing 'review:'"]),
        InvalidCase(
            label: "empty review", yaml: "review:\n" + validSearches, line: 1, column: 1,
            message: ["'review' (the review's title) is empty"]),
        InvalidCase(
            label: "missing searches", yaml: "review: R\nstore: x.sqlite\n", line: 1, column: 1,
            message: ["missing 'searches:'"]),
        InvalidCase(
            label: "empty searches", yaml: "review: R\nsearches: []\n", line: 2, column: 11,
            message: ["'searches' is empty"]),
        InvalidCase(
            label: "searches not a list", yaml: "review: R\nsearches:\n  name: ims\n", line: 3, column: 3,
            message: ["'searches' must be a list", "not a mapping"]),
        InvalidCase(
            label: "unknown top-level key", yaml: "review: R\nreveiw: S\n" + validSearches, line: 2, column: 1,
            message: ["unknown key 'reveiw' at the top level", "did you mean 'review'?"]),
        InvalidCase(
            label: "unknown top-level key without suggestion", yaml: "review: R\nzzz: 1\n" + validSearches, line: 2,
            column: 1, message: ["unknown key 'zzz' at the top level (known: review, store, email"]),
        InvalidCase(
            label: "unknown database key",
            yaml: "review: R\ndatabases:\n  pubmed:\n    request_per_second: 3\n" + validSearches, line: 4, column: 5,
            message: [
                "unknown key 'request_per_second' in the settings for 'pubmed'", "did you mean 'requests_per_second'?",
            ]),
        InvalidCase(
            label: "unknown search key",
            yaml: "review: R\n" + validSearches + "    limit: { from: 2000 }\n", line: 6, column: 5,
            message: ["unknown key 'limit' in search 'ims'", "did you mean 'limits'?"]),
        InvalidCase(
            label: "unknown limits key",
            yaml: "review: R\n" + validSearches + "    limits: { form: 2000 }\n", line: 6, column: 15,
            message: ["unknown key 'form' in the limits of search 'ims'", "did you mean 'from'?"]),
        InvalidCase(
            label: "unknown database in databases",
            yaml: "review: R\ndatabases:\n  embase:\n    requests_per_second: 1\n" + validSearches, line: 3, column: 3,
            message: ["unknown database 'embase' (known: pmc, pubmed)"]),
        InvalidCase(
            label: "unknown database in queries",
            yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n      pubmd: x\n", line: 5, column: 7,
            message: ["unknown database 'pubmd' (known: pmc, pubmed); did you mean 'pubmed'?"]),
        InvalidCase(
            label: "search without queries", yaml: "review: R\nsearches:\n  - name: ims\n", line: 3, column: 5,
            message: ["search 'ims' has no 'queries:'"]),
        InvalidCase(
            label: "search with empty queries", yaml: "review: R\nsearches:\n  - name: ims\n    queries: {}\n",
            line: 4, column: 14, message: ["search 'ims' has no queries"]),
        InvalidCase(
            label: "search with null queries", yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n",
            line: 4, column: 5, message: ["search 'ims' has no queries"]),
        InvalidCase(
            label: "empty query", yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n      pubmed: '  '\n",
            line: 5, column: 15, message: ["empty query for 'pubmed' in search 'ims'"]),
        InvalidCase(
            label: "missing query", yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n      pubmed:\n",
            line: 5, column: 7, message: ["empty query for 'pubmed' in search 'ims'"]),
        InvalidCase(
            label: "non-string query",
            yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n      pubmed: [a, b]\n", line: 5, column: 15,
            message: ["the query for 'pubmed' in search 'ims' must be a single string, not a list"]),
        InvalidCase(
            label: "search without name", yaml: "review: R\nsearches:\n  - queries: { pubmed: x }\n", line: 3,
            column: 5, message: ["search #1 has no 'name:'"]),
        InvalidCase(
            label: "bad search name",
            yaml: "review: R\nsearches:\n  - name: my search\n    queries: { pubmed: x }\n", line: 3, column: 11,
            message: ["search name 'my search' may only contain letters"]),
        InvalidCase(
            label: "duplicate search name",
            yaml: "review: R\n" + validSearches + "  - name: ims\n    queries: { pmc: x }\n", line: 6, column: 11,
            message: ["duplicate search name 'ims' (first used on line 3)"]),
        InvalidCase(
            label: "impossible date", yaml: "review: R\n" + validSearches + "    limits: { until: 2023-02-30 }\n",
            line: 6, column: 22, message: ["invalid date '2023-02-30' for 'until' in search 'ims': no such date"]),
        InvalidCase(
            label: "badly written date", yaml: "review: R\n" + validSearches + "    limits:\n      from: 1980/01/01\n",
            line: 7, column: 13,
            message: ["invalid date '1980/01/01' for 'from' in search 'ims'; write YYYY-MM-DD"]),
        InvalidCase(
            label: "from after until",
            yaml: "review: R\n" + validSearches + "    limits: { from: 2011-07-14, until: 1980-01-01 }\n", line: 6,
            column: 40, message: ["'from' (2011-07-14) is after 'until' (1980-01-01) in search 'ims'"]),
        InvalidCase(
            label: "zero requests per second",
            yaml: "review: R\ndatabases:\n  pubmed:\n    requests_per_second: 0\n" + validSearches, line: 4,
            column: 26, message: ["'requests_per_second' for 'pubmed' must be a number greater than 0, not '0'"]),
        InvalidCase(
            label: "negative requests per second",
            yaml: "review: R\ndatabases:\n  pmc: { requests_per_second: -1 }\n" + validSearches, line: 3,
            column: 31, message: ["'requests_per_second' for 'pmc' must be a number greater than 0, not '-1'"]),
        InvalidCase(
            label: "non-numeric timeout", yaml: "review: R\ndatabases:\n  pubmed: { timeout: soon }\n" + validSearches,
            line: 3, column: 22,
            message: ["'timeout' for 'pubmed' must be a number greater than 0 (seconds), not 'soon'"]),
        InvalidCase(
            label: "zero timeout", yaml: "review: R\ndatabases:\n  pubmed:\n    timeout: 0\n" + validSearches,
            line: 4, column: 14, message: ["'timeout' for 'pubmed' must be a number greater than 0"]),
        InvalidCase(
            label: "batch size too large",
            yaml: "review: R\ndatabases:\n  pubmed:\n    batch_size: 20000\n" + validSearches, line: 4, column: 17,
            message: ["'batch_size' for 'pubmed' must be a whole number from 1 to 10000, not '20000'"]),
        InvalidCase(
            label: "batch size zero", yaml: "review: R\ndatabases:\n  pubmed:\n    batch_size: 0\n" + validSearches,
            line: 4, column: 17, message: ["from 1 to 10000, not '0'"]),
        InvalidCase(
            label: "batch size not whole",
            yaml: "review: R\ndatabases:\n  pubmed:\n    batch_size: 2.5\n" + validSearches,
            line: 4, column: 17, message: ["must be a whole number"]),
        InvalidCase(
            label: "no retry attempts", yaml: "review: R\nretry: { max_attempts: 0 }\n" + validSearches, line: 2,
            column: 24, message: ["'max_attempts' in 'retry' must be a whole number from 1 to 50, not '0'"]),
        InvalidCase(
            label: "jitter out of range", yaml: "review: R\nretry:\n  jitter: 1.5\n" + validSearches, line: 3,
            column: 11, message: ["'jitter' in 'retry' must be a number from 0 to 1, not '1.5'"]),
        InvalidCase(
            label: "negative base delay", yaml: "review: R\nretry:\n  base_delay: -1\n" + validSearches, line: 3,
            column: 15, message: ["'base_delay' in 'retry' must be a number 0 or more (seconds)"]),
        InvalidCase(
            label: "unknown retry key", yaml: "review: R\nretry:\n  max_attempt: 3\n" + validSearches, line: 3,
            column: 3, message: ["unknown key 'max_attempt' in 'retry'", "did you mean 'max_attempts'?"]),
        InvalidCase(
            label: "endpoint not http",
            yaml: "review: R\ndatabases:\n  pubmed:\n    endpoint: ftp://ftp.ncbi.nlm.nih.gov/\n" + validSearches,
            line: 4, column: 15, message: ["'endpoint' for 'pubmed' must be an http:// or https:// URL"]),
        InvalidCase(
            label: "endpoint without host",
            yaml: "review: R\ndatabases:\n  pubmed:\n    endpoint: eutils.ncbi.nlm.nih.gov\n" + validSearches,
            line: 4, column: 15, message: ["must be an http:// or https:// URL"]),
        InvalidCase(
            label: "enabled not a bool", yaml: "review: R\ndatabases:\n  pubmed:\n    enabled: maybe\n" + validSearches,
            line: 4, column: 14, message: ["'enabled' for 'pubmed' must be true or false, not 'maybe'"]),
        InvalidCase(
            label: "lower-case key variable",
            yaml: "review: R\ndatabases:\n  pubmed:\n    api_key_env: ncbi_api_key\n" + validSearches, line: 4,
            column: 18, message: ["did you mean 'NCBI_API_KEY'?"]),
        InvalidCase(
            label: "api key in the config",
            yaml: "review: R\ndatabases:\n  pubmed:\n    api_key: abc\n" + validSearches, line: 4,
            column: 5, message: ["would put a key in the config", "api_key_env"]),
        InvalidCase(
            label: "bad email", yaml: "review: R\nemail: reviewer\n" + validSearches, line: 2, column: 8,
            message: ["'email' must be an e-mail address"]),
        InvalidCase(
            label: "tilde store", yaml: "review: R\nstore: ~/ims.sqlite\n" + validSearches, line: 2, column: 8,
            message: ["'store' starts with '~'"]),
        InvalidCase(
            label: "databases not a mapping", yaml: "review: R\ndatabases: [pubmed, pmc]\n" + validSearches,
            line: 2, column: 12, message: ["'databases' must map connector ids to their settings, not a list"]),
        InvalidCase(
            label: "search not a mapping", yaml: "review: R\nsearches:\n  - ims\n", line: 3, column: 5,
            message: ["search #1 must be a mapping with 'name:' and 'queries:', not 'ims'"]),
        InvalidCase(
            label: "option with a list value",
            yaml: "review: R\ndatabases:\n  pubmed:\n    options: { sort: [a, b] }\n" + validSearches, line: 4,
            column: 22, message: ["option 'sort' for 'pubmed' must be a single value, not a list"]),
        InvalidCase(
            label: "batch size twice",
            yaml: "review: R\ndatabases:\n  pubmed:\n    batch_size: 10\n    options: { batch_size: 20 }\n"
                + validSearches, line: 5, column: 5, message: ["'batch_size' for 'pubmed' is given both"]),
        InvalidCase(
            label: "YAML syntax error", yaml: "review: R\nsearches: [\n", line: 3, column: 1,
            message: ["invalid YAML: did not find expected node content"]),
        InvalidCase(
            label: "unterminated quote", yaml: "review: \"R\nsearches: x\n", line: 3, column: 1,
            message: ["invalid YAML: found unexpected end of stream", "line 1, column 9"]),
        InvalidCase(
            label: "bad indentation",
            yaml: "review: R\nsearches:\n  - name: ims\n    queries:\n      pubmed: x\n   limits: {}\n", line: 6,
            column: 4, message: ["invalid YAML"]),
        InvalidCase(
            label: "duplicate key", yaml: "review: R\n" + validSearches + "review: S\n", line: 1, column: 1,
            message: ["invalid YAML: key 'review' appears more than once"]),
    ]

    @Test(arguments: invalidCases)
    func invalidConfigReportsPosition(_ testCase: InvalidCase) {
        let found = problems(testCase.yaml)
        #expect(found.count == 1, "\(found)")
        guard let problem = found.first else { return }
        #expect(problem.file == reviewFile)
        #expect(problem.line == testCase.line, "\(problem)")
        #expect(problem.column == testCase.column, "\(problem)")
        for fragment in testCase.message {
            #expect(problem.message.contains(fragment), "\(problem.message)")
        }
    }

    // MARK: - Several problems, formatting, secrets

    @Test func allProblemsAreReportedInFileOrder() {
        let yaml = """
            reveiw: R
            databases:
              embase: {}
              pubmed:
                requests_per_second: 0
                batch_size: 0
            searches:
              - name: ims
                queries:
                  pubmed: x
                limits: { from: 2023-02-30 }
              - name: ims
                queries: {}
            """
        let found = problems(yaml, path: "config/harvest.yaml")
        let positions = found.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(positions == ["1:1", "1:1", "3:3", "5:26", "6:17", "11:21", "12:11", "13:14"])
        let error = ConfigError(problems: found)
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.contains("config/harvest.yaml:3:3: unknown database 'embase' (known: pmc, pubmed)"))
        #expect(lines.allSatisfy { $0.hasPrefix("config/harvest.yaml:") })
    }

    @Test func keysAreNeverEchoed() {
        let key = "0123456789abcdef0123456789abcdef0123"
        let found = problems("review: R\ndatabases:\n  pubmed:\n    api_key_env: \(key)\n" + validSearches)
        #expect(found.count == 1)
        let problem = found.first
        #expect(problem?.line == 4 && problem?.column == 18)
        #expect(problem?.message.contains("put the key in the environment") == true)
        #expect(problem?.message.contains(key) == false)

        let inOptions = problems("review: R\ndatabases:\n  pubmed:\n    options: { api_key: \(key) }\n" + validSearches)
        #expect(inOptions.count == 1)
        #expect(inOptions.first?.message.contains(key) == false)
    }

    @Test func problemDescriptions() {
        #expect(
            ConfigProblem(file: "a.yaml", line: 12, column: 7, message: "m").description == "a.yaml:12:7: m")
        #expect(ConfigProblem(file: "a.yaml", message: "m").description == "a.yaml: m")
        let error = ConfigError(problems: [
            ConfigProblem(file: "a.yaml", line: 1, column: 1, message: "one"),
            ConfigProblem(file: "a.yaml", line: 2, column: 3, message: "two"),
        ])
        #expect(error.description == "a.yaml:1:1: one\na.yaml:2:3: two")
    }

    @Test func emptyDocumentIsAProblem() {
        let found = problems("# nothing but a comment\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("empty") == true)
    }

    @Test func unknownDatabasesListNoneWhenNothingIsKnown() {
        do {
            _ = try ReviewConfig.parse(yaml: "review: R\n" + validSearches, path: reviewFile, knownDatabases: [])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.message) == ["unknown database 'pubmed' (known: none)"])
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        let found = problems("review: 근육내 자극\nsearches:\n  - name: ims\n    queries: { pmc: 근육내, pubmd: x }\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 4 && found.first?.column == 26)
    }
}

private func balancedParentheses(_ text: String) -> Bool {
    var depth = 0
    for character in text {
        if character == "(" { depth += 1 }
        if character == ")" { depth -= 1 }
        if depth < 0 { return false }
    }
    return depth == 0
}
