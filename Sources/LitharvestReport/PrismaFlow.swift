package import LitharvestModel

/// The numbers of the identification stage of a PRISMA 2020 flow diagram for one run: records identified
/// per database and register, duplicates removed, records to screen, and for an update the previous version.
///
/// Only what litharvest knows is filled. Counts it cannot know (duplicates, when no deduplication ran) are
/// `nil` and shown as "not determined", never guessed; the later stages are left for the review team.
package struct PrismaFlow: Sendable, Encodable, Equatable {
    /// Whether a source is a bibliographic database or a study register (PRISMA counts them apart).
    package enum SourceKind: String, Sendable, Encodable, Equatable {
        /// A bibliographic database.
        case database
        /// A study register (trial registry).
        case register
    }

    /// One source's records identified in the run.
    package struct Source: Sendable, Encodable, Equatable {
        /// Connector id.
        package var database: String
        /// Human name, e.g. "MEDLINE/PubMed".
        package var name: String
        /// Database or register.
        package var kind: SourceKind
        /// Records identified (retrieved) in this run, over all searches.
        package var identified: Int
        /// Why some search of this source did not end `ok` (partial, failed, skipped), if any did not.
        package var note: String?

        /// Creates a source.
        package init(database: String, name: String, kind: SourceKind = .database, identified: Int, note: String? = nil) {
            self.database = database
            self.name = name
            self.kind = kind
            self.identified = identified
            self.note = note
        }
    }

    /// The previous version of the review, for an update.
    package struct PreviousVersion: Sendable, Encodable, Equatable {
        /// The earlier runs that make up the previous version.
        package var runs: [Int64]
        /// Unique records the previous version's searches found.
        package var records: Int

        /// Creates the previous version.
        package init(runs: [Int64], records: Int) {
            self.runs = runs
            self.records = records
        }
    }

    /// The review's name.
    package var review: String
    /// The run's number in the store.
    package var run: Int64
    /// When the run started (UTC, ISO 8601).
    package var searchedAt: String
    /// Per source, in the run's order.
    package var sources: [Source]
    /// Records identified from all sources.
    package var identified: Int
    /// Duplicates removed; `nil` when no deduplication ran (not determined).
    package var duplicatesRemoved: Int?
    /// Unique records of the run (identified − duplicates); `nil` when not determined.
    package var unique: Int?
    /// Records removed before screening because an earlier run already returned them: with deduplication,
    /// unique records the previous version had; without it, records retrieved again (seen in an earlier run or
    /// returned by two searches of one database). Zero for a first run without repeats.
    package var seenBefore: Int
    /// Records to screen in this run (first seen in it).
    package var screened: Int
    /// The previous version, for an update.
    package var previous: PreviousVersion?
    /// How duplicates were handled, in a sentence.
    package var deduplication: String

    /// Records identified from databases.
    package var identifiedFromDatabases: Int { sources.filter { $0.kind == .database }.reduce(0) { $0 + $1.identified } }
    /// Records identified from registers.
    package var identifiedFromRegisters: Int { sources.filter { $0.kind == .register }.reduce(0) { $0 + $1.identified } }
    /// Whether this run updates an earlier version (the diagram then has the previous-version column).
    package var isUpdate: Bool { previous != nil }

    /// Builds the flow from a run's job reports and the store's counts, before any deduplication: duplicates
    /// are not determined, and the records to screen are those first seen in the run.
    ///
    /// - Parameters:
    ///   - reports: the run's job reports (identified = records retrieved, summed per database).
    ///   - newRecords: records first seen in the run (the store's new records).
    ///   - previous: the previous version, when earlier runs exist.
    ///   - labels: names the databases.
    ///   - registers: connector ids that are study registers.
    /// - Throws: ``PrismaFlowError`` when the counts contradict each other.
    package init(
        review: String, run: Int64, searchedAt: String, reports: [JobReport], newRecords: Int,
        previous: PreviousVersion?, labels: DatabaseLabels, registers: Set<String> = []
    ) throws(PrismaFlowError) {
        let sources = Self.sources(reports: reports, counts: nil, labels: labels, registers: registers)
        let identified = sources.reduce(0) { $0 + $1.identified }
        guard newRecords >= 0, newRecords <= identified else {
            throw PrismaFlowError(
                run: run, message: "\(newRecords) records first seen in the run but only \(identified) identified")
        }
        try self.init(
            review: review, run: run, searchedAt: searchedAt, sources: sources, identified: identified,
            duplicatesRemoved: nil, unique: nil, seenBefore: identified - newRecords, screened: newRecords,
            previous: previous,
            deduplication: "Records are kept once per database and native id; cross-database duplicates were not "
                + "determined (no deduplication ran for this run).")
    }

    /// Builds the flow from a deduplication pass of the run.
    ///
    /// - Parameters:
    ///   - reports: the run's job reports (they give the sources, their order and their notes).
    ///   - dedup: the deduplication counts; its per-database counts are the identified numbers.
    ///   - previousRuns: the earlier runs of the previous version (empty for a first run); when there are any,
    ///     `dedup.previousUnique` must be given.
    /// - Throws: ``PrismaFlowError`` when identified − duplicates ≠ unique, the per-database counts do not add
    ///   up, or more records are new than unique.
    package init(
        review: String, run: Int64, searchedAt: String, reports: [JobReport], dedup: RunDedupSummary, previousRuns: [Int64],
        labels: DatabaseLabels, registers: Set<String> = []
    ) throws(PrismaFlowError) {
        let sources = Self.sources(reports: reports, counts: dedup.identifiedPerDatabase, labels: labels, registers: registers)
        let perDatabase = sources.reduce(0) { $0 + $1.identified }
        guard perDatabase == dedup.identified else {
            throw PrismaFlowError(
                run: run, message: "records identified per database add up to \(perDatabase), not \(dedup.identified)")
        }
        guard dedup.identified - dedup.duplicatesRemoved == dedup.unique else {
            throw PrismaFlowError(
                run: run,
                message: "identified (\(dedup.identified)) − duplicates removed (\(dedup.duplicatesRemoved)) = "
                    + "\(dedup.identified - dedup.duplicatesRemoved), but \(dedup.unique) records are unique")
        }
        guard dedup.newClusters >= 0, dedup.newClusters <= dedup.unique else {
            throw PrismaFlowError(run: run, message: "\(dedup.newClusters) new records but only \(dedup.unique) unique")
        }
        // Whether this is an update follows the store's runs; the dedup pass must then count the previous version.
        var previous: PreviousVersion?
        if !previousRuns.isEmpty {
            guard let records = dedup.previousUnique else {
                throw PrismaFlowError(
                    run: run, message: "earlier runs exist but the deduplication summary has no previous-version count")
            }
            previous = PreviousVersion(runs: previousRuns, records: records)
        } else if let records = dedup.previousUnique, records > 0 {
            throw PrismaFlowError(run: run, message: "\(records) previous-version records but no earlier run")
        }
        if previous == nil && dedup.newClusters != dedup.unique {
            throw PrismaFlowError(
                run: run, message: "a first run has \(dedup.unique) unique records but \(dedup.newClusters) are new")
        }
        try self.init(
            review: review, run: run, searchedAt: searchedAt, sources: sources, identified: dedup.identified,
            duplicatesRemoved: dedup.duplicatesRemoved, unique: dedup.unique, seenBefore: dedup.unique - dedup.newClusters,
            screened: dedup.newClusters, previous: previous, deduplication: "Duplicates removed by \(dedup.method).")
    }

    /// Creates a flow from its numbers, checking that identified − duplicates − seen before = screened.
    ///
    /// - Throws: ``PrismaFlowError`` when the numbers do not add up.
    package init(
        review: String, run: Int64, searchedAt: String, sources: [Source], identified: Int, duplicatesRemoved: Int?,
        unique: Int?, seenBefore: Int, screened: Int, previous: PreviousVersion?, deduplication: String
    ) throws(PrismaFlowError) {
        if let duplicatesRemoved, let unique, identified - duplicatesRemoved != unique {
            throw PrismaFlowError(
                run: run,
                message: "identified (\(identified)) − duplicates removed (\(duplicatesRemoved)) ≠ unique (\(unique))")
        }
        let removed = (duplicatesRemoved ?? 0) + seenBefore
        guard identified - removed == screened, seenBefore >= 0, screened >= 0 else {
            throw PrismaFlowError(
                run: run,
                message: "identified (\(identified)) − duplicates (\(duplicatesRemoved.map(String.init) ?? "not determined"))"
                    + " − seen before (\(seenBefore)) ≠ screened (\(screened))")
        }
        self.review = review
        self.run = run
        self.searchedAt = searchedAt
        self.sources = sources
        self.identified = identified
        self.duplicatesRemoved = duplicatesRemoved
        self.unique = unique
        self.seenBefore = seenBefore
        self.screened = screened
        self.previous = previous
        self.deduplication = deduplication
    }

    /// One source per database, in the order the run first met it; `counts` overrides the retrieved sums.
    private static func sources(
        reports: [JobReport], counts: [String: Int]?, labels: DatabaseLabels, registers: Set<String>
    ) -> [Source] {
        var order: [String] = []
        var retrieved: [String: Int] = [:]
        var notes: [String: [String]] = [:]
        for report in reports {
            if retrieved[report.database] == nil { order.append(report.database) }
            retrieved[report.database, default: 0] += report.retrievedCount
            if report.status != .ok {
                notes[report.database, default: []].append("search \(report.search) \(report.status.rawValue)")
            }
        }
        // A database the dedup pass counted but no job report names still belongs in the diagram.
        for database in (counts ?? [:]).keys.sorted() where retrieved[database] == nil { order.append(database) }
        return order.map { database in
            Source(
                database: database, name: labels(database)?.name ?? database,
                kind: registers.contains(database) ? .register : .database,
                identified: counts.map { $0[database] ?? 0 } ?? retrieved[database] ?? 0,
                note: notes[database].map { $0.joined(separator: "; ") })
        }
    }
}
