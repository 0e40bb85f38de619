/// An ISSN with the medium it belongs to.
public struct ISSN: Sendable, Hashable, Codable {
    /// Which ISSN this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case print, electronic, linking, unknown
    }

    /// `1234-5678`.
    public var value: String
    /// Print, electronic or linking.
    public var kind: Kind

    /// Creates an ISSN.
    public init(_ value: String, kind: Kind = .unknown) {
        self.value = value
        self.kind = kind
    }
}

/// Any other identifier a source gives, with its scheme (`pii`, `bookaccession`, `embase`, `cochrane`, …).
public struct RecordIdentifier: Sendable, Hashable, Codable {
    /// Lower-case scheme name.
    public var scheme: String
    /// The identifier as given.
    public var value: String

    /// Creates an identifier.
    public init(scheme: String, value: String) {
        self.scheme = scheme
        self.value = value
    }
}
