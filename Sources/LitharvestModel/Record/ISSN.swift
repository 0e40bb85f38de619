/// An ISSN with the medium it belongs to.
package struct ISSN: Sendable, Hashable, Codable {
    /// Which ISSN this is.
    package enum Kind: String, Sendable, Hashable, Codable {
        case print, electronic, linking, unknown
    }

    /// `1234-5678`.
    package var value: String
    /// Print, electronic or linking.
    package var kind: Kind

    /// Creates an ISSN.
    package init(_ value: String, kind: Kind = .unknown) {
        self.value = value
        self.kind = kind
    }
}

/// Any other identifier a source gives, with its scheme (`pii`, `bookaccession`, `embase`, `cochrane`, …).
package struct RecordIdentifier: Sendable, Hashable, Codable {
    /// Lower-case scheme name.
    package var scheme: String
    /// The identifier as given.
    package var value: String

    /// Creates an identifier.
    package init(scheme: String, value: String) {
        self.scheme = scheme
        self.value = value
    }
}
