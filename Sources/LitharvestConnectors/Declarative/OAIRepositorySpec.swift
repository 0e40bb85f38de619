package import LitharvestCore
import LitharvestModel

/// What one spec file declares: an HTTP API described field by field, or an OAI-PMH repository.
package enum DeclaredConnector: Sendable {
    /// `protocol: http` (the default).
    case http(ConnectorSpec)
    /// `protocol: oai-pmh`.
    case oaiPMH(OAIRepositorySpec)

    /// The connector's id, name and budget.
    package var descriptor: ConnectorDescriptor {
        switch self {
        case .http(let spec): spec.descriptor
        case .oaiPMH(let repository): repository.descriptor
        }
    }

    /// The file it was read from.
    package var sourcePath: String {
        switch self {
        case .http(let spec): spec.sourcePath
        case .oaiPMH(let repository): repository.sourcePath
        }
    }

    /// The factory that runs it; its file parser is marked as declarative.
    package var factory: ConnectorFactory {
        switch self {
        case .http(let spec): return DeclarativeConnectors.factory(for: spec)
        case .oaiPMH(let repository): return repository.factory
        }
    }
}

/// An OAI-PMH repository declared in `config/connectors/<id>.yaml` with `protocol: oai-pmh`: any endpoint
/// harvested by the generic ``OAIPMHConnector`` with the `oai_dc` mapping.
package struct OAIRepositorySpec: Sendable {
    /// Which element names the repository's `oai_dc` uses.
    package enum Vocabulary: String, Sendable, CaseIterable {
        /// Standard Dublin Core element names.
        case standard
        /// OAK's renamed elements (`title_h`, `author`, `publish_date`, …).
        case oak
    }

    /// What to harvest: `oai:` in the spec.
    package struct Harvest: Sendable {
        /// `metadata_prefix:` (only `oai_dc` is mapped without code).
        package var metadataPrefix = "oai_dc"
        /// `set:`, when the repository is harvested by set.
        package var set: String?
        /// `vocabulary:`.
        package var vocabulary = Vocabulary.standard
        /// `native_id_type:`: the `dc:identifier` `type` attribute that holds the database's own id.
        package var nativeIDType: String?

        /// Defaults: all of the repository in `oai_dc`.
        package init() {}
    }

    /// Id, name, endpoint and budget.
    package var descriptor: ConnectorDescriptor
    /// `oai:`.
    package var harvest: Harvest
    /// `user_agent:`.
    package var userAgent: String?
    /// The file it was read from.
    package var sourcePath: String

    /// The `oai_dc` mapper the spec asks for.
    package var mapper: DublinCoreMapper {
        var mapper = harvest.vocabulary == .oak ? DublinCoreMapper.oak : DublinCoreMapper.standard
        mapper.nativeIDType = harvest.nativeIDType
        return mapper
    }

    /// The generic OAI-PMH connector for this repository, with a parser for its saved pages.
    var factory: ConnectorFactory {
        let base = OAIPMHConnector.factory(
            descriptor: descriptor, metadataPrefix: harvest.metadataPrefix, set: harvest.set, mapper: mapper,
            defaultUserAgent: userAgent)
        return ConnectorFactory(
            descriptor: descriptor, fileParser: base.fileParser.map { DeclaredFileParser(base: $0) }, make: base.make)
    }
}

/// Marks a file parser as coming from a spec file, so `litharvest connectors` can say which connectors
/// are declarative.
struct DeclaredFileParser: RecordFileParser {
    let base: any RecordFileParser

    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        try base.parseFile(atPath: path, emit: emit)
    }
}
