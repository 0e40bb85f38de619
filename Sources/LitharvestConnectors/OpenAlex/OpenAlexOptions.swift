import LitharvestCore

/// The options the OpenAlex connector takes under `databases: openalex: options:`. The review config is checked
/// against them when it is loaded: an unknown name, a wrong type or a value out of range is an error there.
enum OpenAlexOptions {
    /// Works per cursor page. OpenAlex documented `per-page` up to 200 and now advises 100; every page costs the
    /// same from the daily budget, so large pages are cheapest.
    static let pageSize = ConnectorOption.pageSize(in: 1...200, default: 100)

    /// Where the query text is searched.
    static let searchField = ConnectorOption(
        "search_field", .choice(["search", "title_and_abstract", "title"]), default: "search",
        doc: "search: `search=` (title, abstract and full text); title_and_abstract or title: the "
            + "`title_and_abstract.search` / `title.search` filter")

    /// More OpenAlex filters, in the API's own syntax, joined to the connector's with a comma.
    static let filter = ConnectorOption(
        "filter", .text, doc: "extra OpenAlex filters, e.g. `type:article,is_retracted:false`")

    /// Which date the search's `limits` (and `run --since last`) filter on.
    static let dateField = ConnectorOption(
        "date_field", .choice(["created", "publication"]), default: "created",
        doc: "created: `from_created_date`/`to_created_date` (when OpenAlex added the work); publication: "
            + "`from_publication_date`/`to_publication_date`")

    /// Every option, in the order the README lists them.
    static let all: [ConnectorOption] = [pageSize, searchField, filter, dateField]
}
