import LitharvestCore

/// The options an HTTP connector declared in a spec file takes under `databases: ID: options:`.
enum DeclarativeOptions {
    /// Records per request (`{page_size}`), defaulting to the spec's `paging: page_size`.
    static func pageSize(default value: Int) -> ConnectorOption {
        .pageSize(in: 1...10_000, default: value, doc: "records per request (`{page_size}`)")
    }

    /// Every option of a spec whose paging takes `pageSize` records a request.
    static func all(pageSize: Int) -> [ConnectorOption] {
        [Self.pageSize(default: pageSize)]
    }
}
