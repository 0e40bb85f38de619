/// The `<header>` of one OAI-PMH record: what the repository says about the record itself.
package struct OAIRecordHeader: Sendable, Hashable {
    /// The OAI identifier (`oai:kci.go.kr:ARTI/914`).
    package var identifier: String
    /// When the record was added or last changed, in the repository's granularity.
    package var datestamp: String?
    /// The sets the record belongs to.
    package var setSpecs: [String]
    /// Whether the header carries `status="deleted"` (the record was withdrawn; no metadata follows).
    package var isDeleted: Bool

    /// Creates a header.
    package init(identifier: String, datestamp: String? = nil, setSpecs: [String] = [], isDeleted: Bool = false) {
        self.identifier = identifier
        self.datestamp = datestamp
        self.setSpecs = setSpecs
        self.isDeleted = isDeleted
    }
}
