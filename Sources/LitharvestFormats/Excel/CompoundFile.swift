/// An OLE2 compound file (the container of legacy `.xls`, `.doc`): a FAT file system inside one file.
/// Only what reading a stream by name needs; every sector number and chain is checked, since the file is
/// untrusted.
struct CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF

    struct Entry {
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var startSector: UInt32
        var size: Int
    }

    private let view: ByteView
    private let source: String?
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniStreamCutoff: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStream: [UInt8]
    /// Directory entries in file order (the root first).
    let entries: [Entry]

    /// Whether `bytes` start with the compound-file signature.
    static func hasSignature(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count >= signature.count && zip(bytes, signature).allSatisfy { $0 == $1 }
    }

    init(bytes: [UInt8], source: String?) throws(ExcelReadError) {
        let view = ByteView(bytes: bytes) { message, offset in ExcelReadError(message, source: source, offset: offset) }
        self.view = view
        self.source = source
        guard bytes.count >= 512, Self.hasSignature(bytes) else {
            throw ExcelReadError("not an OLE2 compound file (legacy .xls): the signature is missing", source: source, offset: 0)
        }
        let sectorShift = try view.u16(0x1E)
        let miniShift = try view.u16(0x20)
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else {
            throw ExcelReadError("unsupported sector sizes (shift \(sectorShift), mini shift \(miniShift))", source: source, offset: 0x1E)
        }
        sectorSize = 1 << Int(sectorShift)
        miniSectorSize = 1 << Int(miniShift)
        miniStreamCutoff = Int(try view.u32(0x38))
        let fatSectorCount = Int(try view.u32(0x2C))
        let maxSectors = bytes.count / sectorSize
        guard fatSectorCount <= maxSectors else {
            throw ExcelReadError("the header claims \(fatSectorCount) FAT sectors in a file of \(maxSectors) sectors", source: source, offset: 0x2C)
        }

        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors (last slot links to the next).
        var fatSectors: [UInt32] = []
        for index in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(try view.u32(0x4C + 4 * index))
        }
        var difatSector = try view.u32(0x44)
        var difatVisited = 0
        let perDIFAT = sectorSize / 4 - 1
        while fatSectors.count < fatSectorCount {
            guard difatSector != Self.endOfChain, difatSector != Self.freeSector, difatVisited <= maxSectors else {
                throw ExcelReadError("the DIFAT chain ends before listing all \(fatSectorCount) FAT sectors", source: source, offset: 0x44)
            }
            difatVisited += 1
            let base = try Self.offset(ofSector: difatSector, sectorSize: sectorSize, in: view)
            for index in 0..<perDIFAT where fatSectors.count < fatSectorCount {
                fatSectors.append(try view.u32(base + 4 * index))
            }
            difatSector = try view.u32(base + 4 * perDIFAT)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectorCount * sectorSize / 4)
        for sector in fatSectors {
            let base = try Self.offset(ofSector: sector, sectorSize: sectorSize, in: view)
            for index in 0..<(sectorSize / 4) { fat.append(try view.u32(base + 4 * index)) }
        }
        self.fat = fat

        let directory = try Self.readChain(start: try view.u32(0x30), fat: fat, sectorSize: sectorSize, view: view, what: "directory")
        var entries: [Entry] = []
        var position = 0
        while position + 128 <= directory.count {
            let nameLength = Int(UInt16(directory[position + 64]) | UInt16(directory[position + 65]) << 8)
            let type = directory[position + 66]
            var units: [UInt16] = []
            if nameLength >= 2, nameLength <= 64 {
                for index in stride(from: 0, to: nameLength - 2, by: 2) {
                    units.append(UInt16(directory[position + index]) | UInt16(directory[position + index + 1]) << 8)
                }
            }
            func word(_ at: Int) -> UInt32 {
                var value: UInt32 = 0
                for index in 0..<4 { value |= UInt32(directory[position + at + index]) << (8 * UInt32(index)) }
                return value
            }
            // Version-3 files keep only the low 32 bits of the size meaningful.
            let size = Int(word(120))
            entries.append(Entry(name: String(decoding: units, as: UTF16.self), type: type, startSector: word(116), size: size))
            position += 128
        }
        guard let root = entries.first, root.type == 5 else {
            throw ExcelReadError("the compound file has no root directory entry", source: source, offset: 0x30)
        }
        self.entries = entries

        let miniFATBytes = try Self.readChain(start: try view.u32(0x3C), fat: fat, sectorSize: sectorSize, view: view, what: "mini FAT")
        miniFAT = stride(from: 0, to: miniFATBytes.count - 3, by: 4).map { at in
            UInt32(miniFATBytes[at]) | UInt32(miniFATBytes[at + 1]) << 8 | UInt32(miniFATBytes[at + 2]) << 16
                | UInt32(miniFATBytes[at + 3]) << 24
        }
        if root.size > 0 {
            let stream = try Self.readChain(start: root.startSector, fat: fat, sectorSize: sectorSize, view: view, what: "mini stream")
            guard stream.count >= root.size else {
                throw ExcelReadError("the mini stream is shorter than the root entry says", source: source, offset: 0x30)
            }
            miniStream = Array(stream.prefix(root.size))
        } else {
            miniStream = []
        }
    }

    /// The contents of the stream named `name` (case-insensitive), or nil if there is none.
    func stream(named name: String) throws(ExcelReadError) -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.lowercased() == name.lowercased() }) else { return nil }
        let data: [UInt8]
        if entry.size < miniStreamCutoff {
            data = try readMiniChain(start: entry.startSector, name: entry.name)
        } else {
            data = try Self.readChain(start: entry.startSector, fat: fat, sectorSize: sectorSize, view: view, what: "stream \(entry.name)")
        }
        guard data.count >= entry.size else {
            throw ExcelReadError(
                "the \(entry.name) stream holds \(data.count) bytes but its directory entry says \(entry.size) (truncated file?)",
                source: source, offset: nil)
        }
        return Array(data.prefix(entry.size))
    }

    private func readMiniChain(start: UInt32, name: String) throws(ExcelReadError) -> [UInt8] {
        var output: [UInt8] = []
        var sector = start
        var visited = 0
        while sector != Self.endOfChain {
            guard Int(sector) < miniFAT.count, visited < miniStream.count / miniSectorSize else {
                throw ExcelReadError("the mini-sector chain of \(name) is broken at mini sector \(sector)", source: source)
            }
            let begin = Int(sector) * miniSectorSize
            guard begin + miniSectorSize <= miniStream.count else {
                throw ExcelReadError("mini sector \(sector) of \(name) lies outside the mini stream", source: source)
            }
            output += miniStream[begin..<(begin + miniSectorSize)]
            visited += 1
            sector = miniFAT[Int(sector)]
        }
        return output
    }

    private static func offset(ofSector sector: UInt32, sectorSize: Int, in view: ByteView) throws(ExcelReadError) -> Int {
        let offset = (Int(sector) + 1) * sectorSize
        guard sector < 0xFFFF_FFFA, offset + sectorSize <= view.count else {
            throw view.fail("sector \(sector) lies outside the file (\(view.count) bytes; truncated?)", offset)
        }
        return offset
    }

    /// Follows a FAT chain, refusing loops and sectors outside the file.
    private static func readChain(
        start: UInt32, fat: [UInt32], sectorSize: Int, view: ByteView, what: String
    ) throws(ExcelReadError) -> [UInt8] {
        var output: [UInt8] = []
        var sector = start
        var visited = 0
        while sector != endOfChain {
            // A chain can visit each sector of the file at most once; more means a loop.
            guard sector != freeSector, Int(sector) < fat.count, visited < view.count / sectorSize else {
                throw view.fail("the sector chain of the \(what) is broken at sector \(sector)", (Int(sector) + 1) * sectorSize)
            }
            let base = try offset(ofSector: sector, sectorSize: sectorSize, in: view)
            output += view.bytes[base..<(base + sectorSize)]
            visited += 1
            sector = fat[Int(sector)]
        }
        return output
    }
}
