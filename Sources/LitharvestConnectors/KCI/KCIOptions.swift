import LitharvestCore

/// The options the KCI connector takes under `databases: kci: options:` (the OAI ones are OAI-PMH's).
enum KCIOptions {
    /// Which route searches.
    static let route = ConnectorOption(
        "route", .choice(["auto", "rest", "oai"]), default: "auto",
        doc: "auto (REST with a key, OAI-PMH without), rest or oai")
    /// Which dates the REST route's limits filter on.
    static let dateField = ConnectorOption(
        "date_field", .choice(["reg", "mod"]), default: "reg", doc: "REST: registration (reg) or modification (mod) dates")
    /// Whether each REST record is completed from `articleDetail`.
    static let details = ConnectorOption(
        "details", .bool, default: "false", doc: "REST: complete each record from articleDetail (one request each)")
    /// The OAI record format.
    static let metadataPrefix = ConnectorOption(
        "metadata_prefix", .choice(["oai_kci", "oai_dc"]), default: "oai_kci", doc: "OAI: the record format")
    /// REST records per request.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...KCIRestSearch.maxPageSize, default: KCIRestSearch.maxPageSize, doc: "REST: records per request")

    /// Every option, in the order the README lists them.
    static let all =
        [route, dateField, details, metadataPrefix] + [OAIPMHOptions.set, OAIPMHOptions.maxPages, OAIPMHOptions.identify]
        + [pageSize]
}
