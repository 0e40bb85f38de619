import Foundation
package import LitharvestCore
import LitharvestModel

/// Finds and loads the connector specs litharvest uses besides its compiled connectors.
package enum DeclarativeConnectors {
    /// The variable naming more folders of specs (separated by `:`).
    package static let directoryVariable = "LITHARVEST_CONNECTORS_DIR"

    /// The folders to read: `connectors/` beside the review config `configPath` (when it exists), then
    /// each folder in `LITHARVEST_CONNECTORS_DIR`.
    package static func directories(configPath: String?, environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let configPath {
            let beside = URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent("connectors").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(beside)
            }
        }
        if let variable = environment[directoryVariable] {
            folders += variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        var seen = Set<String>()
        return folders.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// Reads every `*.yaml` spec in `directories`, in name order.
    ///
    /// - Throws: ``ConfigError`` with every problem of every file (a missing folder named in the
    ///   environment, a broken spec, an id used twice).
    package static func load(directories: [String]) throws(ConfigError) -> [ConnectorSpec] {
        try loadDeclarations(directories: directories).compactMap {
            if case .http(let spec) = $0 { return spec }
            return nil
        }
    }

    /// Reads every `*.yaml` spec in `directories`, in name order, whichever protocol each declares.
    ///
    /// - Throws: ``ConfigError`` with every problem of every file.
    package static func loadDeclarations(directories: [String]) throws(ConfigError) -> [DeclaredConnector] {
        var problems: [ConfigProblem] = []
        var specs: [DeclaredConnector] = []
        for directory in directories {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                problems.append(ConfigProblem(
                    file: directory, message: "cannot list this connector folder (named in \(directoryVariable)); does it exist?"))
                continue
            }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = (directory as NSString).appendingPathComponent(name)
                do {
                    let spec = try ConnectorSpecReader.loadDeclaration(path: path)
                    if let earlier = specs.first(where: { $0.descriptor.id == spec.descriptor.id }) {
                        problems.append(ConfigProblem(
                            file: path, message: "id '\(spec.descriptor.id)' is already declared in \(earlier.sourcePath)"))
                    } else {
                        specs.append(spec)
                    }
                } catch {
                    problems += error.problems
                }
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return specs
    }

    /// The specs shipped in `config/connectors/`, compiled into the binary (so an installed litharvest has
    /// them in any folder), in name order.
    ///
    /// - Throws: ``ConfigError`` when a compiled spec does not read, which the tests rule out.
    package static func shipped() throws(ConfigError) -> [DeclaredConnector] {
        var problems: [ConfigProblem] = []
        var specs: [DeclaredConnector] = []
        for (path, yaml) in shippedConnectorSpecTexts {
            var reader = ConnectorSpecReader(file: path)
            do {
                specs.append(try reader.readDeclaration(yaml: yaml))
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return specs
    }

    /// The factory for `spec`: its connector and its saved-response parser.
    package static func factory(for spec: ConnectorSpec) -> ConnectorFactory {
        ConnectorFactory(descriptor: spec.descriptor, fileParser: DeclarativeFileParser(spec: spec)) {
            DeclarativeConnector(spec: spec)
        }
    }
}

extension ConnectorRegistry {
    /// The compiled connectors, the shipped specs and the specs in `directories`. A spec in `directories`
    /// replaces the shipped spec with its id (in its place in the list); other ids are added at the end.
    ///
    /// - Throws: ``ConfigError`` for broken specs, or a spec whose id a compiled connector already has.
    package static func withDeclarative(directories: [String]) throws(ConfigError) -> ConnectorRegistry {
        var registry = ConnectorRegistry.builtIn
        var problems: [ConfigProblem] = []
        var declared = try DeclarativeConnectors.shipped()
        for spec in try DeclarativeConnectors.loadDeclarations(directories: directories) {
            if let shipped = declared.firstIndex(where: { $0.descriptor.id == spec.descriptor.id }) {
                declared[shipped] = spec
            } else {
                declared.append(spec)
            }
        }
        for spec in declared {
            do {
                try registry.register(spec.factory)
            } catch {
                problems.append(ConfigProblem(
                    file: spec.sourcePath, message: "id '\(spec.descriptor.id)' is already used by a built-in connector"))
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return registry
    }

    /// Whether the connector `id` comes from a spec file rather than compiled code.
    package func isDeclarative(_ id: String) -> Bool {
        self[id].map { $0.fileParser is DeclarativeFileParser || $0.fileParser is DeclaredFileParser } ?? false
    }
}
