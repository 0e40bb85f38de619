import ArgumentParser
import Foundation
import LitharvestApp
import LitharvestStore

/// `--config` and `--store`, shared by the commands that work on a review.
struct ConfigOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The review's config file.")
    var config: String = ConnectorCatalog.defaultConfigPath

    @Option(help: "Use this store file instead of the config's `store:`.")
    var store: String?

    /// The config with the connectors it can use (the compiled ones plus the specs beside it and in
    /// `LITHARVEST_CONNECTORS_DIR`), loaded once; problems are printed and end the command with exit status 2,
    /// warnings (deprecated names) are printed and the command goes on.
    func loadContext() throws -> ReviewContext {
        let context = try Failure.mapped(command: nil) { try ReviewContext.load(configPath: config) }
        for warning in context.review.warnings {
            Console.error(warning.location + "warning: " + warning.message)
        }
        return context
    }

    /// The store the config (or `--store`) names.
    func openStore(_ context: ReviewContext) throws -> HarvestStore {
        try Failure.mapped(command: nil) { try context.openStore(override: store) }
    }
}
