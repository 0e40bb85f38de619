/// Bounds-checked little-endian reads over untrusted bytes; every read past the end throws instead of
/// trapping.
struct ByteView {
    let bytes: [UInt8]
    /// Turns a bad offset into the reader's error (which names the file or stream).
    let fail: (_ message: String, _ offset: Int) -> ExcelReadError

    var count: Int { bytes.count }

    func u8(_ offset: Int) throws(ExcelReadError) -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw fail("unexpected end of data", offset) }
        return bytes[offset]
    }

    func u16(_ offset: Int) throws(ExcelReadError) -> UInt16 {
        guard offset >= 0, offset <= bytes.count - 2 else { throw fail("unexpected end of data", offset) }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) throws(ExcelReadError) -> UInt32 {
        guard offset >= 0, offset <= bytes.count - 4 else { throw fail("unexpected end of data", offset) }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
        return value
    }

    func u64(_ offset: Int) throws(ExcelReadError) -> UInt64 {
        UInt64(try u32(offset)) | UInt64(try u32(offset + 4)) << 32
    }

    func slice(_ offset: Int, _ length: Int) throws(ExcelReadError) -> ArraySlice<UInt8> {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw fail("a \(length)-byte field runs past the end of the data", offset)
        }
        return bytes[offset..<(offset + length)]
    }
}
