package import LitharvestModel

extension ConnectorRegistry {
    /// Labels from the registered connectors' descriptors (name and platform), for the exporters.
    package var databaseLabels: DatabaseLabels {
        let labels = Dictionary(
            factories.map { ($0.descriptor.id, DatabaseLabel(name: $0.descriptor.name, platform: $0.descriptor.platform)) },
            uniquingKeysWith: { first, _ in first }
        )
        return { labels[$0.lowercased()] }
    }
}
