import Foundation
import LitharvestCore
import Testing

@testable import LitharvestConnectors

/// The review config and connector spec readers share one YAML toolkit, so the same fault reads the same
/// in either file, with its line and column.
@Suite("YAML readers: one wording for each fault")
struct SharedYAMLWordingTests {
    private func configProblems(_ yaml: String) -> [ConfigProblem] {
        do {
            _ = try ReviewConfig.parse(yaml: yaml, path: "broken.yaml", knownDatabases: ["pubmed"])
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aSyntaxErrorIsWordedAlike() {
        let broken = "a: {b: 1\nc: 2\n"
        let config = configProblems(broken)
        let spec = specProblems(broken)
        #expect(config.count == 1)
        #expect(config == spec)
        #expect(config.first?.message.contains("that started at line 1, column 4") == true)
    }

    @Test func aDuplicatedKeyIsWordedAlike() {
        let broken = "review: R\nreview: S\n"
        #expect(configProblems(broken) == specProblems(broken))
        #expect(specProblems(broken).first?.message == "invalid YAML: key 'review' appears more than once in the same mapping")
    }

    @Test func badNumbersAndSwitchesAreWordedAlike() {
        let spec = specProblems(
            """
            protocol: http
            id: x
            name: X
            platform: P
            endpoint: https://example.org/api
            request: { url: "{endpoint}", parameters: { q: "{query}", n: "{page}" } }
            paging: { mode: page, cap: lots }
            key: { env: X_KEY, required: maybe, obtain: ask, parameter: k }
            response:
              format: json
              records: $.items[*]
            fields: { native_id: $.id }
            """
        ).map(\.description)
        #expect(spec.contains("broken.yaml:7:28: 'cap' must be a whole number from 1 to 100000000, not 'lots'"))
        #expect(spec.contains("broken.yaml:8:30: 'required' must be true or false, not 'maybe'"))
        let config = configProblems(
            "review: R\nretry: { max_attempts: lots }\ndatabases:\n  pubmed: { enabled: maybe }\n"
                + "searches:\n  - name: s\n    queries: { pubmed: x }\n"
        ).map(\.description)
        #expect(config.contains { $0.hasPrefix("broken.yaml:2:24: 'max_attempts' in 'retry' must be a whole number from 1 to ") && $0.hasSuffix(", not 'lots'") })
        #expect(config.contains("broken.yaml:4:22: 'enabled' for 'pubmed' must be true or false, not 'maybe'"))
    }
}
