import Foundation
import LitharvestModel

/// One option a connector takes under `databases: ID: options:`, with its type, default and meaning.
///
/// Connectors declare their options (each folder's `<Name>Options.swift`); the review config is checked
/// against the declaration when it is loaded, so a misspelt name or a value of the wrong type is an error
/// with its line and column instead of being ignored, and connectors read typed values through
/// ``ConnectorSettings`` instead of parsing strings.
package struct ConnectorOption: Sendable, Hashable {
    /// What values an option takes.
    package enum Kind: Sendable, Hashable {
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
        /// A number within the range.
        case number(ClosedRange<Double>)
        /// Any non-empty text.
        case text
        /// `true` or `false` (also yes/no, on/off).
        case bool
        /// One of the listed values, compared case-insensitively.
        case choice([String])
        /// A date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
        case date
    }

    /// The name in the config, e.g. `page_size`.
    package var name: String
    /// The values it takes.
    package var kind: Kind
    /// The value used when the config does not give one, as it would be written in the config.
    package var defaultValue: String?
    /// One line for the README and `connectors`: what the option does.
    package var doc: String
    /// Former names still accepted with a warning (`batch_size` for `page_size`).
    package var deprecatedNames: [String]

    /// Creates an option.
    package init(_ name: String, _ kind: Kind, default defaultValue: String? = nil, doc: String, deprecatedNames: [String] = []) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.doc = doc
        self.deprecatedNames = deprecatedNames
    }

    /// The page-size option every paging connector declares under this one name, with its own range and
    /// default; `batch_size` is its deprecated spelling.
    package static func pageSize(in range: ClosedRange<Int>, default value: Int, doc: String = "records per request")
        -> ConnectorOption
    {
        ConnectorOption("page_size", .integer(range), default: String(value), doc: doc, deprecatedNames: ["batch_size"])
    }

    /// The canonical text of `raw` when it is a valid value, or what is wrong with it (to follow "must be").
    ///
    /// - Returns: `.success` with the value as connectors read it back (a choice in its declared spelling,
    ///   a boolean as `true`/`false`), `.failure` with the requirement, e.g. "a whole number from 1 to 100".
    package func check(_ raw: String) -> Result<String, OptionProblem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else { return .failure(OptionProblem(requirement)) }
            return .success(String(number))
        case .number(let range):
            guard let number = Double(text), number.isFinite, range.contains(number) else {
                return .failure(OptionProblem(requirement))
            }
            return .success(text)
        case .text:
            return text.isEmpty ? .failure(OptionProblem(requirement)) : .success(text)
        case .bool:
            guard let value = Self.boolean(text) else { return .failure(OptionProblem(requirement)) }
            return .success(String(value))
        case .choice(let values):
            guard let value = values.first(where: { $0.lowercased() == text.lowercased() }) else {
                return .failure(OptionProblem(requirement, suggestion: ConfigProblem.suggestion(for: text, among: values)))
            }
            return .success(value)
        case .date:
            return SimpleDate(parsing: text) == nil ? .failure(OptionProblem(requirement)) : .success(text)
        }
    }

    /// What a valid value looks like: "a whole number from 1 to 100", "one of auto, rest, oai", ….
    package var requirement: String {
        switch kind {
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number(let range): "a number from \(Self.shown(range.lowerBound)) to \(Self.shown(range.upperBound))"
        case .text: "non-empty text"
        case .bool: "true or false"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        case .date: "a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    private static func shown(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

/// Why a value does not fit an option: the requirement it misses.
package struct OptionProblem: Error, Sendable, Hashable {
    /// "a whole number from 1 to 100" and the like.
    package var requirement: String
    /// `; did you mean 'rest'?` for a near miss among choices, else empty.
    package var suggestion: String

    /// Creates a problem.
    package init(_ requirement: String, suggestion: String = "") {
        self.requirement = requirement
        self.suggestion = suggestion
    }
}

extension ConnectorSettings {
    /// The text given for `option` (under its name or a deprecated one), if any.
    package func raw(_ option: ConnectorOption) -> String? {
        options[option.name] ?? option.deprecatedNames.lazy.compactMap { options[$0] }.first
    }

    /// The whole-number value of `option`: as given (brought into its range), else its default.
    ///
    /// Values reach connectors checked by the config loader; settings built in code may still carry any
    /// text, so an out-of-range number is clamped and a non-number falls back to the default.
    package func integer(_ option: ConnectorOption) -> Int {
        let fallback = option.defaultValue.flatMap { Int($0) } ?? 0
        guard let value = raw(option).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return fallback }
        guard case .integer(let range) = option.kind else { return value }
        return min(range.upperBound, max(range.lowerBound, value))
    }

    /// The numeric value of `option`: as given (brought into its range), else its default.
    package func number(_ option: ConnectorOption) -> Double {
        let fallback = option.defaultValue.flatMap { Double($0) } ?? 0
        guard let value = raw(option).flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), value.isFinite
        else { return fallback }
        guard case .number(let range) = option.kind else { return value }
        return min(range.upperBound, max(range.lowerBound, value))
    }

    /// The boolean value of `option`, else its default (false without one).
    package func bool(_ option: ConnectorOption) -> Bool {
        raw(option).flatMap { ConnectorOption.boolean($0.trimmingCharacters(in: .whitespaces)) }
            ?? option.defaultValue.flatMap(ConnectorOption.boolean) ?? false
    }

    /// The text of `option` (a choice in its declared spelling when it matches one), else its default.
    package func text(_ option: ConnectorOption) -> String? {
        guard let given = raw(option)?.trimmingCharacters(in: .whitespaces), !given.isEmpty else {
            return option.defaultValue
        }
        if case .choice(let values) = option.kind, let value = values.first(where: { $0.lowercased() == given.lowercased() }) {
            return value
        }
        return given
    }
}
