/// A controlled-vocabulary heading (MeSH descriptor and the like) with its qualifiers.
public struct SubjectTerm: Sendable, Hashable, Codable {
    /// The descriptor.
    public var term: String
    /// The vocabulary's id for it (MeSH `D012345`), when given.
    public var identifier: String?
    /// Whether the descriptor itself is a major topic.
    public var isMajor: Bool
    /// Qualifiers (subheadings).
    public var qualifiers: [Qualifier]
    /// The vocabulary (`MeSH`, `KoreaMed`, …).
    public var scheme: String?

    /// A qualifier of a heading.
    public struct Qualifier: Sendable, Hashable, Codable {
        /// The qualifier name.
        public var name: String
        /// The vocabulary's id for it.
        public var identifier: String?
        /// Whether the heading/qualifier pair is a major topic.
        public var isMajor: Bool

        /// Creates a qualifier.
        public init(name: String, identifier: String? = nil, isMajor: Bool = false) {
            self.name = name
            self.identifier = identifier
            self.isMajor = isMajor
        }
    }

    /// Creates a heading.
    public init(
        term: String, identifier: String? = nil, isMajor: Bool = false, qualifiers: [Qualifier] = [],
        scheme: String? = nil
    ) {
        self.term = term
        self.identifier = identifier
        self.isMajor = isMajor
        self.qualifiers = qualifiers
        self.scheme = scheme
    }
}
