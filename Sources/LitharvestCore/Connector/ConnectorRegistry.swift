package import LitharvestModel

/// How to make one connector, and (where it has one) its file parser.
package struct ConnectorFactory: Sendable {
    /// The connector's descriptor.
    package var descriptor: ConnectorDescriptor
    /// Builds the connector (settings are passed at search time).
    package var make: @Sendable () throws -> any Connector
    /// Reads saved responses or export files of this database, if supported.
    package var fileParser: (any RecordFileParser)?

    /// Creates a factory.
    package init(
        descriptor: ConnectorDescriptor, fileParser: (any RecordFileParser)? = nil,
        make: @escaping @Sendable () throws -> any Connector
    ) {
        self.descriptor = descriptor
        self.fileParser = fileParser
        self.make = make
    }
}

/// All connectors litharvest knows, by id.
package struct ConnectorRegistry: Sendable {
    /// Factories in display order.
    package private(set) var factories: [ConnectorFactory]

    /// Creates a registry; later factories with an id already present are refused.
    package init(_ factories: [ConnectorFactory] = []) {
        self.factories = []
        for factory in factories { try? register(factory) }
    }

    /// Adds a connector.
    ///
    /// - Throws: ``ConnectorError/Kind/invalidConfiguration`` if the id is taken.
    package mutating func register(_ factory: ConnectorFactory) throws {
        guard self[factory.descriptor.id] == nil else {
            throw ConnectorError(.invalidConfiguration, "a connector with id '\(factory.descriptor.id)' is already registered")
        }
        factories.append(factory)
    }

    /// The factory for `id`, compared case-insensitively.
    package subscript(id: String) -> ConnectorFactory? {
        factories.first { $0.descriptor.id == id.lowercased() }
    }

    /// Every id, in display order.
    package var ids: [String] { factories.map(\.descriptor.id) }
}
