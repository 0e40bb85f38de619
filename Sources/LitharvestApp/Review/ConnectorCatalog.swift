import Foundation
import LitharvestConnectors
package import LitharvestCore

/// The connectors a command can use: the compiled ones plus the declarative specs in `connectors/` beside
/// the review config and in `LITHARVEST_CONNECTORS_DIR`.
package enum ConnectorCatalog {
    /// The config path commands without `--config` use and look beside: `harvest.yaml` in the current
    /// folder, else `config/harvest.yaml`.
    package static var defaultConfigPath: String { FirstRun.defaultConfigPath }

    /// The registry for the review config at `configPath`.
    ///
    /// - Throws: ``ConfigurationProblems`` naming every broken spec with its line.
    package static func registry(
        configPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationProblems) -> ConnectorRegistry {
        let directories = DeclarativeConnectors.directories(configPath: configPath, environment: environment)
        do {
            return try ConnectorRegistry.withDeclarative(directories: directories)
        } catch {
            throw ConfigurationProblems(error, in: "the connector specs", consequence: "nothing was run")
        }
    }

    /// Whether the connector `id` comes from a spec file rather than compiled code.
    package static func isDeclarative(_ id: String, in registry: ConnectorRegistry) -> Bool {
        registry.isDeclarative(id)
    }
}
