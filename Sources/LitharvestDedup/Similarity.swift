/// Edit-distance similarity of comparison forms.
enum Similarity {
    /// 1 − (Levenshtein distance ÷ longer length), or 0 when the distance exceeds `1 − minimum` of the
    /// longer length (cheap lower bounds reject most dissimilar pairs before the distance is computed).
    static func ratio(_ a: [UInt8], _ b: [UInt8], minimum: Double) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        let longer = max(a.count, b.count)
        guard longer > 0 else { return 0 }
        let limit = Int((1 - minimum) * Double(longer))
        guard abs(a.count - b.count) <= limit, histogramBound(a, b) <= limit else { return 0 }
        guard let distance = boundedDistance(a, b, limit: limit) else { return 0 }
        return 1 - Double(distance) / Double(longer)
    }

    /// A lower bound of the edit distance from byte counts (each edit changes at most two counts by one),
    /// far cheaper than the distance itself and enough to reject many candidate pairs.
    static func histogramBound(_ a: [UInt8], _ b: [UInt8]) -> Int {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { counts in
            counts.initialize(repeating: 0)
            for byte in a { counts[Int(byte & 63)] += 1 }
            for byte in b { counts[Int(byte & 63)] -= 1 }
            var positive = 0
            var negative = 0
            for count in counts { if count > 0 { positive += Int(count) } else { negative -= Int(count) } }
            return max(positive, negative)
        }
    }

    /// Levenshtein distance if it is at most `limit`, else nil.
    ///
    /// Computed exactly, with Myers' bit-vector algorithm (one machine word holds 64 cells of a column of the
    /// edit table, so a pair of 140-byte titles takes a few hundred word operations instead of thousands of
    /// cell updates); it gives up once the remaining text cannot bring the distance back within `limit`.
    static func boundedDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty {
            let distance = max(a.count, b.count)
            return distance <= limit ? distance : nil
        }
        // The shorter string is the bit-vector pattern: fewer words per column.
        let (pattern, text) = a.count <= b.count ? (a, b) : (b, a)
        return pattern.withUnsafeBufferPointer { pattern in
            text.withUnsafeBufferPointer { text in distance(pattern, text, limit: limit) }
        }
    }

    /// `boundedDistance` for a non-empty `pattern` no longer than `text`.
    private static func distance(
        _ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, limit: Int
    ) -> Int? {
        let words = (pattern.count + 63) / 64
        // Per byte value, a bit per pattern position holding that byte; then the column's vertical deltas
        // (positive and negative bits, in the terms of Myers 1999).
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 258 * words) { buffer in
            buffer.initialize(repeating: 0)
            guard let matches = buffer.baseAddress else { return nil }
            let positive = matches + 256 * words
            let negative = positive + words
            for (position, byte) in pattern.enumerated() {
                matches[Int(byte) * words + position >> 6] |= 1 << UInt64(position & 63)
            }
            for word in 0..<words { positive[word] = ~0 }
            // The pattern's last position, within the last word: the distance is read there.
            let lastBit: UInt64 = 1 << UInt64((pattern.count - 1) & 63)
            var distance = pattern.count
            for (column, byte) in text.enumerated() {
                let row = matches + Int(byte) * words
                // The edit table's first row grows by one per text byte (a global alignment, not a search).
                var carry = 1
                for word in 0..<words {
                    var equal = row[word]
                    let up = positive[word]
                    let down = negative[word]
                    let vertical = equal | down
                    if carry < 0 { equal |= 1 }
                    let horizontal = (((equal & up) &+ up) ^ up) | equal
                    var horizontalUp = down | ~(horizontal | up)
                    var horizontalDown = up & horizontal
                    let top: UInt64 = word == words - 1 ? lastBit : 1 << 63
                    let out = horizontalUp & top != 0 ? 1 : horizontalDown & top != 0 ? -1 : 0
                    horizontalUp <<= 1
                    horizontalDown <<= 1
                    if carry < 0 { horizontalDown |= 1 } else if carry > 0 { horizontalUp |= 1 }
                    positive[word] = horizontalDown | ~(vertical | horizontalUp)
                    negative[word] = horizontalUp & vertical
                    carry = out
                }
                distance += carry
                // Each remaining text byte lowers the distance by at most one.
                if distance - (text.count - column - 1) > limit { return nil }
            }
            return distance <= limit ? distance : nil
        }
    }
}
