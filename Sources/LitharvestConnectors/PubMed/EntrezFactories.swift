import LitharvestCore
import LitharvestModel

extension EntrezConnector {
    /// PubMed: the connector and its efetch-XML file parser.
    static let pubmedFactory = ConnectorFactory(
        descriptor: EntrezConnector.descriptor(for: .pubmed), fileParser: PubMedArticleParser()
    ) { EntrezConnector(database: .pubmed) }

    /// PMC: the connector and its JATS file parser.
    static let pmcFactory = ConnectorFactory(
        descriptor: EntrezConnector.descriptor(for: .pmc), fileParser: PMCArticleParser()
    ) { EntrezConnector(database: .pmc) }
}
