import LitharvestCore

/// The options the ScienceON connector takes under `databases: scienceon: options:`.
enum ScienceONOptions {
    /// The registered MAC address (also `SCIENCEON_MAC_ADDRESS`).
    static let macAddress = ConnectorOption(
        "mac_address", .text, doc: "the MAC address registered with the key (or SCIENCEON_MAC_ADDRESS)")
    /// Articles or reports.
    static let target = ConnectorOption(
        "target", .choice(["ARTI", "REPORT", "articles", "article", "reports"]), default: "ARTI", doc: "ARTI (articles) or REPORT (reports)")
    /// Records per request.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...100, default: ScienceONConnector.defaultPageSize, doc: "records per request")

    /// Every option, in the order the README lists them.
    static let all = [macAddress, target, pageSize]
}
