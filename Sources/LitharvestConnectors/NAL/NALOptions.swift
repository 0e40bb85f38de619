import LitharvestCore

/// The options the National Assembly Library connector takes under `databases: nal: options:`.
enum NALOptions {
    /// The material type; with it the `/detail` service runs, which takes year limits.
    static let materialType = ConnectorOption(
        "material_type", .text, doc: "the material type (e.g. 국내기사, 학위논문); needed for year limits")
    /// Lines per request (raised automatically when a result needs more than 99 pages).
    static let pageSize = ConnectorOption.pageSize(
        in: 1...NALConnector.maxPageSize, default: NALConnector.defaultPageSize, doc: "lines per request")
    /// Retries of the data.go.kr gateway's own failures.
    static let gatewayRetries = ConnectorOption(
        "gateway_retries", .integer(0...10), default: "3", doc: "retries of gateway failures sent with HTTP 200")
    /// Seconds before such a retry.
    static let retryDelay = ConnectorOption(
        "retry_delay", .number(0...600), default: "2", doc: "seconds before a gateway retry")

    /// Every option, in the order the README lists them.
    static let all = [materialType, pageSize, gatewayRetries, retryDelay]
}
