import LitharvestCore

/// The options the RISS OpenAPI connector takes under `databases: riss-api: options:`.
enum RISSAPIOptions {
    /// The material type code.
    static let type = ConnectorOption(
        "type", .choice(RISSAPIConnector.types.sorted()), default: "A", doc: "the material type (T, A, O, U, F, S)")
    /// The field the query searches.
    static let field = ConnectorOption(
        "field", .choice(RISSAPIConnector.fields.sorted()), default: "keyword", doc: "the field searched")
    /// Rows per request.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...RISSAPIConnector.maxRowCount, default: RISSAPIConnector.maxRowCount, doc: "rows per request")

    /// Every option, in the order the README lists them.
    static let all = [type, field, pageSize]
}
