extension ConfigProblem {
    /// `; did you mean 'x'?` when a candidate is within edit distance 2 of `word` (case-insensitive), else
    /// an empty string; shared by every reader of YAML files so they suggest alike.
    public static func suggestion(for word: String, among candidates: [String]) -> String {
        let lowered = word.lowercased()
        let scored = candidates.map { (candidate: $0, distance: ConfigReader.editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2,
            best.distance < word.count
        else { return "" }
        return "; did you mean '\(best.candidate)'?"
    }
}
