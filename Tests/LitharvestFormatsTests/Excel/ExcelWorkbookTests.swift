import Foundation
import LitharvestFormats
import LitharvestTesting
import Testing

/// The generic `.xls` reader: the real RISS export (checked once against xlrd), every cell kind in a
/// synthetic workbook, and corrupt or truncated files.
@Suite("Excel .xls reader")
struct ExcelWorkbookTests {
    static func exportPath() throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: "riss_excel_export_20250812152237", withExtension: "xls", subdirectory: "Fixtures/riss"))
        return url.path
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "xls-\(UUID().uuidString).xls"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func realRISSExportReadsEveryCell() throws {
        let workbook = try ExcelWorkbook(contentsOfFile: try Self.exportPath())
        #expect(workbook.sheets.count == 1)
        let sheet = try #require(workbook.sheets.first)
        #expect(sheet.name == "내보내기 결과")
        #expect(sheet.rows.count == 101)
        #expect(sheet.columnCount == 21)
        #expect(sheet.rows[0].count == 21)
        #expect(sheet.cell(0, 0) == "제목")
        #expect(sheet.cell(0, 4) == "권호사항")
        #expect(sheet.cell(0, 18) == "국문 초록 (Abstract)")
        #expect(sheet.cell(0, 20) == "목차")
        #expect(sheet.cell(1, 0).hasPrefix("디지털･신기술 분야 교육훈련 사업 간(KDC, KDT, STEP) 연계 현황 분석: 인공지능 분야를 중심으로 = Analysis of"))
        #expect(sheet.cell(1, 1) == "박윤희,이수경,신정민,김지영,오미래")
        #expect(sheet.cell(1, 4) == "Vol.28No.1[2025]\r\n")
        #expect(sheet.cell(1, 12) == "1-38")
        #expect(sheet.cell(1, 16) == " KCI")
        #expect(sheet.cell(1, 18).hasPrefix("이 연구의 목적은 K-디지털 기초역량훈련(KDC)에서"))
        #expect(sheet.cell(1, 20) == "")
        #expect(sheet.cell(100, 1) == "이세진,장경석,이경미")
        #expect(sheet.cell(100, 3) == "초등영어교육(Primary English Education)")
        #expect(sheet.cell(100, 5) == "2023")
        #expect(sheet.cell(100, 17) == "한국교원대학교 중앙도서관")
        #expect(sheet.cell(100, 18) == "")
        #expect(sheet.cell(100, 19).hasPrefix("This study aims to explore the use of Artificial Intelligence (AI)"))
        // Long abstracts cross SST CONTINUE boundaries; a wrong flag-byte rule garbles their tails.
        let abstracts = (1...100).map { sheet.cell($0, 19) }.filter { !$0.isEmpty }
        #expect(abstracts.count == 84)
        #expect(abstracts.allSatisfy { !$0.contains("\u{FFFD}") })
        #expect((1...100).filter { !sheet.cell($0, 18).isEmpty }.count == 68)
        #expect(sheet.cell(101, 0) == "")
        #expect(ExcelWorkbook.looksLikeWorkbook(try Data(contentsOf: URL(fileURLWithPath: try Self.exportPath()))))
    }

    @Test func everyCellKindIsRead() throws {
        let workbook = try ExcelWorkbook(data: Data(SyntheticWorkbook.everyCellKind()), source: "cells.xls")
        let sheet = try #require(workbook.sheets.first)
        #expect(sheet.name == "Cells")
        #expect(sheet.rows.count == 4)
        #expect(sheet.columnCount == 5)
        #expect(sheet.rows[0] == ["ABCDEFGHIJ", "한국어"])
        #expect(sheet.rows[1] == ["label text", "3.25", "2024"])
        #expect(sheet.rows[2] == ["1234", "12.34", "7", "-5", "1.5"])
        #expect(sheet.rows[3] == ["formula result", "42", "TRUE", "#DIV/0!"])
    }

    @Test func truncatedFileIsAnErrorNamingFileAndOffset() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Self.exportPath())))
        for length in [0, 100, 3_000, 200_000, bytes.count - 5_000] {
            let path = try Self.temporaryFile(Array(bytes.prefix(length)))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(contentsOfFile: path) }
            #expect(error?.source == path)
            #expect(error?.description.contains(path) == true)
        }
        let header = try Self.temporaryFile(Array(bytes.prefix(3_000)))
        defer { try? FileManager.default.removeItem(atPath: header) }
        let error = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(contentsOfFile: header) }
        #expect(error?.offset == 0x2C)
        #expect(error?.message.contains("FAT sectors") == true)
    }

    @Test func notAWorkbookIsRefused() throws {
        let html = Data("<!DOCTYPE html><html><body>export failed</body></html>".utf8)
        #expect(!ExcelWorkbook.looksLikeWorkbook(html))
        let error = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: html, source: "export.xls") }
        #expect(error?.description == "export.xls (offset 0): not an OLE2 compound file (legacy .xls): the signature is missing")
        let missing = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(contentsOfFile: "/nonexistent/export.xls") }
        #expect(missing?.source == "/nonexistent/export.xls")
    }

    @Test func corruptStructuresAreErrorsNotCrashes() throws {
        let good = SyntheticWorkbook.everyCellKind()

        // A FAT entry pointing at itself: the stream's chain loops.
        var looping = good
        let fatOffset = good.count - 512
        looping.replaceSubrange(fatOffset..<(fatOffset + 4), with: SyntheticWorkbook.le32(0))
        let loop = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(looping), source: "loop.xls") }
        #expect(loop?.message.contains("broken") == true)

        // A FAT entry pointing far outside the file.
        var outside = good
        outside.replaceSubrange(fatOffset..<(fatOffset + 4), with: SyntheticWorkbook.le32(90_000))
        #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(outside), source: "outside.xls") }

        // A record whose length runs past the end of the stream.
        let runaway = SyntheticWorkbook.compoundFile(
            stream: SyntheticWorkbook.bof(sheet: false) + SyntheticWorkbook.le16(0x00FC) + SyntheticWorkbook.le16(0xFFFF)
                + [UInt8](repeating: 0x41, count: 10))
        let past = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(runaway), source: "runaway.xls") }
        #expect(past?.stream == "Workbook")
        #expect(past?.offset == 20)

        // An SST that promises more strings than it holds.
        let shortSST = SyntheticWorkbook.record(0x00FC, SyntheticWorkbook.le32(5) + SyntheticWorkbook.le32(5) + SyntheticWorkbook.longString("one", wide: false))
        let sst = SyntheticWorkbook.compoundFile(stream: SyntheticWorkbook.workbookStream(sheetName: "S", sst: shortSST, sheetRecords: []))
        let sstError = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(sst), source: "sst.xls") }
        #expect(sstError?.message.contains("string") == true)

        // A LABELSST pointing past the shared-string table.
        let emptySST = SyntheticWorkbook.record(0x00FC, SyntheticWorkbook.le32(0) + SyntheticWorkbook.le32(0))
        let badIndex = SyntheticWorkbook.compoundFile(
            stream: SyntheticWorkbook.workbookStream(
                sheetName: "S", sst: emptySST,
                sheetRecords: SyntheticWorkbook.record(0x00FD, SyntheticWorkbook.cell(0, 0) + SyntheticWorkbook.le32(7))))
        let indexError = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(badIndex), source: "index.xls") }
        #expect(indexError?.message == "LABELSST refers to shared string 7 of 0")

        // A BIFF5 workbook is named as such.
        let biff5 = SyntheticWorkbook.compoundFile(
            stream: SyntheticWorkbook.record(0x0809, SyntheticWorkbook.le16(0x0500) + SyntheticWorkbook.le16(5)) + SyntheticWorkbook.eof)
        let versionError = #expect(throws: ExcelReadError.self) { try ExcelWorkbook(data: Data(biff5), source: "old.xls") }
        #expect(versionError?.message.contains("not BIFF8") == true)
    }

    /// Damaged bytes anywhere give either a workbook or an ``ExcelReadError``, never a crash or a hang.
    @Test func damagedBytesNeverCrash() throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Self.exportPath())))
        var generator = SplitMix64(seed: 2026)
        var read = 0
        var refused = 0
        for _ in 0..<40 {
            var bytes = original
            // Damage the header, the FAT/directory area or the record stream, four bytes at a time.
            let position = Int(generator.next() % UInt64(bytes.count - 4))
            for offset in 0..<4 { bytes[position + offset] = UInt8(truncatingIfNeeded: generator.next()) }
            do {
                let workbook = try ExcelWorkbook(data: Data(bytes), source: "damaged.xls")
                #expect(workbook.sheets.count <= 1)
                read += 1
            } catch {
                #expect(error.source == "damaged.xls")
                refused += 1
            }
        }
        #expect(read + refused == 40)
        #expect(read > 0)
    }
}
