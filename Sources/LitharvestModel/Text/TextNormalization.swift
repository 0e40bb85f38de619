/// Whitespace handling on UTF-8 bytes: extraction runs on every field of millions of records,
/// so it avoids per-scalar `String` work.
package enum TextNormalization {
    /// Length of the Unicode `White_Space` character starting at `index`, or 0 if there is none.
    @inline(__always)
    package static func whitespaceLength<C: RandomAccessCollection<UInt8>>(_ bytes: C, at index: C.Index) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            return (byte == 0x20 || (0x09...0x0D).contains(byte)) ? 1 : 0
        }
        func at(_ offset: Int) -> UInt8? {
            bytes.distance(from: index, to: bytes.endIndex) > offset ? bytes[bytes.index(index, offsetBy: offset)] : nil
        }
        switch byte {
        case 0xC2:  // U+0085, U+00A0
            let next = at(1)
            return next == 0x85 || next == 0xA0 ? 2 : 0
        case 0xE1:  // U+1680
            return at(1) == 0x9A && at(2) == 0x80 ? 3 : 0
        case 0xE2:  // U+2000...U+200A, U+2028, U+2029, U+202F, U+205F
            guard let second = at(1), let third = at(2) else { return 0 }
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:  // U+3000
            return at(1) == 0x80 && at(2) == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Collapses each whitespace run into one space and trims both ends.
    package static func collapse<C: RandomAccessCollection<UInt8>>(_ bytes: C) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let length = whitespaceLength(bytes, at: index)
            if length > 0 {
                pendingSpace = !output.isEmpty
                index = bytes.index(index, offsetBy: length)
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(bytes[index])
                index = bytes.index(after: index)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension String {
    /// Collapses every run of Unicode whitespace into one space and trims both ends (works on UTF-8 bytes,
    /// many times faster than per-scalar property checks).
    package func collapsingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { TextNormalization.collapse($0) }
    }

    /// Trims Unicode whitespace from both ends.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
