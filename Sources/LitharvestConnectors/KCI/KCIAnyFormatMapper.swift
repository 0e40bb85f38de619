import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reads whichever of KCI's two OAI formats a record carries (saved files may hold either).
struct KCIAnyFormatMapper: OAIMetadataMapper {
    let metadataPrefix = "oai_kci"

    func record(metadata: XMLNode, header: OAIRecordHeader, database: String) throws -> Record {
        if metadata.localName == "dc" {
            return try KCIConnector.dublinCore.record(metadata: metadata, header: header, database: database)
        }
        return try KCIOAIMapper().record(metadata: metadata, header: header, database: database)
    }
}
