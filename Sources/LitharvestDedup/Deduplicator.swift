import Dispatch
package import LitharvestModel

/// Groups records into clusters of the same study.
///
/// Candidate pairs come from blocking keys (shared identifiers, the whole title form, its first and last 24
/// letters, for either language's title, and the year, volume and page range), so the work grows with the
/// number of records, not its square; each candidate pair is then judged by ``MatchRules``. People's decisions on earlier "maybe" pairs override the
/// rules both ways.
package struct Deduplicator: Sendable {
    /// Decisions taken in review, respected on every run.
    package var decisions: [PairDecision]

    /// A one-line description of the method, for PRISMA-S item 16.
    package static let methodDescription =
        "litharvest dedup \(version): identifier-first (DOI, PMID, PMCID, database cross-references, each "
        + "checked against title and year), then title similarity (NFKC, case/accent folded, markup, language "
        + "notes and erratum labels removed; either-language titles) with authors, year ±1, journal, volume, "
        + "issue and page range; uncertain pairs left for human review"

    /// Version of the matching rules, stored with results so a change of rules is visible.
    package static let version = "2"

    /// Creates a deduplicator respecting `decisions`.
    package init(decisions: [PairDecision] = []) {
        self.decisions = decisions
    }

    /// Clusters `records`; every record is in exactly one cluster (most in a cluster of their own).
    package func cluster(_ records: [Record]) -> DedupResult {
        let fingerprints = Self.fingerprints(records)
        let candidates = Self.candidatePairs(fingerprints)
        let verdicts = Self.judge(candidates, fingerprints)
        var sets = DisjointSets(count: records.count)
        var maybes: [MaybePair] = []
        let decided = decisionIndex(records)
        // Decided pairs follow the decision whatever the rules say: merged below if same, never if different.
        for (pair, verdict) in verdicts where decided[pair] == nil {
            let first = Int(pair >> 32)
            let second = Int(pair & 0xFFFF_FFFF)
            switch verdict {
            case .duplicate: sets.union(first, second)
            case .maybe(let reason): maybes.append(MaybePair(first: first, second: second, reason: reason))
            case .distinct: break
            }
        }
        for (pair, same) in decided where same { sets.union(Int(pair >> 32), Int(pair & 0xFFFF_FFFF)) }
        var clusterIndex = [Int](repeating: -1, count: records.count)
        var clusters: [DedupCluster] = []
        for index in records.indices {
            let root = sets.find(index)
            if clusterIndex[root] < 0 {
                clusterIndex[root] = clusters.count
                clusters.append(DedupCluster(members: [], representative: index))
            }
            clusters[clusterIndex[root]].members.append(index)
        }
        for index in clusters.indices where clusters[index].members.count > 1 {
            clusters[index].representative = Representative.choose(clusters[index].members, in: records)
        }
        let assignment = records.indices.map { clusterIndex[sets.find($0)] }
        let open = maybes.filter { assignment[$0.first] != assignment[$0.second] }
        return DedupResult(clusterOfRecord: assignment, clusters: clusters, maybePairs: open)
    }

    private func decisionIndex(_ records: [Record]) -> [UInt64: Bool] {
        guard !decisions.isEmpty else { return [:] }
        var position: [RecordKey: Int] = [:]
        for (index, record) in records.enumerated() { position[RecordKey(record)] = index }
        var index: [UInt64: Bool] = [:]
        for decision in decisions {
            guard let a = position[decision.first], let b = position[decision.second], a != b else { continue }
            index[Self.pairCode(a, b)] = decision.same
        }
        return index
    }

    static func pairCode(_ a: Int, _ b: Int) -> UInt64 {
        let (low, high) = a < b ? (a, b) : (b, a)
        return UInt64(low) << 32 | UInt64(high)
    }

    /// Every record's fingerprint; equal forms (a journal, a volume, a surname) share one array.
    static func fingerprints(_ records: [Record]) -> [Fingerprint] {
        parallelMap(records.count, state: SharedForms.init) { forms, index in
            var fingerprint = Fingerprint(records[index])
            forms.share(&fingerprint)
            return fingerprint
        }
    }

    /// Blocks larger than this are compared only between near neighbours, so a very common title
    /// (`Editorial`) cannot make the run quadratic.
    static let largestBlock = 64
    static let prefixLength = 24

    /// A record under one blocking key; twelve bytes (the key in two halves: a `UInt64` would pad the entry
    /// to sixteen), as there are millions of entries, sorted with as many again for scratch.
    struct BlockingEntry: BitwiseCopyable {
        private var keyHigh: UInt32
        private var keyLow: UInt32
        var record: Int32

        init(key: UInt64, record: Int32) {
            keyHigh = UInt32(truncatingIfNeeded: key >> 32)
            keyLow = UInt32(truncatingIfNeeded: key)
            self.record = record
        }

        var key: UInt64 { UInt64(keyHigh) << 32 | UInt64(keyLow) }
    }

    static func candidatePairs(_ fingerprints: [Fingerprint]) -> [UInt64] {
        var entries: [BlockingEntry] = []
        entries.reserveCapacity(fingerprints.count * 6)
        for (index, fingerprint) in fingerprints.enumerated() {
            let record = Int32(index)
            for identifier in fingerprint.identifiers { entries.append(BlockingEntry(key: identifier, record: record)) }
            if let span = spanKey(fingerprint) { entries.append(BlockingEntry(key: span, record: record)) }
            for title in fingerprint.titles {
                entries.append(BlockingEntry(key: StableHash.of(title, seed: 2), record: record))
                if title.count > prefixLength {
                    entries.append(BlockingEntry(key: StableHash.of(title.prefix(prefixLength), seed: 3), record: record))
                    entries.append(BlockingEntry(key: StableHash.of(title.suffix(prefixLength), seed: 4), record: record))
                }
            }
        }
        // Entries were added in record order and the sort is stable, so a block lists its records in order.
        RadixSort.sort(&entries, by: \.key)
        func forEachPair(_ body: (UInt64) -> Void) {
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end].key == entries[start].key { end += 1 }
                let size = end - start
                if size > 1 {
                    let reach = size <= largestBlock ? size : 8
                    for i in start..<end {
                        for j in (i + 1)..<min(end, i + reach) where entries[i].record != entries[j].record {
                            body(pairCode(Int(entries[i].record), Int(entries[j].record)))
                        }
                    }
                }
                start = end
            }
        }
        // Counted first, so the list of pairs is made once at its size rather than grown.
        var count = 0
        forEachPair { _ in count += 1 }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(count)
        forEachPair { pairs.append($0) }
        entries = []
        RadixSort.sort(&pairs, by: { $0 })
        // Repeats removed in place.
        var kept = 0
        for pair in pairs where kept == 0 || pairs[kept - 1] != pair {
            pairs[kept] = pair
            kept += 1
        }
        pairs.removeLast(pairs.count - kept)
        return pairs
    }

    /// A key for year, volume and a page range of several pages: one article's place in a journal, so records
    /// whose titles the databases wrote differently (a translation) still meet.
    static func spanKey(_ fingerprint: Fingerprint) -> UInt64? {
        guard let year = fingerprint.year, !fingerprint.volume.isEmpty, let pages = fingerprint.pages,
            pages.last > pages.first
        else { return nil }
        // Fixed-width numbers after the volume, so no text is built for each of a million records.
        var bytes = fingerprint.volume
        for number in [year, pages.first, pages.last] {
            withUnsafeBytes(of: UInt64(truncatingIfNeeded: number).littleEndian) { bytes.append(contentsOf: $0) }
        }
        return StableHash.of(bytes, seed: 5)
    }

    /// The verdicts on `pairs` that are not `.distinct`, each with its pair, in the order of `pairs` (most
    /// candidate pairs are distinct, and need no room).
    static func judge(_ pairs: [UInt64], _ fingerprints: [Fingerprint]) -> [(pair: UInt64, verdict: MatchRules.Verdict)] {
        parallelChunks(pairs.count, chunks: pairs.count > 2_000 ? 256 : 1) { range in
            var found: [(pair: UInt64, verdict: MatchRules.Verdict)] = []
            // Handing the rules an element of the array copies it (a retain and a release of each of its
            // forms); pairs come sorted by their first record, so that one is copied once for all its pairs.
            var firstIndex = -1
            var first: Fingerprint?
            for pair in pairs[range] {
                if Int(pair >> 32) != firstIndex {
                    firstIndex = Int(pair >> 32)
                    first = fingerprints[firstIndex]
                }
                guard let first else { continue }
                let verdict = MatchRules.judge(first, fingerprints[Int(pair & 0xFFFF_FFFF)])
                if verdict != .distinct { found.append((pair, verdict)) }
            }
            return found
        }.flatMap { $0 }
    }
}

/// `(0..<count).map(transform)` spread over the cores in contiguous chunks; each chunk starts from its own
/// fresh `state` (a cache, say), which `transform` may update.
func parallelMap<T: Sendable, State>(
    _ count: Int, state makeState: @Sendable () -> State, _ transform: @Sendable (inout State, Int) -> T
) -> [T] {
    let chunks = count > 2_000 ? 64 : 1
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        // Each chunk initializes its own elements in place, so nothing is copied afterwards.
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var state = makeState()
            for index in chunkRange(chunk, of: chunks, count: count) {
                (output.baseAddress.unsafelyUnwrapped + index).initialize(to: transform(&state, index))
            }
        }
        initialized = count
    }
}

/// `body` of each of `chunks` contiguous ranges covering `0..<count`, computed on all cores, in range order.
func parallelChunks<T: Sendable>(_ count: Int, chunks: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: chunks) { buffer, initialized in
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            (output.baseAddress.unsafelyUnwrapped + chunk).initialize(to: body(chunkRange(chunk, of: chunks, count: count)))
        }
        initialized = chunks
    }
}

/// The `chunk`-th of `chunks` contiguous ranges that together cover `0..<count`.
func chunkRange(_ chunk: Int, of chunks: Int, count: Int) -> Range<Int> {
    let size = (count + chunks - 1) / chunks
    return min(count, chunk * size)..<min(count, (chunk + 1) * size)
}
