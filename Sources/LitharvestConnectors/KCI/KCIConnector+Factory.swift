import LitharvestCore
import LitharvestModel

extension KCIConnector {
    /// KCI: the two-route connector and a parser for saved REST answers and OAI-PMH pages.
    static let factory = ConnectorFactory(descriptor: KCIConnector.standardDescriptor, fileParser: KCIFileParser()) {
        KCIConnector()
    }
}
