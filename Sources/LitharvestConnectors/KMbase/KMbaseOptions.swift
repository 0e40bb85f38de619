import LitharvestCore

/// The options the KMbase connector takes under `databases: kmbase: options:`.
enum KMbaseOptions {
    /// A last guard against a result list that never ends.
    static let maxPages = ConnectorOption(
        "max_pages", .integer(1...1_000_000), default: String(KMbaseConnector.defaultMaxPages),
        doc: "result pages read at most")

    /// Every option, in the order the README lists them.
    static let all = [maxPages]
}
