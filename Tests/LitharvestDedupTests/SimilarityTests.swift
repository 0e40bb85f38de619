import LitharvestModel
import LitharvestTesting
import Testing

@testable import LitharvestDedup

/// The fast parts of clustering against their plain definitions: the bit-vector edit distance against the
/// full edit table, the radix sort against a stable comparison sort, shared fingerprints against fresh ones.
@Suite("Dedup building blocks")
struct SimilarityTests {
    /// Levenshtein distance by the whole edit table.
    private func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for j in b.indices {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Pairs of byte strings: related by a few edits, or unrelated; lengths around one and two machine words
    /// and beyond; a small alphabet (many matches) or title-like bytes with UTF-8 lead and trail bytes.
    private func pairs(count: Int) -> [([UInt8], [UInt8])] {
        var random = SplitMix64(seed: 7)
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8) + [0xEA, 0xB0, 0x80]]
        return (0..<count).map { index in
            let alphabet = alphabets[index % 2]
            let length = [0, 1, 5, 63, 64, 65, 127, 128, 129, 140, 200][index % 11] + Int(random.next() % 3)
            let a = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            guard index % 5 != 0 else {
                return (a, (0..<Int(random.next() % 150)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            }
            var b = a
            for _ in 0..<Int(random.next() % UInt64(max(1, length / 4) + 1)) {
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0: b.insert(byte, at: Int(random.next() % UInt64(b.count + 1)))
                case 1 where !b.isEmpty: b.remove(at: Int(random.next() % UInt64(b.count)))
                default: if !b.isEmpty { b[Int(random.next() % UInt64(b.count))] = byte }
                }
            }
            return (a, b)
        }
    }

    @Test func boundedDistanceIsTheEditDistanceWithinTheLimit() {
        for (a, b) in pairs(count: 1_500) {
            let exact = distance(a, b)
            for limit in Set([0, 1, exact - 1, exact, exact + 1, exact / 2, 40]) where limit >= 0 {
                let bounded = Similarity.boundedDistance(a, b, limit: limit)
                #expect(bounded == (exact <= limit ? exact : nil), "\(a) \(b) limit \(limit)")
                if bounded != (exact <= limit ? exact : nil) { return }
            }
        }
    }

    @Test func ratioIsOneMinusRelativeDistanceAboveTheMinimum() {
        for (a, b) in pairs(count: 1_500) {
            let longer = max(a.count, b.count)
            let minimum = 0.85
            var expected = 0.0
            if a == b {
                expected = a.isEmpty ? 0 : 1
            } else if longer > 0 {
                let exact = distance(a, b)
                expected = exact <= Int((1 - minimum) * Double(longer)) ? 1 - Double(exact) / Double(longer) : 0
            }
            #expect(Similarity.ratio(a, b, minimum: minimum) == expected, "\(a) \(b)")
        }
    }

    @Test func radixSortIsAStableSortByKey() {
        var random = SplitMix64(seed: 11)
        for count in [0, 1, 2, 100, 70_000] {
            for spread in [UInt64(4), 1 << 20, .max] {
                let keys = (0..<count).map { _ in random.next() % spread }
                var entries = keys.enumerated().map { Deduplicator.BlockingEntry(key: $0.element, record: Int32($0.offset)) }
                RadixSort.sort(&entries, by: \.key)
                let expected = keys.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
                #expect(entries.map(\.key) == expected.map(\.element), "count \(count) spread \(spread)")
                #expect(entries.map { Int($0.record) } == expected.map(\.offset), "count \(count) spread \(spread)")
                var plain = keys
                RadixSort.sort(&plain, by: { $0 })
                #expect(plain == keys.sorted())
            }
        }
    }

    @Test func sharedFingerprintsEqualFreshOnes() {
        let journals = ["Journal of Pain Research", "Pain", nil, "The Korean Journal of Pain"]
        let records = (0..<3_000).map { index in
            article(
                "\(index)", title: "Study number \(index / 3) of intramuscular stimulation in chronic pain",
                authors: [("Lee", "Sang"), ("Park\(index % 7)", "J"), ("Rhee", "S")], journal: journals[index % 4],
                year: 2000 + index % 20, volume: "\(index % 30)", issue: index % 5 == 0 ? nil : "\(index % 4)",
                pages: "\(index % 50 + 1)-\(index % 50 + 9)", doi: index % 3 == 0 ? "10.1/\(index)" : nil)
        }
        let shared = Deduplicator.fingerprints(records)
        for (record, fingerprint) in zip(records, shared) {
            let fresh = Fingerprint(record)
            #expect(fingerprint.titles == fresh.titles)
            #expect(fingerprint.year == fresh.year)
            #expect(fingerprint.authors == fresh.authors)
            #expect(fingerprint.journals == fresh.journals)
            #expect(fingerprint.volume == fresh.volume)
            #expect(fingerprint.issue == fresh.issue)
            #expect(fingerprint.pages == fresh.pages)
            #expect(fingerprint.doi == fresh.doi)
            #expect(fingerprint.pmid == fresh.pmid)
            #expect(Set(fingerprint.identifiers) == Set(fresh.identifiers))
        }
        // Equal forms are one array: records 0 and 30 have volume "0" and the same surname "lee".
        #expect(shared[0].volume.withUnsafeBufferPointer(\.baseAddress) == shared[30].volume.withUnsafeBufferPointer(\.baseAddress))
        #expect(
            shared[0].authors[0].surname.withUnsafeBufferPointer(\.baseAddress)
                == shared[30].authors[0].surname.withUnsafeBufferPointer(\.baseAddress))
    }
}
