import LitharvestCore

/// The options every OAI-PMH repository (OAK, declared repositories, KCI's OAI route) takes.
enum OAIPMHOptions {
    /// The set harvested instead of the repository's default.
    static let set = ConnectorOption("set", .text, doc: "the OAI set harvested")
    /// A last guard against a repository that never ends.
    static let maxPages = ConnectorOption(
        "max_pages", .integer(1...1_000_000), default: String(OAIPMHConnector.defaultPageCap),
        doc: "ListRecords pages read at most")
    /// Whether to ask `Identify` for the date granularity first.
    static let identify = ConnectorOption(
        "identify", .bool, default: "true", doc: "ask Identify for the date granularity (false: send days)")

    /// Every option, in the order the README lists them.
    static let all = [set, maxPages, identify]
}
