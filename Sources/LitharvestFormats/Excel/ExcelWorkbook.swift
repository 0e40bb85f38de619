package import Foundation

/// A legacy Excel 97–2003 workbook (`.xls`, BIFF8 in an OLE2 compound file) read as plain cell text, for
/// databases whose export is such a file (RISS, …). Pure Swift and bounds-checked: it reads untrusted
/// downloads.
package struct ExcelWorkbook: Sendable {
    /// Worksheets in workbook order (chart and macro sheets are left out).
    package var sheets: [ExcelSheet]

    /// Reads a workbook from memory; `source` names it in errors.
    ///
    /// - Throws: ``ExcelReadError`` naming the source and the byte offset of the first problem.
    package init(data: Data, source: String? = nil) throws(ExcelReadError) {
        let compound = try CompoundFile(bytes: [UInt8](data), source: source)
        // Excel 97+ writes "Workbook"; some generators still use the Excel 5 name "Book".
        let name = compound.entries.contains { $0.type == 2 && $0.name.lowercased() == "workbook" } ? "Workbook" : "Book"
        guard let stream = try compound.stream(named: name) else {
            throw ExcelReadError("the compound file has no Workbook stream (not an Excel file?)", source: source)
        }
        sheets = try BIFFReader(stream: stream, source: source, streamName: name).readSheets()
    }

    /// Reads the workbook at `path`.
    ///
    /// - Throws: ``ExcelReadError`` when the file cannot be opened or read.
    package init(contentsOfFile path: String) throws(ExcelReadError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExcelReadError("cannot read the file: \(error.localizedDescription)", source: path)
        }
        try self.init(data: data, source: path)
    }

    /// Whether `data` starts like an OLE2 compound file (what a `.xls` is), to tell it from HTML or CSV.
    package static func looksLikeWorkbook(_ data: Data) -> Bool {
        CompoundFile.hasSignature(data.prefix(8))
    }
}

/// One worksheet as rows of cell text. Numbers are written as a spreadsheet shows them without
/// formatting (`12`, `3.5`); dates come as serial numbers; empty cells are empty strings.
package struct ExcelSheet: Sendable, Hashable {
    /// The sheet's tab name.
    package var name: String
    /// Rows from the first (index 0); each row is as long as its last non-empty cell.
    package var rows: [[String]]
    /// One more than the highest column index used.
    package var columnCount: Int

    /// Creates a sheet.
    package init(name: String, rows: [[String]], columnCount: Int) {
        self.name = name
        self.rows = rows
        self.columnCount = columnCount
    }

    /// The text at `row`, `column`, or "" outside the used range.
    package func cell(_ row: Int, _ column: Int) -> String {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return "" }
        return rows[row][column]
    }
}
