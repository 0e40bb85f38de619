/// The `<header>` of one OAI-PMH record: what the repository says about the record itself.
public struct OAIRecordHeader: Sendable, Hashable {
    /// The OAI identifier (`oai:kci.go.kr:ARTI/914`).
    public var identifier: String
    /// When the record was added or last changed, in the repository's granularity.
    public var datestamp: String?
    /// The sets the record belongs to.
    public var setSpecs: [String]
    /// Whether the header carries `status="deleted"` (the record was withdrawn; no metadata follows).
    public var isDeleted: Bool

    /// Creates a header.
    public init(identifier: String, datestamp: String? = nil, setSpecs: [String] = [], isDeleted: Bool = false) {
        self.identifier = identifier
        self.datestamp = datestamp
        self.setSpecs = setSpecs
        self.isDeleted = isDeleted
    }
}
