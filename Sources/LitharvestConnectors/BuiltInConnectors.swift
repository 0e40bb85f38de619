public import LitharvestCore
import LitharvestModel

extension ConnectorRegistry {
    /// Every connector compiled into litharvest, in the order `litharvest connectors` lists them.
    public static var builtIn: ConnectorRegistry {
        ConnectorRegistry(builtInFactories)
    }
}
