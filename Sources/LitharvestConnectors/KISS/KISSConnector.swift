package import LitharvestCore
import LitharvestModel

/// KISS (Koreanstudies Information Service System): no API and no automated access (subscription web
/// only), so litharvest reads its EndNote export (RIS) and never searches it. A harvest job for KISS
/// fails with the instructions instead of reporting zero hits.
package struct KISSConnector: Connector {
    static let id = "kiss"

    package static let descriptor = ConnectorDescriptor(
        id: id, name: "KISS (Koreanstudies Information Service System)", platform: "Koreanstudies Information (export)",
        access: .import, defaultEndpoint: "https://kiss.kstudy.com/", defaultRequestsPerSecond: 1.0,
        supportsDateWindow: false, version: "1.0")

    package var descriptor: ConnectorDescriptor { Self.descriptor }

    /// Creates the connector.
    package init() {}

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        throw ConnectorError(
            .unavailable,
            "KISS offers no API or automated search; run the search on kiss.kstudy.com, export the results with "
                + "\"EndNote\" (a RIS file) and read it with `litharvest import --database kiss FILE`")
    }
}

extension KISSConnector: RegisteredConnector {
    static let listPosition = 80
    static var factories: [ConnectorFactory] { [factory] }

    /// KISS: import only; its file parser reads the RIS export.
    static let factory = ConnectorFactory(
        descriptor: descriptor,
        fileParser: SavedPageFileParser(database: id, site: "KISS") { _, _ in .unknown }
    ) { KISSConnector() }
}
