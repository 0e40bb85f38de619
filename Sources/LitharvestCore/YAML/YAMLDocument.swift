import Foundation
package import Yams

/// Composing YAML text into a node tree, with one wording for every syntax fault, shared by the review config
/// and connector spec readers.
package enum YAMLDocument {
    /// The root node of `yaml` (nil when the text holds no document).
    ///
    /// - Throws: ``ConfigError`` with the syntax problem at its 1-based line and column.
    package static func compose(_ yaml: String, file: String) throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError(problems: [syntaxProblem(error, in: yaml, file: file)])
        } catch {
            throw ConfigError(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// `error` as a problem of `file`, placed where the parser stopped (Yams marks are already 1-based).
    static func syntaxProblem(_ error: YamlError, in yaml: String, file: String) -> ConfigProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text)"
                if context.mark.line != mark.line || context.mark.column != mark.column {
                    message += " that started at line \(context.mark.line), column \(context.mark.column)"
                }
                message += ")"
            }
            return ConfigProblem(file: file, line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "invalid YAML: key \(keys) appears more than once in the same mapping")
        case .reader(let problem, let offset, _, _):
            var line: Int?
            var column: Int?
            if let offset {
                let prefix = yaml.prefix(offset)
                line = prefix.count(where: { $0 == "\n" || $0 == "\r\n" }) + 1
                let lastLine = prefix.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
                column = lastLine.unicodeScalars.count + 1
            }
            return ConfigProblem(file: file, line: line, column: column, message: "invalid YAML text: \(problem)")
        default:
            return ConfigProblem(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// `problems` by position; problems without one first, ties kept in the order found.
    package static func sorted(_ problems: [ConfigProblem]) -> [ConfigProblem] {
        func key(_ item: (offset: Int, element: ConfigProblem)) -> (Int, Int, Int) {
            (item.element.line ?? 0, item.element.column ?? 0, item.offset)
        }
        return problems.enumerated().sorted { key($0) < key($1) }.map(\.element)
    }
}
