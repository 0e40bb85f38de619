import ArgumentParser
import LitharvestHTTP

@main
struct LitharvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litharvest",
        abstract: "Harvest literature searches across bibliographic databases for systematic reviews.",
        discussion: """
            Re-runs a review's searches across PubMed, PMC, the Korean databases and the Cochrane Library, \
            stores snapshots, deduplicates across databases and reports what is new, with the search log \
            PRISMA-S asks for.
            """,
        version: LitharvestVersion.current,
        subcommands: [
            Search.self, Run.self, New.self, Snapshots.self, Export.self, Import.self, Parse.self, Dedup.self,
            Report.self, Connectors.self, Validate.self,
        ]
    )
}
