public import LitharvestCore
import LitharvestModel

extension OAIPMHConnector {
    /// A descriptor for an OAI-PMH repository: keyless API access with datestamp windows.
    ///
    /// - Parameters:
    ///   - id: the connector id used in config and on the command line.
    ///   - name: the repository's name.
    ///   - endpoint: the base URL (`https://…/oai/request`); `LITHARVEST_<ID>_ENDPOINT` overrides it.
    ///   - requestsPerSecond: the politeness budget for the host.
    public static func repositoryDescriptor(
        id: String, name: String, endpoint: String, requestsPerSecond: Double = 1, version: String = "1.0"
    ) -> ConnectorDescriptor {
        ConnectorDescriptor(
            id: id, name: name, platform: "OAI-PMH", access: .api, defaultEndpoint: endpoint,
            defaultRequestsPerSecond: requestsPerSecond, supportsDateWindow: true, version: version)
    }

    /// A factory for any repository: the harvester plus a parser for saved pages of the same format, so a
    /// repository configured at run time behaves like a built-in one.
    public static func factory(
        descriptor: ConnectorDescriptor, metadataPrefix: String? = nil, set: String? = nil,
        mapper: any OAIMetadataMapper, defaultUserAgent: String? = nil
    ) -> ConnectorFactory {
        ConnectorFactory(
            descriptor: descriptor, fileParser: OAIPMHFileParser(database: descriptor.id, mapper: mapper)
        ) {
            OAIPMHConnector(
                descriptor: descriptor, metadataPrefix: metadataPrefix, set: set, mapper: mapper,
                defaultUserAgent: defaultUserAgent)
        }
    }

    /// OAK (Open Access Korea, oak.go.kr), the National Library of Korea's repository: `oai_dc` with
    /// OAK's own element names. OAK has been seen to stop after about 99 records with no resumptionToken,
    /// so use it for repository coverage, not as a complete source.
    static let oakFactory = factory(
        descriptor: repositoryDescriptor(
            id: "oak", name: "OAK (Open Access Korea)", endpoint: "http://oak.go.kr/OAIHandler", requestsPerSecond: 1),
        mapper: DublinCoreMapper.oak)
}
