/// Byte searches eight bytes a step, for the hot loops of the JSON-lines reader (line breaks, the ends of
/// strings). Each mask has the high bit of a byte set where that byte matches, and nothing else, so the
/// lowest set bit gives the first match.
enum ByteScan {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Bytes of `word` that are zero. Exact: no carry crosses a byte, as `(b & 0x7F) + 0x7F` stays below 0x100.
    @inline(__always) static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word | lowBits)
    }

    /// Bytes of `word` equal to `byte`.
    @inline(__always) static func bytes(_ byte: UInt8, in word: UInt64) -> UInt64 {
        zeroBytes(word ^ (UInt64(byte) &* 0x0101_0101_0101_0101))
    }

    /// Bytes of `word` below `bound` (at most 0x80): `(b & 0x7F) + (0x80 - bound)` reaches the high bit
    /// exactly when `b & 0x7F` is at least `bound`.
    @inline(__always) static func bytes(below bound: UInt8, in word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ UInt64(0x80 - bound) &* 0x0101_0101_0101_0101) | word) & highBits
    }

    /// Bytes of `word` with the high bit set (not ASCII).
    @inline(__always) static func nonASCII(in word: UInt64) -> UInt64 {
        word & highBits
    }

    /// The eight bytes at `offset` as one word, first byte lowest.
    @inline(__always) static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self))
    }

    /// Index of the first `byte` in `bytes` from `start` on, or `bytes.count`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count {
            let found = Self.bytes(byte, in: word(bytes, at: index))
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count && bytes[index] != byte { index += 1 }
        return index
    }

    /// How many times `byte` occurs in `bytes`.
    static func count(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            count += Self.bytes(byte, in: word(bytes, at: index)).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == byte { count += 1 }
            index += 1
        }
        return count
    }
}
