import LitharvestCore
import LitharvestModel

extension RISSWebConnector {
    /// RISS web search, with the parser for saved result pages and Excel exports.
    static let factory = ConnectorFactory(descriptor: RISSWebConnector.standardDescriptor, fileParser: RISSFileParser()) {
        RISSWebConnector()
    }
}

extension RISSAPIConnector {
    /// RISS OpenAPI (key required).
    static let factory = ConnectorFactory(descriptor: RISSAPIConnector.standardDescriptor) { RISSAPIConnector() }
}
