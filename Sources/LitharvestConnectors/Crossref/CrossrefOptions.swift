import LitharvestCore

/// The options the Crossref connector takes under `databases: crossref: options:`. The review config is
/// checked against them when it is loaded: an unknown name, a wrong type or a value out of range is an error.
enum CrossrefOptions {
    /// Crossref's largest `rows`.
    static let maxPageSize = 1000

    /// Records per request (`rows`).
    static let pageSize = ConnectorOption.pageSize(
        in: 1...maxPageSize, default: 100, doc: "records per request (Crossref's `rows`, at most 1000)")
    /// Which date the search's limits filter on.
    static let dateField = ConnectorOption(
        "date_field", .choice(["index", "pub", "created", "update"]), default: "index",
        doc: "what the date limits filter on: index (when Crossref last indexed the record, default), pub "
            + "(publication date), created (first deposit) or update (last metadata update by the publisher)")
    /// More Crossref filters, sent with the date filters.
    static let filter = ConnectorOption(
        "filter", .text,
        doc: "further Crossref filters, comma-separated as the API takes them (`type:journal-article,has-abstract:true`)")
    /// The contact address for Crossref's polite pool, when it is not the review's `email`.
    static let mailto = ConnectorOption(
        "mailto", .text, doc: "contact address sent as `mailto` (default: the review's email or LITHARVEST_EMAIL)")

    /// Every option, in the order the README lists them.
    static let all: [ConnectorOption] = [pageSize, dateField, filter, mailto]

    /// The filter names of each `date_field` choice.
    static func dateFilters(_ field: String) -> (from: String, until: String) {
        switch field {
        case "pub": ("from-pub-date", "until-pub-date")
        case "created": ("from-created-date", "until-created-date")
        case "update": ("from-update-date", "until-update-date")
        default: ("from-index-date", "until-index-date")
        }
    }
}
