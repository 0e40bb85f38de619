package import Foundation

/// Removes secrets (API keys, tokens, client ids) from URLs, form fields and bodies before anything is
/// logged, stored or shown. It knows secrets by parameter name and, once seen, by value.
package struct SecretRedactor: Sendable {
    /// What replaces a secret.
    package static let mask = "REDACTED"
    /// Parameter names that always hold secrets, compared case-insensitively.
    package static let standardNames: Set<String> = [
        "api_key", "apikey", "key", "servicekey", "token", "access_token", "refresh_token", "client_id",
        "client_secret", "accounts", "password", "authkey", "certkey", "refreshtoken", "mac_address",
    ]

    /// The standard redactor.
    package static let standard = SecretRedactor()

    /// Lower-cased secret parameter names.
    package let names: Set<String>
    /// Literal secret values (at least 4 characters, so a short value cannot mask ordinary text).
    package let values: Set<String>

    /// Creates a redactor with the standard names plus `extraNames`, and known secret `values`.
    package init(extraNames: [String] = [], values: [String] = []) {
        self.names = Self.standardNames.union(extraNames.map { $0.lowercased() })
        self.values = Set(values.filter { $0.count >= 4 })
    }

    /// Whether `name` is a secret parameter.
    package func isSecret(name: String) -> Bool { names.contains(name.lowercased()) }

    /// A copy that also masks the secret values carried by `request` (query or form).
    package func learning(from request: HTTPRequest) -> SecretRedactor {
        var found: [String] = []
        if let query = request.url.split(separator: "?", maxSplits: 1).dropFirst().first {
            found += FormEncoding.decode(query).filter { isSecret(name: $0.name) }.map(\.value)
        }
        found += request.form.filter { isSecret(name: $0.name) }.map(\.value)
        guard !found.isEmpty else { return self }
        return SecretRedactor(extraNames: Array(names), values: Array(values) + found)
    }

    /// `url` with the value of every secret query parameter masked.
    package func redact(url: String) -> String {
        guard let questionMark = url.firstIndex(of: "?") else { return redact(text: url) }
        let base = url[..<questionMark]
        let query = url[url.index(after: questionMark)...]
        let fragmentSplit = query.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let pairs = fragmentSplit[0].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isSecret(name: FormEncoding.unescape(parts[0])) else { return String(pair) }
            return "\(parts[0])=\(Self.mask)"
        }
        var result = String(base) + "?" + pairs.joined(separator: "&")
        if fragmentSplit.count > 1 { result += "#" + fragmentSplit[1] }
        return redact(text: result)
    }

    /// Form fields with secret values masked.
    package func redact(form: [QueryItem]) -> [QueryItem] {
        form.map { isSecret(name: $0.name) ? QueryItem($0.name, Self.mask) : $0 }
    }

    /// `text` with known secret values and `name=value`, `<name>value</name>` and `"name": "value"` forms of
    /// secret names masked.
    package func redact(text: String) -> String {
        var result = text
        for value in values.sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: value, with: Self.mask)
            let escaped = FormEncoding.escape(value)
            if escaped != value { result = result.replacingOccurrences(of: escaped, with: Self.mask) }
        }
        for expression in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(
                in: result, range: range, withTemplate: "$1\(Self.mask)$3")
        }
        return result
    }

    /// A body with secrets masked; bodies that are not UTF-8 text are returned unchanged.
    package func redact(body: Data) -> Data {
        guard let text = String(data: body, encoding: .utf8) else { return body }
        let redacted = redact(text: text)
        return redacted == text ? body : Data(redacted.utf8)
    }

    private var patterns: [NSRegularExpression] {
        let alternatives = names.sorted().map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let sources = [
            // name=value in URLs echoed by a response
            "((?<![A-Za-z0-9_])(?:\(alternatives))=)([^&\"'<>\\s]+)()",
            // <name>value</name>, as in gateway echoes of request parameters
            "(<(?:\(alternatives))>)([^<]+)(</)",
            // "name": "value" in JSON echoes
            "(\"(?:\(alternatives))\"\\s*:\\s*\")([^\"]*)(\")",
        ]
        return sources.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }
}
