/// A controlled-vocabulary heading (MeSH descriptor and the like) with its qualifiers.
package struct SubjectTerm: Sendable, Hashable, Codable {
    /// The descriptor.
    package var term: String
    /// The vocabulary's id for it (MeSH `D012345`), when given.
    package var identifier: String?
    /// Whether the descriptor itself is a major topic.
    package var isMajor: Bool
    /// Qualifiers (subheadings).
    package var qualifiers: [Qualifier]
    /// The vocabulary (`MeSH`, `KoreaMed`, …).
    package var scheme: String?

    /// A qualifier of a heading.
    package struct Qualifier: Sendable, Hashable, Codable {
        /// The qualifier name.
        package var name: String
        /// The vocabulary's id for it.
        package var identifier: String?
        /// Whether the heading/qualifier pair is a major topic.
        package var isMajor: Bool

        /// Creates a qualifier.
        package init(name: String, identifier: String? = nil, isMajor: Bool = false) {
            self.name = name
            self.identifier = identifier
            self.isMajor = isMajor
        }
    }

    /// Creates a heading.
    package init(
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
