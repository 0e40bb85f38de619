extension ConfigProblem {
    /// `; did you mean 'x'?` when a candidate is within edit distance 2 of `word` (case-insensitive), else
    /// an empty string; shared by every reader of YAML files so they suggest alike.
    package static func suggestion(for word: String, among candidates: [String]) -> String {
        let lowered = word.lowercased()
        let scored = candidates.map { (candidate: $0, distance: editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2,
            best.distance < word.count
        else { return "" }
        return "; did you mean '\(best.candidate)'?"
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
