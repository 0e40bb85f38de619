import Foundation
import LitharvestConnectors
import LitharvestCore

/// The connectors a command can use: the compiled ones plus the declarative specs in `connectors/` beside
/// the review config and in `LITHARVEST_CONNECTORS_DIR`.
enum ConnectorCatalog {
    /// The config path commands without `--config` look beside.
    static let defaultConfigPath = "config/harvest.yaml"

    /// The registry for the review config at `configPath`; broken specs are printed with their line and
    /// end the command with exit status 2.
    static func registry(configPath: String) throws -> ConnectorRegistry {
        let directories = DeclarativeConnectors.directories(
            configPath: configPath, environment: ProcessInfo.processInfo.environment)
        do {
            return try ConnectorRegistry.withDeclarative(directories: directories)
        } catch {
            Console.error(error.description)
            Console.error("litharvest: \(error.problems.count) problem(s) in the connector specs; nothing was run")
            throw ExitStatus.configError
        }
    }
}
