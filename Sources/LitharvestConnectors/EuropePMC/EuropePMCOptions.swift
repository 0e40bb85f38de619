import LitharvestCore

/// The options the EuropePMC connector takes under `databases: europepmc: options:`. The review config is checked
/// against them when it is loaded: an unknown name, a wrong type or a value out of range is an error there.
///
/// TODO: declare each option the database needs, for example
/// `static let pageSize = ConnectorOption("page_size", .integer(1...100), default: "50", doc: "records per request")`,
/// read it in the search with `context.settings.integer(EuropePMCOptions.pageSize)`, list it in `all` and in
/// the connector's row of the README's database table (ConnectorConformanceTests compares the two).
enum EuropePMCOptions {
    /// Every option, in the order the README lists them.
    static let all: [ConnectorOption] = []
}
