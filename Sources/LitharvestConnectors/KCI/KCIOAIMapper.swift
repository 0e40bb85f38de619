import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reads KCI's own OAI-PMH format, `oai_kci`, which carries the same `journalInfo`/`articleInfo` as the
/// REST answers, so records look the same whichever route found them.
struct KCIOAIMapper: OAIMetadataMapper {
    let metadataPrefix = "oai_kci"

    func record(metadata: XMLNode, header: OAIRecordHeader, database: String) throws -> Record {
        guard let article = metadata.child("articleInfo") else {
            throw ConnectorError(.unexpectedResponse, "<\(metadata.localName)> has no <articleInfo>")
        }
        var record = try KCIArticleMapper.record(journal: metadata.child("journalInfo"), article: article, database: database)
        record.identifiers.append(RecordIdentifier(scheme: "oai", value: header.identifier))
        return record
    }
}
