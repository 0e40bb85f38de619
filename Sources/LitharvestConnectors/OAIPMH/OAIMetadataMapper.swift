import LitharvestCore
package import LitharvestModel
package import LitharvestXML

/// Turns the metadata of one OAI-PMH record, in one metadata format, into a ``Record``.
package protocol OAIMetadataMapper: Sendable {
    /// The `metadataPrefix` this mapper reads (`oai_dc`, `oai_kci`).
    var metadataPrefix: String { get }

    /// Maps one record.
    ///
    /// - Parameters:
    ///   - metadata: the format's root element inside `<metadata>` (`oai_dc:dc`, `oai_kci`); valid only
    ///     during the call.
    ///   - header: the record's header.
    ///   - database: the connector id to put in ``Record/database``.
    /// - Throws: ``ConnectorError`` when the metadata cannot be read; the record is then skipped with a
    ///   warning naming its line.
    func record(metadata: XMLNode, header: OAIRecordHeader, database: String) throws -> Record
}
