import LitharvestCore

/// The options the KoreaMed connector takes under `databases: koreamed: options:`.
enum KoreaMedOptions {
    /// Results per result page.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...1_000, default: KoreaMedConnector.defaultPageSize, doc: "results per result page")
    /// A last guard against a result list that never ends.
    static let maxPages = ConnectorOption(
        "max_pages", .integer(1...1_000_000), default: String(KoreaMedConnector.defaultMaxPages),
        doc: "result pages read at most")

    /// Every option, in the order the README lists them.
    static let all = [pageSize, maxPages]
}
