import Foundation
import LitharvestCore
import LitharvestModel
import Testing

/// Review configs checked against the options each connector declares: every problem at once, each with its
/// line and column, "did you mean" for near misses, and `batch_size` read as the deprecated `page_size`.
@Suite("Config: connector options")
struct ConnectorOptionTests {
    static let file = "/reviews/ims/harvest.yaml"

    static func descriptor(_ id: String, options: [ConnectorOption]) -> ConnectorDescriptor {
        ConnectorDescriptor(
            id: id, name: id, platform: "test", access: .api, defaultEndpoint: "https://example.org/",
            defaultRequestsPerSecond: 1, supportsDateWindow: false, version: "1", options: options)
    }

    static let connectors = [
        descriptor("pubmed", options: [.pageSize(in: 1...10_000, default: 500)]),
        descriptor(
            "kci",
            options: [
                ConnectorOption("route", .choice(["auto", "rest", "oai"]), default: "auto", doc: "route"),
                ConnectorOption("details", .bool, default: "false", doc: "details"),
                ConnectorOption("set", .text, doc: "set"),
                .pageSize(in: 1...100, default: 100),
            ]),
        descriptor(
            "nal",
            options: [
                ConnectorOption("retry_delay", .number(0...600), default: "2", doc: "delay"),
                ConnectorOption("since", .date, doc: "a date"),
            ]),
        descriptor("kiss", options: []),
    ]

    static let searches = """
        searches:
          - name: ims
            queries:
              pubmed: x

        """

    static func problems(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigProblem] {
        do {
            let config = try ReviewConfig.parse(yaml: yaml, path: file, connectors: connectors)
            Issue.record("expected problems, got \(config)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aMisspeltOptionIsAnErrorWithItsPlaceAndTheNearestName() {
        let found = Self.problems("review: R\ndatabases:\n  kci:\n    options: { page_sise: 20 }\n" + Self.searches)
        #expect(
            found.map(\.description) == [
                "\(Self.file):4:16: unknown option 'page_sise' for 'kci' (kci takes: route, details, set, page_size); "
                    + "did you mean 'page_size'?"
            ])
    }

    @Test func aConnectorWithoutOptionsSaysSo() {
        let found = Self.problems("review: R\ndatabases:\n  kiss:\n    options: { material: x }\n" + Self.searches)
        #expect(found.map(\.message) == ["unknown option 'material' for 'kiss' (kiss takes: no options)"])
        #expect(found.first?.line == 4 && found.first?.column == 16)
    }

    struct BadValue: Sendable, CustomTestStringConvertible {
        var options: String
        var column: Int
        var message: String
        var testDescription: String { options }
    }

    @Test(arguments: [
        BadValue(options: "{ page_size: 0 }", column: 27, message: "option 'page_size' for 'kci' must be a whole number from 1 to 100, not '0'"),
        BadValue(options: "{ page_size: 250 }", column: 27, message: "option 'page_size' for 'kci' must be a whole number from 1 to 100, not '250'"),
        BadValue(options: "{ page_size: ten }", column: 27, message: "option 'page_size' for 'kci' must be a whole number from 1 to 100, not 'ten'"),
        BadValue(options: "{ details: maybe }", column: 25, message: "option 'details' for 'kci' must be true or false, not 'maybe'"),
        BadValue(options: "{ route: rset }", column: 23, message: "option 'route' for 'kci' must be one of auto, rest, oai, not 'rset'; did you mean 'rest'?"),
        BadValue(options: "{ set: [a, b] }", column: 21, message: "option 'set' for 'kci' must be a single value, not a list"),
        BadValue(options: "{ route: }", column: 16, message: "option 'route' for 'kci' has no value"),
    ])
    func aValueOfTheWrongTypeIsAnErrorAtTheValue(_ bad: BadValue) {
        let found = Self.problems("review: R\ndatabases:\n  kci:\n    options: \(bad.options)\n" + Self.searches)
        #expect(found.map(\.message) == [bad.message])
        #expect(found.first?.line == 4)
        #expect(found.first?.column == bad.column)
    }

    @Test func numbersAndDatesAreChecked() {
        let found = Self.problems(
            "review: R\ndatabases:\n  nal:\n    options:\n      retry_delay: -1\n      since: 2023-02-30\n"
                + Self.searches)
        #expect(
            found.map(\.description) == [
                "\(Self.file):5:20: option 'retry_delay' for 'nal' must be a number from 0 to 600, not '-1'",
                "\(Self.file):6:14: option 'since' for 'nal' must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not '2023-02-30'",
            ])
    }

    @Test func validValuesAreStoredAsTheConnectorReadsThem() throws {
        let config = try ReviewConfig.parse(
            yaml: "review: R\ndatabases:\n  kci:\n    options: { route: REST, details: yes, page_size: 50 }\n"
                + "  nal:\n    options: { retry_delay: 0.5, since: 2020-01 }\n" + Self.searches,
            path: Self.file, connectors: Self.connectors)
        #expect(config.warnings.isEmpty)
        #expect(config.databases["kci"]?.options == ["route": "rest", "details": "true", "page_size": "50"])
        let settings = ConnectorSettings(
            endpoint: "https://example.org/", requestsPerSecond: 1, options: config.configValues(for: "kci").options)
        let declared = Self.connectors[1].options
        #expect(settings.integer(declared[3]) == 50)
        #expect(settings.bool(declared[1]))
        #expect(settings.text(declared[0]) == "rest")
        #expect(settings.text(declared[2]) == nil)
        #expect(config.databases["nal"]?.options == ["retry_delay": "0.5", "since": "2020-01"])
    }

    @Test func unsetOptionsReadAsTheirDefaults() {
        let settings = ConnectorSettings(endpoint: "https://example.org/", requestsPerSecond: 1)
        let options = Self.connectors[1].options
        #expect(settings.integer(options[3]) == 100)
        #expect(settings.bool(options[1]) == false)
        #expect(settings.text(options[0]) == "auto")
        #expect(settings.number(Self.connectors[2].options[0]) == 2)
    }

    @Test func batchSizeIsTheDeprecatedPageSize() throws {
        let config = try ReviewConfig.parse(
            yaml: "review: R\ndatabases:\n  pubmed:\n    batch_size: 200\n  kci:\n    options: { batch_size: 20 }\n"
                + Self.searches,
            path: Self.file, connectors: Self.connectors)
        #expect(config.databases["pubmed"]?.options == ["page_size": "200"])
        #expect(config.databases["kci"]?.options == ["page_size": "20"])
        #expect(
            config.warnings.map(\.description) == [
                "\(Self.file):4:5: 'batch_size:' for 'pubmed' is deprecated; write 'options: { page_size: 200 }'",
                "\(Self.file):6:16: option 'batch_size' for 'kci' is deprecated; write 'page_size'",
            ])
    }

    @Test func theDeprecatedNameIsCheckedAgainstTheConnectorsRange() {
        let found = Self.problems("review: R\ndatabases:\n  kci:\n    batch_size: 500\n" + Self.searches)
        #expect(found.map(\.description) == ["\(Self.file):4:17: 'batch_size' for 'kci' must be a whole number from 1 to 100, not '500'"])
    }

    @Test func aPageSizeForADatabaseThatDoesNotPageIsAnError() {
        let found = Self.problems("review: R\ndatabases:\n  nal:\n    batch_size: 50\n" + Self.searches)
        #expect(found.map(\.description) == ["\(Self.file):4:5: 'batch_size' for 'nal': nal has no page size to set; remove it"])
    }

    @Test func bothNamesTogetherAreAnError() {
        let found = Self.problems("review: R\ndatabases:\n  kci:\n    options: { page_size: 10, batch_size: 20 }\n" + Self.searches)
        #expect(found.map(\.message) == ["option 'page_size' for 'kci' is given twice (as 'page_size' and a deprecated name); keep 'page_size'"])
        #expect(found.first?.column == 31)
    }

    /// A typo'd option, a value of the wrong type, a bad database name: all listed at once, in file order.
    @Test func everyProblemIsListedAtOnceInFileOrder() {
        let found = Self.problems(
            """
            review: R
            databases:
              kci:
                options: { route: rset, page_sise: 20 }
              pubmedd: {}
              nal:
                options: { retry_delay: soon }
            searches:
              - name: ims
                queries:
                  pubmed: x
                  embase: y
            """)
        #expect(
            found.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["4:23", "4:29", "5:3", "7:29", "12:7"])
        #expect(found[2].message.contains("unknown database 'pubmedd'") && found[2].message.contains("did you mean 'pubmed'?"))
        #expect(found[4].message.contains("unknown database 'embase'"))
    }

    @Test func badYAMLSyntaxHasItsPlace() {
        let found = Self.problems("review: R\nsearches:\n  - name: s\n    queries: {pubmed: x\n  - name: t\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 5 && found.first?.column == 9)
        #expect(found.first?.message.hasPrefix("invalid YAML: did not find expected ',' or '}'") == true)
    }

    @Test func optionsOfADatabaseLitharvestDoesNotKnowAreNotCheckedTwice() {
        // The unknown database is the one problem; its options cannot be checked against anything.
        let found = Self.problems("review: R\ndatabases:\n  embase:\n    options: { x: 1 }\n" + Self.searches)
        #expect(found.map(\.line) == [3])
    }
}
