import Dispatch
public import LitharvestCore

/// Groups records into clusters of the same study.
///
/// Candidate pairs come from blocking keys (shared identifiers, the whole title form, its first and last 24
/// letters, for either language's title, and the year, volume and page range), so the work grows with the number of records, not its square; each
/// candidate pair is then judged by ``MatchRules``. People's decisions on earlier "maybe" pairs override the
/// rules both ways.
public struct Deduplicator: Sendable {
    /// Decisions taken in review, respected on every run.
    public var decisions: [PairDecision]

    /// A one-line description of the method, for PRISMA-S item 16.
    public static let methodDescription =
        "litharvest dedup \(version): identifier-first (DOI, PMID, PMCID, database cross-references, each "
        + "checked against title and year), then title similarity (NFKC, case/accent folded, markup, language "
        + "notes and erratum labels removed; either-language titles) with authors, year ±1, journal, volume, "
        + "issue and page range; uncertain pairs left for human review"

    /// Version of the matching rules, stored with results so a change of rules is visible.
    public static let version = "2"

    /// Creates a deduplicator respecting `decisions`.
    public init(decisions: [PairDecision] = []) {
        self.decisions = decisions
    }

    /// Clusters `records`; every record is in exactly one cluster (most in a cluster of their own).
    public func cluster(_ records: [Record]) -> DedupResult {
        let fingerprints = Self.fingerprints(records)
        let candidates = Self.candidatePairs(fingerprints)
        let verdicts = Self.judge(candidates, fingerprints)
        var sets = DisjointSets(count: records.count)
        var maybes: [MaybePair] = []
        let decided = decisionIndex(records)
        for (pair, verdict) in zip(candidates, verdicts) {
            let first = Int(pair >> 32)
            let second = Int(pair & 0xFFFF_FFFF)
            if let same = decided[pair] {
                if same { sets.union(first, second) }
                continue
            }
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

    static func fingerprints(_ records: [Record]) -> [Fingerprint] {
        parallelMap(records.count) { Fingerprint(records[$0]) }
    }

    /// Blocks larger than this are compared only between near neighbours, so a very common title
    /// (`Editorial`) cannot make the run quadratic.
    static let largestBlock = 64
    static let prefixLength = 24

    static func candidatePairs(_ fingerprints: [Fingerprint]) -> [UInt64] {
        var entries: [(key: UInt64, record: Int32)] = []
        entries.reserveCapacity(fingerprints.count * 6)
        for (index, fingerprint) in fingerprints.enumerated() {
            let record = Int32(index)
            for identifier in fingerprint.identifiers { entries.append((identifier, record)) }
            if let span = spanKey(fingerprint) { entries.append((span, record)) }
            for title in fingerprint.titles {
                entries.append((StableHash.of(title, seed: 2), record))
                if title.count > prefixLength {
                    entries.append((StableHash.of(title.prefix(prefixLength), seed: 3), record))
                    entries.append((StableHash.of(title.suffix(prefixLength), seed: 4), record))
                }
            }
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.record < $1.record }
        var pairs: [UInt64] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            let size = end - start
            if size > 1 {
                let reach = size <= largestBlock ? size : 8
                for i in start..<end {
                    for j in (i + 1)..<min(end, i + reach) where entries[i].record != entries[j].record {
                        pairs.append(pairCode(Int(entries[i].record), Int(entries[j].record)))
                    }
                }
            }
            start = end
        }
        pairs.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where unique.last != pair { unique.append(pair) }
        return unique
    }

    /// A key for year, volume and a page range of several pages: one article's place in a journal, so records
    /// whose titles the databases wrote differently (a translation) still meet.
    static func spanKey(_ fingerprint: Fingerprint) -> UInt64? {
        guard let year = fingerprint.year, !fingerprint.volume.isEmpty, let pages = fingerprint.pages,
            pages.last > pages.first
        else { return nil }
        var bytes = fingerprint.volume
        for number in [year, pages.first, pages.last] {
            bytes.append(0x2F)
            bytes.append(contentsOf: String(number).utf8)
        }
        return StableHash.of(bytes, seed: 5)
    }

    static func judge(_ pairs: [UInt64], _ fingerprints: [Fingerprint]) -> [MatchRules.Verdict] {
        parallelMap(pairs.count) { index in
            let pair = pairs[index]
            return MatchRules.judge(fingerprints[Int(pair >> 32)], fingerprints[Int(pair & 0xFFFF_FFFF)])
        }
    }
}

/// `(0..<count).map(transform)` spread over the cores in contiguous chunks.
func parallelMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 2_000 else { return (0..<count).map(transform) }
    let chunks = 64
    let chunkSize = (count + chunks - 1) / chunks
    var parts = [[T]](repeating: [], count: chunks)
    parts.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
            output[chunk] = range.isEmpty ? [] : range.map(transform)
        }
    }
    return parts.flatMap { $0 }
}
