import Foundation

/// Builds small BIFF8 workbooks in an OLE2 container for cell kinds the real fixture does not contain
/// (NUMBER, RK, MULRK, LABEL, FORMULA/STRING, BOOLERR, an SST string split across CONTINUE). Follows
/// [MS-XLS] and [MS-CFB]; used only by the tests.
enum SyntheticWorkbook {
    static func record(_ type: UInt16, _ body: [UInt8]) -> [UInt8] {
        le16(type) + le16(UInt16(body.count)) + body
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    static func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }

    static func bof(sheet: Bool) -> [UInt8] {
        record(0x0809, le16(0x0600) + le16(sheet ? 0x0010 : 0x0005) + [UInt8](repeating: 0, count: 12))
    }

    static let eof = record(0x000A, [])

    /// A cell prefix: row, column, XF index 0.
    static func cell(_ row: UInt16, _ column: UInt16) -> [UInt8] { le16(row) + le16(column) + le16(0) }

    /// A compressed (8-bit) or UTF-16 XLUnicodeString with a 16-bit length.
    static func longString(_ text: String, wide: Bool) -> [UInt8] {
        let units = Array(text.utf16)
        return le16(UInt16(units.count)) + [wide ? 1 : 0] + (wide ? units.flatMap(le16) : units.map { UInt8($0) })
    }

    /// Globals with one worksheet named `sheetName`, the given SST records (SST + CONTINUEs), then the sheet.
    static func workbookStream(sheetName: String, sst: [UInt8], sheetRecords: [UInt8]) -> [UInt8] {
        let nameUnits = Array(sheetName.utf16)
        func boundSheet(_ position: UInt32) -> [UInt8] {
            record(0x0085, le32(position) + [0, 0, UInt8(nameUnits.count), 1] + nameUnits.flatMap(le16))
        }
        let globalsLength = bof(sheet: false).count + boundSheet(0).count + sst.count + eof.count
        return bof(sheet: false) + boundSheet(UInt32(globalsLength)) + sst + eof + bof(sheet: true) + sheetRecords + eof
    }

    /// Wraps `stream` as the `Workbook` stream of a version-3 compound file with 512-byte sectors (padded
    /// past the 4,096-byte mini-stream cutoff so it lives in regular sectors).
    static func compoundFile(stream original: [UInt8]) -> [UInt8] {
        var stream = original
        if stream.count < 4096 { stream += [UInt8](repeating: 0, count: 4096 - stream.count) }
        let sectorCount = (stream.count + 511) / 512
        stream += [UInt8](repeating: 0, count: sectorCount * 512 - stream.count)
        let directorySector = UInt32(sectorCount)
        let fatSector = UInt32(sectorCount + 1)
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { header.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        put([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], at: 0)
        put(le16(0x3E), at: 0x18)
        put(le16(3), at: 0x1A)
        put(le16(0xFFFE), at: 0x1C)
        put(le16(9), at: 0x1E)
        put(le16(6), at: 0x20)
        put(le32(1), at: 0x2C)
        put(le32(directorySector), at: 0x30)
        put(le32(4096), at: 0x38)
        put(le32(0xFFFF_FFFE), at: 0x3C)
        put(le32(0xFFFF_FFFE), at: 0x44)
        put(le32(fatSector), at: 0x4C)
        for index in 1..<109 { put(le32(0xFFFF_FFFF), at: 0x4C + 4 * index) }

        var directory = [UInt8](repeating: 0, count: 512)
        func entry(_ index: Int, name: String, type: UInt8, start: UInt32, size: UInt32, child: UInt32) {
            let base = index * 128
            let units = Array(name.utf16) + [0]
            let nameBytes = units.flatMap(le16)
            directory.replaceSubrange(base..<(base + nameBytes.count), with: nameBytes)
            directory.replaceSubrange((base + 64)..<(base + 66), with: le16(UInt16(nameBytes.count)))
            directory[base + 66] = type
            directory[base + 67] = 1
            directory.replaceSubrange((base + 68)..<(base + 80), with: le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le32(child))
            directory.replaceSubrange((base + 116)..<(base + 124), with: le32(start) + le32(size))
        }
        entry(0, name: "Root Entry", type: 5, start: 0xFFFF_FFFE, size: 0, child: 1)
        entry(1, name: "Workbook", type: 2, start: 0, size: UInt32(stream.count), child: 0xFFFF_FFFF)

        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: 128)
        for sector in 0..<sectorCount { fat[sector] = sector == sectorCount - 1 ? 0xFFFF_FFFE : UInt32(sector + 1) }
        fat[Int(directorySector)] = 0xFFFF_FFFE
        fat[Int(fatSector)] = 0xFFFF_FFFD
        return header + stream + directory + fat.flatMap(le32)
    }

    /// One sheet "Cells" exercising every cell record the reader supports.
    static func everyCellKind() -> [UInt8] {
        // SST: "ABCDEFGHIJ" split after 4 compressed characters; the CONTINUE's option byte switches the
        // rest to UTF-16. Then "한국어", wide, in the same CONTINUE.
        let first = le16(10) + [0] + Array("ABCD".utf8)
        let sst = record(0x00FC, le32(2) + le32(2) + first)
            + record(0x003C, [1] + Array("EFGHIJ".utf16).flatMap(le16) + longString("한국어", wide: true))
        var cells: [UInt8] = []
        cells += record(0x00FD, cell(0, 0) + le32(0))
        cells += record(0x00FD, cell(0, 1) + le32(1))
        cells += record(0x0204, cell(1, 0) + longString("label text", wide: false))
        cells += record(0x0203, cell(1, 1) + le64((3.25).bitPattern))
        cells += record(0x0203, cell(1, 2) + le64((2024.0).bitPattern))
        // RK: integer 1234 (bit 1 set), and 12.34 as integer 1234 divided by 100 (bits 0 and 1).
        cells += record(0x027E, cell(2, 0) + le32(UInt32(1234 << 2) | 0x2))
        cells += record(0x027E, cell(2, 1) + le32(UInt32(1234 << 2) | 0x3))
        // MULRK: columns 2–4 of row 2 (7, -5, 1.5 as the top bits of a double).
        let onePointFive = UInt32(truncatingIfNeeded: (1.5).bitPattern >> 32)
        cells += record(
            0x00BD, le16(2) + le16(2) + le16(0) + le32(UInt32(7 << 2) | 0x2) + le16(0)
                + le32(UInt32(bitPattern: Int32(-5) << 2) | 0x2) + le16(0) + le32(onePointFive) + le16(4))
        // FORMULA with a string result (value in the next STRING record), then a numeric one.
        let stringResult: [UInt8] = [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        cells += record(0x0006, cell(3, 0) + stringResult + le16(0) + le32(0) + le16(0))
        cells += record(0x0207, longString("formula result", wide: false))
        cells += record(0x0006, cell(3, 1) + le64((42.0).bitPattern) + le16(0) + le32(0) + le16(0))
        cells += record(0x0205, cell(3, 2) + [1, 0])
        cells += record(0x0205, cell(3, 3) + [0x07, 1])
        return compoundFile(stream: workbookStream(sheetName: "Cells", sst: sst, sheetRecords: cells))
    }
}
