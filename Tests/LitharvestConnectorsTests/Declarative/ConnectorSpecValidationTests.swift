import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// Broken specs are refused with the file, line and column of the fault and a hint.
@Suite("Declarative connector specs: validation")
struct ConnectorSpecValidationTests {
    static let valid = """
        protocol: http
        id: demo
        name: Demo
        platform: Demo API
        endpoint: https://demo.example.org/search
        request:
          parameters:
            q: "{query}"
            page: "{page}"
        paging:
          mode: page
          total: $.total
        response:
          format: json
          records: $.items[*]
        fields:
          native_id: $.id
          title: $.title
        """

    @Test func theValidSpecLoads() throws {
        var reader = ConnectorSpecReader(file: "demo.yaml")
        let spec = try reader.read(yaml: Self.valid)
        #expect(spec.descriptor.id == "demo")
        #expect(spec.request.parameters.map(\.name) == ["q", "page"])
        #expect(spec.paging.mode == .page)
        #expect(spec.fields.rules[.title]?.paths.map(\.description) == ["$.title"])
    }

    @Test func shippedSpecsLoad() throws {
        let specs = try DeclarativeConnectors.load(directories: [shippedSpecDirectory])
        #expect(specs.map(\.descriptor.id) == ["kolisnet", "nlk"])
        let registry = try ConnectorRegistry.withDeclarative(directories: [shippedSpecDirectory])
        #expect(registry.ids == ConnectorRegistry.builtIn.ids + ["kolisnet", "nlk"])
        #expect(registry.isDeclarative("nlk"))
        #expect(!registry.isDeclarative("pubmed"))
    }

    @Test func unknownKeyGetsItsLineAndASuggestion() {
        let yaml = Self.valid.replacingOccurrences(of: "  total: $.total", with: "  totl: $.total")
        let problems = specProblems(yaml)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 12)
        #expect(problems.first?.column == 3)
        #expect(problems.first?.message.contains("unknown key 'totl' in 'paging'") == true)
        #expect(problems.first?.message.contains("did you mean 'total'?") == true)
        #expect(problems.first?.description.hasPrefix("broken.yaml:12:3: ") == true)
    }

    @Test func badJSONPathIsReportedAtTheValue() {
        let yaml = Self.valid.replacingOccurrences(of: "records: $.items[*]", with: "records: $.items[?(@.ok)]")
        let problems = specProblems(yaml)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 15)
        #expect(problems.first?.column == 12)
        #expect(problems.first?.message.contains("bad JSON path '$.items[?(@.ok)]'") == true)
    }

    @Test func badXPathIsReported() {
        let yaml = Self.valid.replacingOccurrences(of: "format: json", with: "format: xml")
            .replacingOccurrences(of: "records: $.items[*]", with: "records: //item[")
            .replacingOccurrences(of: "total: $.total", with: "total: //total")
            .replacingOccurrences(of: "native_id: $.id", with: "native_id: id")
            .replacingOccurrences(of: "title: $.title", with: "title: title")
        let problems = specProblems(yaml)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 15)
        #expect(problems.first?.message.contains("bad XPath '//item['") == true)
    }

    @Test func missingFieldsAreNamed() {
        let yaml = Self.valid.replacingOccurrences(of: "  native_id: $.id\n", with: "")
            .replacingOccurrences(of: "name: Demo\n", with: "")
        let problems = specProblems(yaml)
        #expect(problems.map(\.message).contains("missing 'name'"))
        #expect(problems.contains { $0.message.contains("'fields' is missing 'native_id'") && $0.line == 15 })
    }

    @Test func unknownPlaceholderIsReportedWithASuggestion() {
        let yaml = Self.valid.replacingOccurrences(of: "q: \"{query}\"", with: "q: \"{qeury}\"")
        let problems = specProblems(yaml)
        #expect(problems.contains { $0.line == 8 && $0.column == 8 && $0.message.contains("unknown placeholder '{qeury}'") })
        #expect(problems.contains { $0.message.contains("did you mean 'query'?") })
    }

    @Test func placeholdersMustMatchPagingAndSplitting() {
        let offset = Self.valid.replacingOccurrences(of: "mode: page", with: "mode: offset")
        let offsetProblems = specProblems(offset).map(\.message)
        #expect(offsetProblems.contains { $0.contains("never uses {offset}") })
        #expect(offsetProblems.contains { $0.contains("{page} is used but paging is 'offset'") })

        let noQuery = Self.valid.replacingOccurrences(of: "q: \"{query}\"", with: "q: fixed")
        #expect(specProblems(noQuery).contains { $0.message.contains("never uses {query}") })

        let split = Self.valid + "\nsplit:\n  mode: each\n"
        let splitProblems = specProblems(split).map(\.message)
        #expect(splitProblems.contains { $0.contains("'split: mode: each' needs") })
        #expect(splitProblems.contains { $0.contains("set 'paging: cap'") })
    }

    @Test func badValuesAreRefused() {
        let yaml = Self.valid.replacingOccurrences(of: "format: json", with: "format: jsn")
            .replacingOccurrences(of: "endpoint: https://demo.example.org/search", with: "endpoint: ftp://demo")
            .replacingOccurrences(of: "protocol: http", with: "protocol: soap")
        let messages = specProblems(yaml).map(\.message)
        #expect(messages.contains { $0.contains("'format' must be one of json, xml, html, not 'jsn'; did you mean 'json'?") })
        #expect(messages.contains { $0.contains("'endpoint' must be an http:// or https:// URL") })
        #expect(messages.contains { $0.contains("'protocol' must be one of http, oai-pmh, not 'soap'") })
    }

    @Test func aKeyInsteadOfAVariableNameIsRefused() {
        let yaml = Self.valid + "\nkey:\n  env: 8f3a9c2b1d\n  obtain: ask\n"
        #expect(specProblems(yaml).contains { $0.message.contains("never hold the key itself") })
    }

    @Test func brokenYAMLGivesItsPosition() {
        let problems = specProblems("id: demo\nname: [unclosed\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line != nil)
        #expect(problems.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func duplicateIdsAcrossFilesAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.valid.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try Self.valid.write(to: directory.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigError.self) { try DeclarativeConnectors.load(directories: [directory.path]) }
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.message.contains("id 'demo' is already declared in") == true)

        let clash = Self.valid.replacingOccurrences(of: "id: demo", with: "id: pubmed")
        try clash.write(to: directory.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let builtIn = try #require(throws: ConfigError.self) {
            try ConnectorRegistry.withDeclarative(directories: [directory.path])
        }
        #expect(builtIn.problems.first?.message.contains("already used by a built-in connector") == true)
    }

    @Test func jsonPathSubset() throws {
        let value: Any = ["a": ["b": [["c": "1"], ["c": 2], ["d": "x"]]], "k-1": ["x", "y"]]
        #expect(try JSONPath("$.a.b[*].c").strings(in: value) == ["1", "2"])
        #expect(try JSONPath("$.a.b[1].c").strings(in: value) == ["2"])
        #expect(try JSONPath("$['k-1']").strings(in: value) == ["x", "y"])
        #expect(try JSONPath("$.missing").values(in: value).isEmpty)
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath("a.b") }
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath("$..a") }
    }
}
