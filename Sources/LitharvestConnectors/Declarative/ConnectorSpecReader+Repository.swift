import Foundation
import LitharvestCore
import Yams

/// The second spec language, `protocol: oai-pmh`: who the repository is and what to harvest; the generic
/// OAI-PMH connector does the requests, paging and error handling.
extension ConnectorSpecReader {
    static let repositoryKeys = ["protocol", "id", "name", "platform", "version", "endpoint", "requests_per_second", "user_agent", "oai"]
    static let oaiKeys = ["metadata_prefix", "set", "vocabulary", "native_id_type"]

    /// `protocol: oai-pmh`: who the repository is and what to harvest; the generic OAI-PMH connector does
    /// the requests, paging and error handling.
    mutating func readRepository(_ entries: [Entry], root: Node) -> OAIRepositorySpec? {
        var byKey: [String: Entry] = [:]
        for entry in entries {
            if Self.repositoryKeys.contains(entry.key) {
                byKey[entry.key] = entry
            } else {
                unknownKey(entry, in: "in an OAI-PMH repository spec", known: Self.repositoryKeys)
            }
        }
        let id = required(byKey["id"], "id", in: root).flatMap { identifier($0) }
        let name = required(byKey["name"], "name", in: root).flatMap { text($0) }
        let endpoint = required(byKey["endpoint"], "endpoint", in: root).flatMap { url($0) }
        let rate = byKey["requests_per_second"].flatMap { positiveNumber($0) } ?? 1
        var repository = OAIRepositorySpec.Harvest()
        if let oai = byKey["oai"], let oaiEntries = mapping(oai) {
            for item in oaiEntries {
                switch item.key {
                case "metadata_prefix":
                    if let prefix = text(item) {
                        if prefix == "oai_dc" {
                            repository.metadataPrefix = prefix
                        } else {
                            report("'metadata_prefix' must be oai_dc here (other formats need a compiled mapper), not '\(prefix)'", at: item.value)
                        }
                    }
                case "set": repository.set = text(item)
                case "vocabulary": repository.vocabulary = choice(item, among: OAIRepositorySpec.Vocabulary.self) ?? .standard
                case "native_id_type": repository.nativeIDType = text(item)
                default: unknownKey(item, in: "in 'oai'", known: Self.oaiKeys)
                }
            }
        }
        guard let id, let name, let endpoint else { return nil }
        var descriptor = OAIPMHConnector.repositoryDescriptor(
            id: id, name: name, endpoint: endpoint, requestsPerSecond: rate,
            version: byKey["version"].flatMap { text($0) } ?? "1")
        if let platform = byKey["platform"].flatMap({ text($0) }) { descriptor.platform = platform }
        return OAIRepositorySpec(
            descriptor: descriptor, harvest: repository, userAgent: byKey["user_agent"].flatMap { text($0) },
            sourcePath: file)
    }
}
