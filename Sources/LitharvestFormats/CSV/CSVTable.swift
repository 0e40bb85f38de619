import LitharvestModel

/// RFC 4180 rows: fields separated by a delimiter, optionally quoted with `"` (doubled inside), quoted fields
/// may hold delimiters and line breaks; rows end in LF, CRLF or CR.
package struct CSVTable {
    /// One row with the line it starts on (1-based).
    package struct Row {
        /// The fields, unquoted.
        package var fields: [String]
        /// The line the row starts on (1-based).
        package var line: Int
    }

    /// The delimiter the header line uses most: comma, semicolon or tab (outside quotes).
    static func delimiter(of text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if !quoted, scalar == "\n" || scalar == "\r" { break }
            if !quoted, counts[scalar] != nil { counts[scalar]! += 1 }
        }
        // Ties go to the comma, then the semicolon.
        var best: Unicode.Scalar = ","
        for candidate in [";", "\t"] as [Unicode.Scalar] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    /// Splits `input` into rows.
    ///
    /// - Throws: ``ConnectorError`` naming the file and line when a quoted field never closes.
    package static func rows(_ input: ImportText, delimiter: Unicode.Scalar) throws -> [Row] {
        let table = scan(input, delimiter: delimiter)
        if let quoteLine = table.unclosedQuoteLine {
            throw ConnectorError(
                .malformedFile, "a quoted CSV field opened here is never closed", location: input.location(line: quoteLine)
            )
        }
        return table.rows
    }

    /// Splits `input` into rows; a quoted field that never closes (a file cut short inside it) ends the
    /// table before the row it is in, and its line is returned for the caller to report.
    package static func scan(_ input: ImportText, delimiter: Unicode.Scalar) -> (rows: [Row], unclosedQuoteLine: Int?) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        let scalars = Array(input.text.unicodeScalars)
        var index = 0

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(fields: fields, line: rowLine)) }
            fields = []
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" || scalar == "\r" && (index + 1 >= scalars.count || scalars[index + 1] != "\n") { line += 1 }
                    field.append(scalar)
                }
            } else if scalar == "\"" && field.isEmpty && !fieldWasQuoted {
                quoted = true
                fieldWasQuoted = true
                quoteLine = line
            } else if scalar == delimiter {
                endField()
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                endRow()
                line += 1
                rowLine = line
            } else {
                field.append(scalar)
            }
            index += 1
        }
        if quoted { return (rows, quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return (rows, nil)
    }
}
