import ArgumentParser
import LitharvestApp
import LitharvestHTTP

@main
struct LitharvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litharvest",
        abstract: "Harvest literature searches across bibliographic databases for systematic reviews.",
        discussion: """
            Re-runs a review's searches across PubMed, PMC, the Korean databases and the Cochrane Library, \
            stores snapshots, deduplicates across databases and reports what is new, with the search log \
            PRISMA-S asks for. Commands read harvest.yaml in the current folder, then config/harvest.yaml \
            (--config names another); `litharvest init` writes one.
            """,
        version: BuildStamp.versionLine,
        subcommands: [
            Init.self, Search.self, Run.self, New.self, Snapshots.self, Export.self, Import.self, Parse.self,
            Dedup.self, Report.self, Connectors.self, Validate.self,
        ]
    )

    /// `litharvest` alone: how to start when the folder has no review config, the usual help otherwise.
    func run() throws {
        guard FirstRun.configExists(at: FirstRun.defaultConfigPath) else {
            print(Self.helpMessage(columns: nil))
            print("")
            print(FirstRun.guidance(missing: nil))
            return
        }
        throw CleanExit.helpRequest(self)
    }
}
