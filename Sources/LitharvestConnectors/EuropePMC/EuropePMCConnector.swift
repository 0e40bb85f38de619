import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

/// Europe PMC (EMBL-EBI) through its REST `search` with `resultType=core`, paged by `cursorMark`: PubMed
/// abstracts (`MED`), PMC full-text records, preprints (`PPR`), Agricola (`AGR`), patents and the other sources
/// (option `sources` narrows them). Date limits filter on `INDEX_DATE`, the date Europe PMC indexed the record
/// (so `run --since last` picks up what was added since), or with `date_field: publication` on `FIRST_PDATE`.
/// No key; Europe PMC throttles at 10 requests/s and 500 a minute, so the budget is 8 requests/s.
struct EuropePMCConnector: Connector {
    /// Who this connector is.
    static let descriptor = ConnectorDescriptor(
        id: "europepmc",
        name: "Europe PMC",
        platform: "Europe PMC RESTful Web Service (EMBL-EBI)",
        access: .api,
        key: nil,
        defaultEndpoint: "https://www.ebi.ac.uk/europepmc/webservices/rest/search",
        defaultRequestsPerSecond: 8,
        supportsDateWindow: true,
        version: "1.0", options: EuropePMCOptions.all)

    var descriptor: ConnectorDescriptor { Self.descriptor }

    func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        var result = try EuropePMCSearch(context: context).run(query)
        if query.from != nil || query.until != nil {
            let field = EuropePMCSearch(context: context).dateField()
            let meaning = field == "INDEX_DATE" ? "the date Europe PMC indexed each record" : "the first publication date"
            result.diagnostics.insert(Diagnostic(.note, "date limits filter on \(field) (\(meaning))"), at: 0)
        }
        return result
    }
}

extension EuropePMCConnector: RegisteredConnector {
    static let listPosition = 130
    static var factories: [ConnectorFactory] { [factory] }

    /// The connector and its parser for saved search answers.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: EuropePMCResponseParser()) {
        EuropePMCConnector()
    }
}
