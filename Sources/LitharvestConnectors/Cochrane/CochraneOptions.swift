import LitharvestCore

/// The options the Cochrane Library connector takes under `databases: cochrane: options:`.
enum CochraneOptions {
    /// `selectedType`: the Cochrane database searched.
    static let type = ConnectorOption("type", .text, default: "central", doc: "the Cochrane database (`selectedType`)")
    /// `searchBy`: which fields the search text goes to.
    static let searchBy = ConnectorOption("search_by", .text, default: "1", doc: "the fields searched (`searchBy`)")
    /// Results per result page.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...100, default: CochraneConnector.defaultPageSize, doc: "results per result page")
    /// A last guard against a result list that never ends.
    static let maxPages = ConnectorOption(
        "max_pages", .integer(1...1_000_000), default: String(CochraneConnector.defaultMaxPages),
        doc: "result pages read at most")

    /// Every option, in the order the README lists them.
    static let all = [type, searchBy, pageSize, maxPages]
}
