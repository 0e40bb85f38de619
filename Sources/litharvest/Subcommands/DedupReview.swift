import Foundation
import LitharvestApp

/// `litharvest dedup --review`: shows each maybe pair side by side and asks for the reviewer's decision.
struct DedupReviewPrompt {
    let review: MaybePairReview

    /// Asks about every open pair on standard input; returns how many decisions were stored.
    func run() throws -> Int {
        let pairs = try review.pairs()
        if pairs.isEmpty {
            Self.say("No pairs to review.")
            return 0
        }
        var decided = 0
        for (number, pair) in pairs.enumerated() {
            Self.say("\nPair \(number + 1) of \(pairs.count): \(pair.reason)")
            Self.say(MaybePairReview.sideBySide(pair.first, pair.second))
            asking: while true {
                Self.say("Same study? [s]ame, [d]ifferent, [k] skip, [q]uit: ", newline: false)
                guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return decided }
                let same: Bool
                switch answer {
                case "s", "same": same = true
                case "d", "different": same = false
                case "k", "skip", "": break asking
                case "q", "quit": return decided
                default: continue asking
                }
                try review.decide(pair, same: same)
                decided += 1
                break asking
            }
        }
        return decided
    }

    /// Unbuffered, so a prompt shows before the answer is read.
    static func say(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}
