/// Edit-distance similarity of comparison forms.
enum Similarity {
    /// 1 − (Levenshtein distance ÷ longer length), or 0 when the distance exceeds `1 − minimum` of the
    /// longer length (computed in a band, so long dissimilar titles cost little).
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
    /// far cheaper than the distance itself and enough to reject most candidate pairs.
    static func histogramBound(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var counts = [Int32](repeating: 0, count: 64)
        for byte in a { counts[Int(byte & 63)] += 1 }
        for byte in b { counts[Int(byte & 63)] -= 1 }
        var positive = 0
        var negative = 0
        for count in counts { if count > 0 { positive += Int(count) } else { negative -= Int(count) } }
        return max(positive, negative)
    }

    /// Levenshtein distance if it is at most `limit`, else nil (Ukkonen's band).
    static func boundedDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 { return max(n, m) <= limit ? max(n, m) : nil }
        let big = limit + 1
        var previous = [Int](repeating: big, count: m + 1)
        var current = [Int](repeating: big, count: m + 1)
        for j in 0...min(m, limit) { previous[j] = j }
        for i in 1...n {
            let low = max(1, i - limit)
            let high = min(m, i + limit)
            if low > high { return nil }
            current[low - 1] = low - 1 == 0 && i <= limit ? i : big
            var rowMinimum = current[low - 1]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = previous[j - 1] + cost
                if previous[j] + 1 < value { value = previous[j] + 1 }
                if current[j - 1] + 1 < value { value = current[j - 1] + 1 }
                current[j] = min(value, big)
                if value < rowMinimum { rowMinimum = value }
            }
            if high < m { current[high + 1] = big }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[m] <= limit ? previous[m] : nil
    }
}
