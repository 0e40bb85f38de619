/// Keeps one array per distinct comparison form among the fingerprints of a run of records: a million
/// records name a few thousand journals, volumes, issues, first pages and surnames, and every form would
/// otherwise be an allocation of its own. Sharing changes no value (arrays are values), only the memory.
struct SharedForms {
    private var forms: Set<Form> = []
    private var journals: Set<[[[UInt8]]]> = []

    /// `fingerprint` with its volume, issue, first page, surnames and journal names taken from earlier
    /// fingerprints where equal.
    mutating func sharing(_ fingerprint: Fingerprint) -> Fingerprint {
        var shared = fingerprint
        shared.volume = share(shared.volume)
        shared.issue = share(shared.issue)
        shared.firstPage = share(shared.firstPage)
        for index in shared.authors.indices {
            shared.authors[index].surname = share(shared.authors[index].surname)
        }
        if !shared.journals.isEmpty {
            shared.journals = journals.insert(shared.journals).memberAfterInsert
        }
        return shared
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
