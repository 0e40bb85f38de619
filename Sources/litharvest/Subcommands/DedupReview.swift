import ArgumentParser
import Foundation
import LitharvestCore
import LitharvestDedup
import LitharvestStore

/// `litharvest dedup --review`: shows each maybe pair side by side and stores the reviewer's decision.
struct DedupReview {
    let store: HarvestStore

    /// Asks about every open pair on standard input; returns how many decisions were stored.
    func run() throws -> Int {
        let pairs = try store.maybePairs()
        if pairs.isEmpty {
            Self.say("No pairs to review.")
            return 0
        }
        var decided = 0
        for (number, pair) in pairs.enumerated() {
            Self.say("\nPair \(number + 1) of \(pairs.count): \(pair.reason)")
            Self.say(Self.sideBySide(pair.first, pair.second))
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
                try store.saveDecision(PairDecision(RecordKey(pair.first), RecordKey(pair.second), same: same))
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

    /// Two records in two columns, one field per line.
    static func sideBySide(_ a: Record, _ b: Record) -> String {
        func fields(_ record: Record) -> [(String, String)] {
            [
                ("record", "\(record.database):\(record.nativeID)"), ("title", record.title ?? ""),
                ("other title", record.otherTitle ?? ""),
                ("authors", record.authors.prefix(4).map(\.displayName).joined(separator: "; ")),
                ("journal", record.journal ?? record.journalAbbreviation ?? ""),
                ("year", record.year.map(String.init) ?? ""),
                ("vol(issue)", (record.volume ?? "") + (record.issue.map { "(\($0))" } ?? "")),
                ("pages", record.pages ?? ""), ("doi", record.doi ?? ""), ("pmid", record.pmid ?? ""),
            ]
        }
        let width = 48
        func cut(_ text: String) -> String {
            text.count <= width ? text.padding(toLength: width, withPad: " ", startingAt: 0)
                : String(text.prefix(width - 1)) + "…"
        }
        return zip(fields(a), fields(b)).filter { !$0.0.1.isEmpty || !$0.1.1.isEmpty }.map { left, right in
            left.0.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + cut(left.1) + " | " + right.1
        }.joined(separator: "\n")
    }
}
