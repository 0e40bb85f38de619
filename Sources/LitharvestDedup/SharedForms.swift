/// Keeps one array per distinct comparison form among the fingerprints of a run of records: a million
/// records name a few thousand journals, volumes, issues and surnames, and every form would
/// otherwise be an allocation of its own. Sharing changes no value (arrays are values), only the memory.
struct SharedForms {
    private var forms: Set<Form> = []
    private var journals: Set<[[[UInt8]]]> = []

    /// Takes `fingerprint`'s volume, issue, surnames and journal names from earlier fingerprints
    /// where equal, and trims the spare room its own title and author forms were built with.
    mutating func share(_ fingerprint: inout Fingerprint) {
        fingerprint.volume = share(fingerprint.volume)
        fingerprint.issue = share(fingerprint.issue)
        for index in fingerprint.authors.indices {
            fingerprint.authors[index].surname = share(fingerprint.authors[index].surname)
            fingerprint.authors[index].core = share(fingerprint.authors[index].core)
        }
        if !fingerprint.journals.isEmpty {
            fingerprint.journals = journals.insert(fingerprint.journals).memberAfterInsert
        }
        for index in fingerprint.titles.indices {
            fingerprint.titles[index] = Self.trimmed(fingerprint.titles[index])
        }
        fingerprint.authors = Self.trimmed(fingerprint.authors)
    }

    /// `array` in a buffer of its size when it has spare room worth an allocation granule (a folded title is
    /// shorter than the room reserved for it; a list grown by appending has up to twice the room it needs).
    private static func trimmed<Element>(_ array: [Element]) -> [Element] {
        guard (array.capacity - array.count) * MemoryLayout<Element>.stride >= 16 else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: array)
        }
    }

    private mutating func share(_ bytes: [UInt8]) -> [UInt8] {
        bytes.isEmpty ? bytes : forms.insert(Form(bytes: bytes)).memberAfterInsert.bytes
    }

    /// A form hashed as one run of bytes (an array hashes byte by byte).
    private struct Form: Hashable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
