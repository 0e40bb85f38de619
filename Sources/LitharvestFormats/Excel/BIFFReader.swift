import LitharvestModel

/// Reads the BIFF8 records of a `Workbook` stream: the globals (BOUNDSHEET, SST with its CONTINUE
/// records) and each worksheet's cells (LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA with its STRING,
/// BOOLERR). Formatting is ignored, so date cells come out as their serial numbers.
struct BIFFReader {
    private enum RecordType {
        static let formula: UInt16 = 0x0006
        static let eof: UInt16 = 0x000A
        static let filePass: UInt16 = 0x002F
        static let `continue`: UInt16 = 0x003C
        static let boundSheet: UInt16 = 0x0085
        static let mulRK: UInt16 = 0x00BD
        static let sst: UInt16 = 0x00FC
        static let labelSST: UInt16 = 0x00FD
        static let number: UInt16 = 0x0203
        static let label: UInt16 = 0x0204
        static let boolErr: UInt16 = 0x0205
        static let string: UInt16 = 0x0207
        static let rk: UInt16 = 0x027E
        static let bof: UInt16 = 0x0809
    }

    /// Excel 97–2003 sheets have at most 256 columns and 65,536 rows.
    static let maxColumns = 256

    private struct Record {
        var type: UInt16
        var offset: Int
        var body: ArraySlice<UInt8>
    }

    private let stream: [UInt8]
    private let source: String?
    private let streamName: String

    init(stream: [UInt8], source: String?, streamName: String) {
        self.stream = stream
        self.source = source
        self.streamName = streamName
    }

    private func error(_ message: String, at offset: Int) -> ExcelReadError {
        ExcelReadError(message, source: source, offset: offset, stream: streamName)
    }

    func readSheets() throws(ExcelReadError) -> [ExcelSheet] {
        let globals = try records(from: 0)
        guard let bof = globals.first, bof.type == RecordType.bof else {
            throw error("the workbook stream does not start with a BOF record", at: 0)
        }
        let view = ByteView(bytes: Array(bof.body)) { message, _ in self.error(message, at: bof.offset) }
        let version = try view.u16(0)
        guard version == 0x0600 else {
            throw error("BIFF version \(Self.hex(version)) is not BIFF8 (Excel 97–2003); older .xls files are not supported", at: bof.offset)
        }
        var sharedStrings: [String] = []
        var sheetStarts: [(name: String, position: Int, offset: Int)] = []
        var index = 0
        while index < globals.count {
            let record = globals[index]
            switch record.type {
            case RecordType.filePass:
                throw error("the workbook is encrypted (password-protected)", at: record.offset)
            case RecordType.sst:
                var segments = [record]
                while index + 1 < globals.count, globals[index + 1].type == RecordType.continue {
                    index += 1
                    segments.append(globals[index])
                }
                sharedStrings = try readSharedStrings(segments)
            case RecordType.boundSheet:
                let view = ByteView(bytes: Array(record.body)) { message, _ in self.error("BOUNDSHEET: \(message)", at: record.offset) }
                let position = Int(try view.u32(0))
                let sheetType = try view.u8(5)
                var cursor = StringCursor(segments: [record.body], offsets: [record.offset], start: 6, reader: self)
                let name = try cursor.readShortString()
                // Type 0 is a worksheet; chart sheets and macro sheets carry no cells worth reading.
                if sheetType == 0 { sheetStarts.append((name, position, record.offset)) }
            default:
                break
            }
            index += 1
        }
        return try sheetStarts.map { start throws(ExcelReadError) in
            try readSheet(named: start.name, at: start.position, boundSheetOffset: start.offset, sharedStrings: sharedStrings)
        }
    }

    /// Records from `start` up to and including the first EOF.
    private func records(from start: Int) throws(ExcelReadError) -> [Record] {
        var output: [Record] = []
        var position = start
        while true {
            guard position + 4 <= stream.count else {
                throw error("the record stream ends without an EOF record (truncated file?)", at: position)
            }
            let type = UInt16(stream[position]) | UInt16(stream[position + 1]) << 8
            let length = Int(UInt16(stream[position + 2]) | UInt16(stream[position + 3]) << 8)
            guard position + 4 + length <= stream.count else {
                throw error("record \(Self.hex(type)) claims \(length) bytes past the end of the stream (truncated file?)", at: position)
            }
            output.append(Record(type: type, offset: position, body: stream[(position + 4)..<(position + 4 + length)]))
            position += 4 + length
            if type == RecordType.eof { return output }
        }
    }

    private func readSharedStrings(_ segments: [Record]) throws(ExcelReadError) -> [String] {
        let first = segments[0]
        let header = ByteView(bytes: Array(first.body)) { message, _ in self.error("SST: \(message)", at: first.offset) }
        let unique = Int(try header.u32(4))
        var cursor = StringCursor(segments: segments.map(\.body), offsets: segments.map(\.offset), start: 8, reader: self)
        var strings: [String] = []
        // The count comes from the file; never reserve more than the bytes could hold (3 bytes per string).
        strings.reserveCapacity(min(unique, stream.count / 3))
        for _ in 0..<unique { strings.append(try cursor.readRichString()) }
        return strings
    }

    private func readSheet(
        named name: String, at position: Int, boundSheetOffset: Int, sharedStrings: [String]
    ) throws(ExcelReadError) -> ExcelSheet {
        guard position >= 0, position < stream.count else {
            throw error("sheet \"\(name)\" starts at \(position), outside the workbook stream", at: boundSheetOffset)
        }
        let sheetRecords = try records(from: position)
        guard sheetRecords.first?.type == RecordType.bof else {
            throw error("sheet \"\(name)\" does not start with a BOF record", at: position)
        }
        var cells: [Int: [Int: String]] = [:]
        func put(_ row: Int, _ column: Int, _ value: String, at offset: Int) throws(ExcelReadError) {
            guard column < Self.maxColumns else { throw error("cell column \(column) is beyond the 256-column limit", at: offset) }
            cells[row, default: [:]][column] = value
        }
        var pendingFormula: (row: Int, column: Int)?
        var index = 1
        while index < sheetRecords.count {
            let record = sheetRecords[index]
            let body = ByteView(bytes: Array(record.body)) { message, _ in
                self.error("record \(Self.hex(record.type)): \(message)", at: record.offset)
            }
            switch record.type {
            case RecordType.labelSST:
                let stringIndex = Int(try body.u32(6))
                guard stringIndex < sharedStrings.count else {
                    throw error("LABELSST refers to shared string \(stringIndex) of \(sharedStrings.count)", at: record.offset)
                }
                try put(Int(try body.u16(0)), Int(try body.u16(2)), sharedStrings[stringIndex], at: record.offset)
            case RecordType.label:
                var segments = [record.body]
                var offsets = [record.offset]
                while index + 1 < sheetRecords.count, sheetRecords[index + 1].type == RecordType.continue {
                    index += 1
                    segments.append(sheetRecords[index].body)
                    offsets.append(sheetRecords[index].offset)
                }
                var cursor = StringCursor(segments: segments, offsets: offsets, start: 6, reader: self)
                try put(Int(try body.u16(0)), Int(try body.u16(2)), try cursor.readLongString(), at: record.offset)
            case RecordType.number:
                let value = Double(bitPattern: try body.u64(6))
                try put(Int(try body.u16(0)), Int(try body.u16(2)), Self.format(value), at: record.offset)
            case RecordType.rk:
                try put(Int(try body.u16(0)), Int(try body.u16(2)), Self.format(Self.decodeRK(try body.u32(6))), at: record.offset)
            case RecordType.mulRK:
                let row = Int(try body.u16(0))
                let firstColumn = Int(try body.u16(2))
                let count = (body.count - 6) / 6
                for item in 0..<max(0, count) {
                    let rk = try body.u32(4 + item * 6 + 2)
                    try put(row, firstColumn + item, Self.format(Self.decodeRK(rk)), at: record.offset)
                }
            case RecordType.boolErr:
                let value = try body.u8(6)
                let isError = try body.u8(7) != 0
                let text = isError ? Self.errorText(value) : (value != 0 ? "TRUE" : "FALSE")
                try put(Int(try body.u16(0)), Int(try body.u16(2)), text, at: record.offset)
            case RecordType.formula:
                let row = Int(try body.u16(0))
                let column = Int(try body.u16(2))
                let result = try body.slice(6, 8)
                let base = result.startIndex
                if result[base + 6] == 0xFF, result[base + 7] == 0xFF {
                    switch result[base] {
                    case 0: pendingFormula = (row, column)  // the value follows in a STRING record
                    case 1: try put(row, column, result[base + 2] != 0 ? "TRUE" : "FALSE", at: record.offset)
                    case 2: try put(row, column, Self.errorText(result[base + 2]), at: record.offset)
                    default: try put(row, column, "", at: record.offset)
                    }
                } else {
                    try put(row, column, Self.format(Double(bitPattern: try body.u64(6))), at: record.offset)
                }
            case RecordType.string:
                guard let target = pendingFormula else {
                    throw error("a STRING record without the FORMULA it belongs to", at: record.offset)
                }
                var segments = [record.body]
                var offsets = [record.offset]
                while index + 1 < sheetRecords.count, sheetRecords[index + 1].type == RecordType.continue {
                    index += 1
                    segments.append(sheetRecords[index].body)
                    offsets.append(sheetRecords[index].offset)
                }
                var cursor = StringCursor(segments: segments, offsets: offsets, start: 0, reader: self)
                try put(target.row, target.column, try cursor.readLongString(), at: record.offset)
                pendingFormula = nil
            case RecordType.filePass:
                throw error("the workbook is encrypted (password-protected)", at: record.offset)
            default:
                break
            }
            index += 1
        }
        let lastRow = cells.keys.max() ?? -1
        var rows: [[String]] = Array(repeating: [], count: lastRow + 1)
        var columnCount = 0
        for (row, values) in cells {
            guard let lastColumn = values.keys.max() else { continue }
            var line = Array(repeating: "", count: lastColumn + 1)
            for (column, value) in values { line[column] = value }
            rows[row] = line
            columnCount = max(columnCount, lastColumn + 1)
        }
        return ExcelSheet(name: name, rows: rows, columnCount: columnCount)
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// An RK number: a 30-bit integer or the top 30 bits of a double, optionally divided by 100.
    static func decodeRK(_ rk: UInt32) -> Double {
        let divideBy100 = rk & 0x1 != 0
        let value: Double
        if rk & 0x2 != 0 {
            value = Double(Int32(bitPattern: rk) >> 2)
        } else {
            value = Double(bitPattern: UInt64(rk & 0xFFFF_FFFC) << 32)
        }
        return divideBy100 ? value / 100 : value
    }

    /// Whole numbers without a decimal point (as a spreadsheet shows them), others in shortest form.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        default: "#ERROR"
        }
    }

    /// Reads BIFF8 Unicode strings that may be split across CONTINUE records. When the characters of a
    /// string are split, the continuation starts with a fresh option byte whose low bit says whether the
    /// rest is 8-bit (compressed) or UTF-16; formatting runs and phonetic data continue without one.
    struct StringCursor {
        let segments: [ArraySlice<UInt8>]
        let offsets: [Int]
        let reader: BIFFReader
        private var segment = 0
        private var position: Int

        init(segments: [ArraySlice<UInt8>], offsets: [Int], start: Int, reader: BIFFReader) {
            self.segments = segments
            self.offsets = offsets
            self.reader = reader
            self.position = (segments.first?.startIndex ?? 0) + start
        }

        private func fail(_ message: String) -> ExcelReadError {
            let recordOffset = offsets[min(segment, offsets.count - 1)]
            let inRecord = position - (segments[min(segment, segments.count - 1)].startIndex) + 4
            return reader.error(message, at: recordOffset + inRecord)
        }

        /// Moves to the next segment when the current one is used up.
        private mutating func advanceIfAtEnd() throws(ExcelReadError) {
            while segment < segments.count, position >= segments[segment].endIndex {
                segment += 1
                guard segment < segments.count else { throw fail("a string runs past its last CONTINUE record") }
                position = segments[segment].startIndex
            }
            guard segment < segments.count else { throw fail("a string runs past its record") }
        }

        mutating func byte() throws(ExcelReadError) -> UInt8 {
            try advanceIfAtEnd()
            let value = segments[segment][position]
            position += 1
            return value
        }

        mutating func u16() throws(ExcelReadError) -> UInt16 {
            let low = UInt16(try byte())
            return low | UInt16(try byte()) << 8
        }

        mutating func u32() throws(ExcelReadError) -> UInt32 {
            let low = UInt32(try u16())
            return low | UInt32(try u16()) << 16
        }

        mutating func skip(_ count: Int) throws(ExcelReadError) {
            var remaining = count
            while remaining > 0 {
                try advanceIfAtEnd()
                let step = min(remaining, segments[segment].endIndex - position)
                position += step
                remaining -= step
            }
        }

        /// `count` characters, honouring the option byte at the start of each continuation.
        private mutating func characters(_ count: Int, wide startWide: Bool) throws(ExcelReadError) -> String {
            var units: [UInt16] = []
            units.reserveCapacity(min(count, 1 << 16))
            var wide = startWide
            while units.count < count {
                if segment < segments.count, position >= segments[segment].endIndex {
                    segment += 1
                    guard segment < segments.count else { throw fail("a string's characters run past its last CONTINUE record") }
                    position = segments[segment].startIndex
                    wide = try byte() & 0x01 != 0
                }
                guard segment < segments.count else { throw fail("a string's characters run past its record") }
                if wide {
                    guard position + 1 < segments[segment].endIndex else { throw fail("a UTF-16 character is split across records") }
                    units.append(UInt16(segments[segment][position]) | UInt16(segments[segment][position + 1]) << 8)
                    position += 2
                } else {
                    units.append(UInt16(segments[segment][position]))
                    position += 1
                }
            }
            return String(decoding: units, as: UTF16.self)
        }

        /// XLUnicodeRichExtendedString (SST entries): length, flags, optional run count and phonetic size.
        mutating func readRichString() throws(ExcelReadError) -> String {
            let count = Int(try u16())
            let flags = try byte()
            let runs = try flags & 0x08 != 0 ? Int(u16()) : 0
            let extended = try flags & 0x04 != 0 ? Int(u32()) : 0
            let text = try characters(count, wide: flags & 0x01 != 0)
            try skip(runs * 4 + extended)
            return text
        }

        /// XLUnicodeString with a 16-bit length (LABEL, STRING).
        mutating func readLongString() throws(ExcelReadError) -> String {
            let count = Int(try u16())
            let flags = try byte()
            return try characters(count, wide: flags & 0x01 != 0)
        }

        /// ShortXLUnicodeString with an 8-bit length (BOUNDSHEET names).
        mutating func readShortString() throws(ExcelReadError) -> String {
            let count = Int(try byte())
            let flags = try byte()
            return try characters(count, wide: flags & 0x01 != 0)
        }
    }
}
