import LitharvestCore

/// The options the RISS web connector takes under `databases: riss: options:`.
enum RISSWebOptions {
    /// `colName`: the kind of material searched.
    static let material = ConnectorOption(
        "material", .choice(RISSWebConnector.materialTypes.keys.sorted()), default: RISSWebConnector.defaultMaterial,
        doc: "the material searched (`colName`)")
    /// Results per result page.
    static let pageSize = ConnectorOption.pageSize(
        in: 1...1_000, default: RISSWebConnector.defaultPageSize, doc: "results per result page")

    /// Every option, in the order the README lists them.
    static let all = [material, pageSize]
}
