import ArgumentParser
import Foundation
import LitharvestApp

/// `litharvest connectors`: every database litharvest can search or import, and what each needs.
struct Connectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the databases litharvest knows: id, name, platform, access kind and key.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "A review config whose connectors/ folder holds connector specs (also LITHARVEST_CONNECTORS_DIR).")
    var config: String = ConnectorCatalog.defaultConfigPath

    func run() throws {
        let registry = try Failure.mapped(command: nil) { try ConnectorCatalog.registry(configPath: config) }
        let descriptors = registry.factories.map(\.descriptor)
        if json {
            let items: [[String: Any]] = descriptors.map { descriptor in
                var item: [String: Any] = [
                    "id": descriptor.id, "name": descriptor.name, "platform": descriptor.platform,
                    "access": descriptor.access.rawValue, "endpoint": descriptor.defaultEndpoint,
                    "endpoint_variable": descriptor.endpointVariable,
                    "requests_per_second": descriptor.defaultRequestsPerSecond, "version": descriptor.version,
                    "declarative": ConnectorCatalog.isDeclarative(descriptor.id, in: registry),
                ]
                if let key = descriptor.key {
                    item["key"] = [
                        "required": key.isRequired, "environment_variable": key.environmentVariable,
                        "how_to_obtain": key.howToObtain,
                    ]
                }
                return item
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let rows = descriptors.map { descriptor -> [String] in
            let key: String
            if let requirement = descriptor.key {
                key = (requirement.isRequired ? "required: " : "optional: ") + "$" + requirement.environmentVariable
            } else {
                key = "none"
            }
            let kind = ConnectorCatalog.isDeclarative(descriptor.id, in: registry) ? "declarative" : "built-in"
            return [descriptor.id, descriptor.name, descriptor.platform, descriptor.access.rawValue, key, kind]
        }
        let header = ["ID", "NAME", "PLATFORM", "ACCESS", "KEY", "KIND"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("")
        for descriptor in descriptors {
            if let key = descriptor.key { print("\(descriptor.id): key \(key.environmentVariable) — \(key.howToObtain)") }
        }
        print("Override any endpoint with LITHARVEST_<ID>_ENDPOINT (e.g. \(descriptors.first?.endpointVariable ?? "")).")
    }
}
