import LitharvestCore

/// The options PubMed and PMC take under `databases: pubmed: options:` (and `pmc`).
enum EntrezOptions {
    /// Ids per EFetch request from the History server.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...10_000, default: EntrezConnector.defaultBatchSize, doc: "records per EFetch request")

    /// Every option, in the order the README lists them.
    static let all = [pageSize]
}
