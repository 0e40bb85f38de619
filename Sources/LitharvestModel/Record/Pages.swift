/// A page range parsed from the forms sources use: `221-8`, `221–228`, `e1002`, `S12-S14`, `1102`.
package struct Pages: Sendable, Hashable {
    /// First page as printed.
    package var first: String
    /// Last page, expanded (`221-8` → `228`), or nil for a single page.
    package var last: String?

    /// Parses `text`; nil when empty.
    package init?(_ text: String?) {
        guard let text = Normalize.text(text) else { return nil }
        let separators: Set<Character> = ["-", "–", "—", "‐", "‑", "~"]
        let parts = text.split(maxSplits: 1, whereSeparator: { separators.contains($0) }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let first = parts.first, !first.isEmpty else { return nil }
        self.first = first
        if parts.count == 2, !parts[1].isEmpty {
            self.last = Self.expand(first: first, last: parts[1])
        } else {
            self.last = nil
        }
    }

    /// `first-last`, or `first` alone.
    package var expanded: String { last.map { "\(first)-\($0)" } ?? first }

    /// Completes an abbreviated last page from the first: (221, 8) → 228, (1102, 12) → 1112.
    static func expand(first: String, last: String) -> String {
        let firstDigits = String(first.reversed().prefix { $0.isASCIIDigit }.reversed())
        let prefix = String(first.dropLast(firstDigits.count))
        guard !firstDigits.isEmpty else { return last }
        let lastDigits: String
        if last.hasPrefix(prefix), !prefix.isEmpty {
            lastDigits = String(last.dropFirst(prefix.count))
        } else {
            lastDigits = last
        }
        guard !lastDigits.isEmpty, lastDigits.allSatisfy(\.isASCIIDigit) else { return last }
        if lastDigits.count < firstDigits.count {
            let completed = String(firstDigits.dropLast(lastDigits.count)) + lastDigits
            if let from = Int(firstDigits), let to = Int(completed), to >= from { return prefix + completed }
            return last
        }
        return prefix + lastDigits
    }
}
