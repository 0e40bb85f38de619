/// A person or a collective (a group, consortium or committee) credited as author.
package struct Author: Sendable, Hashable, Codable {
    /// Surname, for a person.
    package var family: String?
    /// Given names, for a person.
    package var given: String?
    /// Initials as the source gives them (PubMed `Initials`).
    package var initials: String?
    /// The name of a collective author, or a personal name that could not be split.
    package var literal: String?
    /// ORCID iD, bare (`0000-0002-1825-0097`).
    package var orcid: String?
    /// Affiliations in source order.
    package var affiliations: [String]
    /// Other written forms of the name (romanisations, the other script).
    package var alternateNames: [String]
    /// The part a contributor who is not an author played, as the source names it (ScienceON's
    /// `참여연구자` participating researcher of a report); nil for an author.
    package var role: String?

    /// A person.
    package init(
        family: String?, given: String? = nil, initials: String? = nil, orcid: String? = nil,
        affiliations: [String] = [], alternateNames: [String] = []
    ) {
        self.family = family
        self.given = given
        self.initials = initials
        self.orcid = orcid
        self.affiliations = affiliations
        self.alternateNames = alternateNames
    }

    /// A collective author, or a name kept as written.
    package init(literal: String, affiliations: [String] = [], alternateNames: [String] = []) {
        self.literal = literal
        self.affiliations = affiliations
        self.alternateNames = alternateNames
    }

    /// Whether this is a collective or unsplit name.
    package var isLiteral: Bool { family == nil && literal != nil }

    /// `Family, Given` for persons, the literal name otherwise.
    package var displayName: String {
        if let family {
            if let given, !given.isEmpty { return "\(family), \(given)" }
            if let initials, !initials.isEmpty { return "\(family), \(initials)" }
            return family
        }
        return literal ?? ""
    }
}
