import LitharvestCore

/// The options the Europe PMC connector takes under `databases: europepmc: options:`. The review config is
/// checked against them when it is loaded: an unknown name, a wrong type or a value out of range is an error there.
enum EuropePMCOptions {
    /// Records per request; Europe PMC pages at most 1,000 records.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...EuropePMCSearch.maxPageSize, default: EuropePMCSearch.defaultPageSize, doc: "records per request")

    /// Which date the search's limits filter on.
    static let dateField = ConnectorOption(
        "date_field", .choice(["index", "publication"]), default: "index",
        doc: "index (INDEX_DATE, when Europe PMC indexed the record; right for update runs) or publication (FIRST_PDATE)")

    /// The Europe PMC sources searched (all of them when not given).
    static let sources = ConnectorOption(
        "sources", .text,
        doc: "comma-separated Europe PMC sources to search, e.g. MED,PMC,PPR (default: all)")

    /// Every option, in the order the README lists them.
    static let all = [pageSize, dateField, sources]
}
