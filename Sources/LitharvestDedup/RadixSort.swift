/// Stable least-significant-digit radix sort by a 64-bit key, 16 bits a pass: linear in the number of
/// elements, where a comparison sort of millions of blocking entries and pair codes dominated clustering.
enum RadixSort {
    private static let digitBits = 16
    private static let digits = 64 / digitBits
    private static let buckets = 1 << digitBits

    /// Sorts `elements` by `key`, keeping the order of equal keys. Passes in which every key has the same
    /// digit (the high bits of small numbers) are skipped.
    static func sort<Element: BitwiseCopyable>(_ elements: inout [Element], by key: (Element) -> UInt64) {
        let count = elements.count
        guard count > 1 else { return }
        // One reading pass counts the digits of every pass.
        var counts = [Int](repeating: 0, count: digits * buckets)
        for element in elements {
            let value = key(element)
            for digit in 0..<digits {
                counts[digit * buckets + Int(truncatingIfNeeded: value >> UInt64(digit * digitBits)) & (buckets - 1)] += 1
            }
        }
        var scratch = [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        var sortedInScratch = false
        for digit in 0..<digits {
            let shift = UInt64(digit * digitBits)
            let first = Int(truncatingIfNeeded: key(sortedInScratch ? scratch[0] : elements[0]) >> shift) & (buckets - 1)
            if counts[digit * buckets + first] == count { continue }
            // Bucket starts, then a stable scatter from one array into the other.
            var offsets = [Int](repeating: 0, count: buckets)
            var total = 0
            for bucket in 0..<buckets {
                offsets[bucket] = total
                total += counts[digit * buckets + bucket]
            }
            func scatter(_ source: UnsafeMutableBufferPointer<Element>, _ target: UnsafeMutableBufferPointer<Element>) {
                for element in source {
                    let bucket = Int(truncatingIfNeeded: key(element) >> shift) & (buckets - 1)
                    target[offsets[bucket]] = element
                    offsets[bucket] += 1
                }
            }
            elements.withUnsafeMutableBufferPointer { elements in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    if sortedInScratch { scatter(scratch, elements) } else { scatter(elements, scratch) }
                }
            }
            sortedInScratch.toggle()
        }
        if sortedInScratch { swap(&elements, &scratch) }
    }
}
