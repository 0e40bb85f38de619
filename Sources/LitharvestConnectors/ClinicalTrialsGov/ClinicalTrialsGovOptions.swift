import LitharvestCore

/// The options the ClinicalTrials.gov connector takes under `databases: clinicaltrials: options:`.
enum ClinicalTrialsGovOptions {
    /// Studies per request (`pageSize`; the API takes at most 1,000).
    static let pageSize = ConnectorOption.pageSize(
        in: 1...ClinicalTrialsGovConnector.maxPageSize, default: 100, doc: "studies per request (pageSize)")
    /// Which registry date the date limits select on.
    static let dateField = ConnectorOption(
        "date_field", .choice(["last_update", "first_posted"]), default: "last_update",
        doc: "what date limits filter on: last_update (LastUpdatePostDate) or first_posted (StudyFirstPostDate)")

    /// Every option, in the order the README lists them.
    static let all: [ConnectorOption] = [pageSize, dateField]
}
