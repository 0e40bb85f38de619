package import LitharvestCore
import LitharvestModel

extension ConnectorRegistry {
    /// Every connector compiled into litharvest, in the order `litharvest connectors` lists them.
    package static var builtIn: ConnectorRegistry {
        ConnectorRegistry(builtInFactories)
    }
}

/// A connector compiled into litharvest. Each connector folder's `<Name>Connector.swift` declares the
/// conformance next to its factory; `scripts/generate-connector-list.sh` lists every conforming type in
/// `ConnectorList+Generated.swift`, so adding a connector needs no hand-edited list.
protocol RegisteredConnector: Sendable {
    /// Where `litharvest connectors` lists this connector's databases: ascending, PubMed first.
    static var listPosition: Int { get }
    /// One factory per database the connector searches (PubMed and PMC share one connector).
    static var factories: [ConnectorFactory] { get }
}

/// The factories of every registered connector, in display order.
let builtInFactories: [ConnectorFactory] = registeredConnectors
    .sorted { $0.listPosition < $1.listPosition }
    .flatMap { $0.factories }
