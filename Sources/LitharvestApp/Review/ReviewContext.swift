import Foundation
package import LitharvestCore
import LitharvestModel
package import LitharvestStore

/// A review as one command works on it: its config, the connectors it can use (loaded once) and its store.
package struct ReviewContext: Sendable {
    /// The config file's path as given.
    package var configPath: String
    /// The validated config.
    package var review: ReviewConfig
    /// The compiled connectors plus the specs beside the config.
    package var registry: ConnectorRegistry

    /// Loads the connector specs beside `configPath`, then the config checked against them.
    ///
    /// - Throws: ``MissingReviewConfig`` when there is no file at `configPath`, ``ConfigurationProblems`` for
    ///   broken specs or a config with problems.
    package static func load(configPath: String) throws -> ReviewContext {
        guard FirstRun.configExists(at: configPath) else { throw MissingReviewConfig(path: configPath) }
        let registry = try ConnectorCatalog.registry(configPath: configPath)
        do {
            let review = try ReviewConfig.load(path: configPath, connectors: registry.factories.map(\.descriptor))
            return ReviewContext(configPath: configPath, review: review, registry: registry)
        } catch {
            throw ConfigurationProblems(error, in: configPath)
        }
    }

    /// The store path: `override` (`--store`) or the config's `store:`.
    package func storePath(override: String?) -> String {
        override.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? review.storePath
    }

    /// Opens the store the config (or `override`) names.
    ///
    /// - Throws: ``CommandFailure`` when it cannot be opened.
    package func openStore(override: String?) throws(CommandFailure) -> HarvestStore {
        do {
            return try HarvestStore(path: storePath(override: override))
        } catch {
            throw CommandFailure("cannot open the store: \(error)")
        }
    }

    /// The search named `name`, or the config's only search when `name` is nil.
    ///
    /// - Throws: ``UsageProblem`` when there is no such search, or several and none named.
    package func searchName(_ name: String?) throws(UsageProblem) -> String {
        let names = review.searches.map(\.name)
        if let name {
            guard names.contains(name) else {
                throw UsageProblem("no search named '\(name)' in \(configPath) (it has: \(names.joined(separator: ", ")))")
            }
            return name
        }
        guard names.count == 1, let only = names.first else {
            throw UsageProblem("--search: name one of the config's searches (\(names.joined(separator: ", ")))")
        }
        return only
    }

    /// Checks that `name`, when given, is one of the config's searches.
    ///
    /// - Throws: ``UsageProblem`` naming the config.
    package func requireSearch(_ name: String?) throws(UsageProblem) {
        if let name, !review.searches.contains(where: { $0.name == name }) {
            throw UsageProblem("no search named '\(name)' in \(configPath)")
        }
    }

    /// The run `id` names, or the latest finished run.
    ///
    /// - Throws: ``UsageProblem`` for an unknown id, ``CommandFailure`` when the store has no finished run.
    package static func resolveRun(_ id: Int64?, in store: HarvestStore, command: String) throws -> RunSummary {
        if let id {
            guard let found = try store.run(id: id) else { throw UsageProblem("there is no run \(id) in \(store.path)") }
            return found
        }
        guard let latest = try store.latestFinishedRun() else {
            throw CommandFailure("no finished run in \(store.path) yet; run `litharvest run` first")
        }
        return latest
    }

    /// Takes the store's run lock.
    ///
    /// - Throws: ``StoreBusy`` when another run holds it.
    package static func lock(_ store: HarvestStore) throws(StoreBusy) -> StoreLock {
        do {
            return try store.lockForRun()
        } catch {
            throw StoreBusy("\(error)")
        }
    }
}
