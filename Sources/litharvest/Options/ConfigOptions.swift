import ArgumentParser
import Foundation
import LitharvestConnectors
import LitharvestCore
import LitharvestStore

/// `--config` and `--store`, shared by the commands that work on a review.
struct ConfigOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The review's config file.")
    var config: String = "config/harvest.yaml"

    @Option(help: "Use this store file instead of the config's `store:`.")
    var store: String?

    /// The compiled connectors plus the specs beside the config and in `LITHARVEST_CONNECTORS_DIR`.
    func registry() throws -> ConnectorRegistry {
        try ConnectorCatalog.registry(configPath: config)
    }

    /// Loads and validates the config; problems are printed and end the command with exit status 2.
    func loadConfig() throws -> ReviewConfig {
        let known = Set(try registry().ids)
        do {
            return try ReviewConfig.load(path: config, knownDatabases: known)
        } catch {
            Console.error(error.description)
            Console.error("litharvest: \(error.problems.count) problem(s) in \(config); nothing was run or written")
            throw ExitStatus.configError
        }
    }

    /// The store the config (or `--store`) names.
    func openStore(for review: ReviewConfig) throws -> HarvestStore {
        let path = store.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? review.storePath
        do {
            return try HarvestStore(path: path)
        } catch {
            Console.error("litharvest: cannot open the store: \(error)")
            throw ExitStatus.failure
        }
    }

    /// The run `id` names, or the latest finished run; a clear error when there is none.
    func resolveRun(_ id: Int64?, in store: HarvestStore, command: String) throws -> RunSummary {
        if let id {
            guard let found = try store.run(id: id) else { throw ValidationError("there is no run \(id) in \(store.path)") }
            return found
        }
        guard let latest = try store.latestFinishedRun() else {
            Console.error("litharvest \(command): no finished run in \(store.path) yet; run `litharvest run` first")
            throw ExitStatus.failure
        }
        return latest
    }
}
