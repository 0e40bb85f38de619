import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestCore

/// `litharvest init`: writes a commented review config for the chosen databases.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented review config with a search for each chosen database.",
        discussion: """
            The config has an example query in each database's own syntax, the settings and key variables each \
            needs, and comments on every setting; `litharvest validate` accepts it as written. Edit the title \
            and queries, then `litharvest validate` and `litharvest run`.
            """)

    @Option(
        parsing: .upToNextOption,
        help: "Database ids, separated by commas or spaces (`litharvest connectors` lists them).")
    var databases: [String] = ReviewTemplate.defaultDatabases

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String = FirstRun.configFileName

    @Option(help: "The review's title.")
    var review: String = ReviewTemplate.defaultTitle

    @Flag(help: "Replace the file when it exists.")
    var force = false

    func run() throws {
        let ids = databases.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let outcome = try Failure.mapped(command: "init") {
            try InitReview.write(databases: ids, title: review, to: output, force: force)
        }
        print("wrote \(outcome.path): one search over \(outcome.databases.joined(separator: ", "))")
        for key in outcome.keys {
            let need = key.isRequired ? "needs" : "can use"
            print("  \(need) $\(key.environmentVariable): \(key.howToObtain)")
        }
        let config = outcome.path == FirstRun.configFileName ? "" : " --config \(outcome.path)"
        print("Next: edit the title and queries, then `litharvest validate\(config)` and `litharvest run\(config)`.")
    }
}
