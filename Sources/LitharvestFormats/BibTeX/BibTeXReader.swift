import Foundation
import LitharvestModel

/// Reads BibTeX and BibLaTeX: `@type{key, name = value, …}` (or parentheses), values in braces, quotes,
/// bare numbers or `@string` macros joined with `#`; `@comment`, `@preamble` and text between entries are
/// skipped. LaTeX becomes Unicode (``LaTeXText``); `author` lists are split on `and` outside braces, and a
/// fully braced name (`{World Health Organization}`) is a collective.
///
/// `@string` macros may refer to earlier ones, so a few lines can stand for an exponentially long text
/// (`a1 = a0 # a0`, … `a30`): a value longer than ``maximumValueLength`` is refused (and every value
/// that uses it), and a file whose macros expand to more than ``maximumExpansion`` in all is refused
/// whole, each checked before the text is built. An entry the file ends inside is reported as an error,
/// so a file cut short is never read as complete.
struct BibTeXReader {
    let database: String

    /// The longest value (a field or an `@string`) in UTF-8 bytes, macros expanded.
    static let maximumValueLength = 1 << 20
    /// The most text all macro uses of one file may add, in UTF-8 bytes.
    static let maximumExpansion = 10 << 20

    /// One parsed entry before mapping.
    struct Entry {
        var type: String
        var key: String
        /// Field values with LaTeX still in them (outer delimiters removed, macros expanded).
        var fields: [String: String]
        var line: Int
    }

    struct SyntaxError: Error {
        var message: String
        var line: Int
    }

    /// The file's macros together expand past ``maximumExpansion``: the whole file is refused.
    struct ExpansionLimit: Error {
        var message: String
        var line: Int
    }

    func read(_ input: ImportText, emit: (Record) throws -> Void) throws -> ParseReport {
        var report = ParseReport(recordsRead: 0, diagnostics: input.diagnostics)
        var parser = Parser(scalars: Array(input.text.unicodeScalars))
        var sawEntry = false
        while let start = parser.nextEntryStart() {
            sawEntry = true
            do {
                guard let entry = try parser.entry(startingAt: start) else { continue }
                let record = record(from: entry, input: input)
                try ImportFields.emitIfUseful(record, what: "entry \(entry.key)", location: input.location(line: entry.line), report: &report, emit: emit)
            } catch let error as SyntaxError {
                if parser.current == nil {
                    // The scanner ran off the end looking for the entry's close: the file is cut short.
                    report.diagnostics.append(Diagnostic(
                        .error,
                        "the file ends inside the entry that starts at line \(start) (cut short?; last line read \(parser.line)): \(error.message)",
                        location: input.location(line: error.line)
                    ))
                } else {
                    report.diagnostics.append(Diagnostic(
                        .error, "entry skipped: \(error.message)", location: input.location(line: error.line)
                    ))
                }
                parser.skipToNextEntry()
            } catch let error as ExpansionLimit {
                throw ConnectorError(.malformedFile, error.message, location: input.location(line: error.line))
            }
        }
        guard sawEntry else {
            throw ConnectorError(.malformedFile, "not a BibTeX file: no `@type{` entry found", location: input.path)
        }
        return report
    }

    func record(from entry: Entry, input: ImportText) -> Record {
        func text(_ name: String) -> String? {
            entry.fields[name].flatMap { Normalize.text(LaTeXText.plain($0)) }
        }
        func verbatim(_ name: String) -> String? {
            entry.fields[name].flatMap { Normalize.text($0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")) }
        }
        var record = Record(database: database, nativeID: entry.key.isEmpty ? "\(input.fileName)#\(entry.line)" : entry.key)
        record.title = text("title")
        record.otherTitle = text("othertitle") ?? text("titleaddon") ?? text("origtitle")
        record.authors = Self.authors(entry.fields["author"])
        record.journal = text("journal") ?? text("journaltitle") ?? text("booktitle") ?? text("series")
        record.journalAbbreviation = text("shortjournal") ?? text("journal-abbrev")
        if let date = text("date").flatMap(ImportFields.date) {
            record.date = date
        } else if let year = text("year").flatMap(Normalize.year(in:)) {
            let month = text("month").flatMap(Normalize.month)
            record.date = PublicationDate(year: year, month: month, day: month == nil ? nil : text("day").flatMap { Int($0) })
        }
        record.volume = text("volume")
        record.issue = text("number") ?? text("issue")
        record.pages = ImportFields.pages(text("pages"))
        if record.pages == nil { record.articleNumber = text("eid") }
        record.doi = Normalize.doi(verbatim("doi").map { $0.replacingOccurrences(of: "%7B", with: "{").replacingOccurrences(of: "%7D", with: "}") })
        record.pmid = ImportFields.pmid(text("pmid"))
        record.pmcid = Normalize.pmcid(text("pmcid"))
        ImportFields.addStandardNumbers(text("issn"), to: &record)
        ImportFields.addStandardNumbers(text("isbn"), to: &record)
        record.abstract = text("abstract")
        record.otherAbstract = text("otherabstract")
        record.publisher = text("publisher")
        ImportFields.addAlternateNames(text("authorromanised"), to: &record)
        let keywords = text("keywords") ?? text("keyword") ?? ""
        let separator: Character = keywords.contains(";") ? ";" : ","
        ImportFields.appendUnique(contentsOf: keywords.split(separator: separator), to: &record.keywords)
        if let language = text("language") { record.languages = [language] }
        record.url = verbatim("url")
        if let type = ImportFields.bibTeXTypeName(entry.type) { record.publicationTypes = [type] }
        return record
    }

    /// Splits an `author` value on ` and ` outside braces; a name wholly in braces stays a collective.
    static func authors(_ value: String?) -> [Author] {
        guard let value else { return [] }
        var names: [String] = []
        var current = ""
        var depth = 0
        let words = value.split(omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        for word in words {
            if depth == 0, word.lowercased() == "and", !current.isEmpty {
                names.append(current)
                current = ""
                continue
            }
            current += (current.isEmpty ? "" : " ") + word
            depth += word.filter { $0 == "{" }.count - word.filter { $0 == "}" }.count
        }
        if !current.isEmpty { names.append(current) }
        return names.compactMap { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), isOneGroup(trimmed) {
                return Normalize.text(LaTeXText.plain(trimmed)).map { Author(literal: $0) }
            }
            if trimmed.lowercased() == "others" { return nil }
            return AuthorName.parse(LaTeXText.plain(trimmed))
        }
    }

    /// Whether the braces at both ends of `text` enclose all of it (`{A and B}`, not `{A} and {B}`).
    static func isOneGroup(_ text: String) -> Bool {
        var depth = 0
        let last = text.count - 1
        for (offset, character) in text.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth == 0, offset < last { return false }
        }
        return true
    }

    /// The scanner over the whole file.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var macros: [String: String] = [
            "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
            "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
        ]
        /// Macros whose definition was refused for its length: values that use them are refused too,
        /// rather than read with the bare macro name in their place.
        var refusedMacros: Set<String> = []
        /// UTF-8 bytes that macro uses have added so far.
        var expanded = 0

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func advance() {
            if scalars[index] == "\n" { line += 1 }
            index += 1
        }

        mutating func skipSpace() {
            while let scalar = current, scalar.properties.isWhitespace { advance() }
        }

        /// Moves to the next `@` that starts an entry; returns its line.
        mutating func nextEntryStart() -> Int? {
            while let scalar = current {
                if scalar == "@" {
                    let atLine = line
                    advance()
                    return atLine
                }
                advance()
            }
            return nil
        }

        mutating func skipToNextEntry() {
            while let scalar = current, scalar != "@" { advance() }
        }

        mutating func identifier() -> String {
            var name = String.UnicodeScalarView()
            while let scalar = current, !scalar.properties.isWhitespace, !"{}(),=#\"".unicodeScalars.contains(scalar) {
                name.append(scalar)
                advance()
            }
            return String(name)
        }

        /// Parses the entry after its `@`; nil for `@comment`, `@preamble` and `@string` (which is recorded).
        mutating func entry(startingAt startLine: Int) throws -> Entry? {
            let type = identifier().lowercased()
            skipSpace()
            guard let open = current, open == "{" || open == "(" else {
                if type.isEmpty || type == "comment" { return nil }
                throw SyntaxError(message: "@\(type) is not followed by { or (", line: line)
            }
            let close: Unicode.Scalar = open == "{" ? "}" : ")"
            advance()
            if type == "comment" || type == "preamble" {
                _ = try balanced(until: close, startLine: startLine)
                return nil
            }
            skipSpace()
            if type == "string" {
                let name = identifier().lowercased()
                skipSpace()
                guard current == "=" else { throw SyntaxError(message: "@string without =", line: line) }
                advance()
                do {
                    macros[name] = try value(startLine: startLine)
                    refusedMacros.remove(name)
                } catch let error as SyntaxError {
                    refusedMacros.insert(name)
                    macros[name] = nil
                    throw SyntaxError(message: "@string \(name) refused: \(error.message)", line: error.line)
                }
                skipSpace()
                if current == close { advance() }
                return nil
            }
            var key = ""
            // The key runs to the first comma; an entry may have no key at all.
            while let scalar = current, scalar != ",", scalar != close {
                if !scalar.properties.isWhitespace { key.unicodeScalars.append(scalar) }
                advance()
            }
            var entry = Entry(type: type, key: key, fields: [:], line: startLine)
            while true {
                skipSpace()
                guard let scalar = current else {
                    throw SyntaxError(message: "entry \(key) is not closed before the end of the file", line: startLine)
                }
                if scalar == close {
                    advance()
                    return entry
                }
                if scalar == "," {
                    advance()
                    continue
                }
                let name = identifier().lowercased()
                skipSpace()
                guard !name.isEmpty, current == "=" else {
                    throw SyntaxError(message: "entry \(key): expected `name = value` at line \(line)", line: line)
                }
                advance()
                entry.fields[name] = try value(startLine: startLine)
            }
        }

        /// A value: parts joined with `#`, each length checked before it is appended.
        mutating func value(startLine: Int) throws -> String {
            var result = ""
            func append(_ part: String, line: Int) throws {
                guard result.utf8.count + part.utf8.count <= BibTeXReader.maximumValueLength else {
                    throw SyntaxError(
                        message: "the value is longer than \(BibTeXReader.maximumValueLength >> 20) MB once its @string macros are expanded",
                        line: line)
                }
                result += part
            }
            while true {
                skipSpace()
                guard let scalar = current else { throw SyntaxError(message: "value not finished before the end of the file", line: line) }
                if scalar == "{" {
                    advance()
                    try append(try balanced(until: "}", startLine: line), line: line)
                } else if scalar == "\"" {
                    advance()
                    try append(try quoted(startLine: line), line: line)
                } else {
                    let wordLine = line
                    let word = identifier()
                    guard !word.isEmpty else { throw SyntaxError(message: "missing value at line \(line)", line: line) }
                    let name = word.lowercased()
                    if word.allSatisfy(\.isNumber) {
                        try append(word, line: wordLine)
                    } else if let macro = macros[name] {
                        guard expanded + macro.utf8.count <= BibTeXReader.maximumExpansion else {
                            throw ExpansionLimit(
                                message: "@string macros expand to more than \(BibTeXReader.maximumExpansion >> 20) MB in this file (a macro bomb?); the file is refused",
                                line: wordLine)
                        }
                        try append(macro, line: wordLine)
                        expanded += macro.utf8.count
                    } else if refusedMacros.contains(name) {
                        throw SyntaxError(message: "the value uses @string \(word), which was refused for its length", line: wordLine)
                    } else {
                        try append(word, line: wordLine)
                    }
                }
                skipSpace()
                if current == "#" {
                    advance()
                    continue
                }
                return result
            }
        }

        /// Text up to the matching `close`, nested braces kept.
        mutating func balanced(until close: Unicode.Scalar, startLine: Int) throws -> String {
            var depth = 0
            var text = String.UnicodeScalarView()
            while let scalar = current {
                if scalar == "\\", index + 1 < scalars.count {
                    text.append(scalar)
                    advance()
                    text.append(scalars[index])
                    advance()
                    continue
                }
                if scalar == close, depth == 0 {
                    advance()
                    return String(text)
                }
                if scalar == "{" { depth += 1 }
                if scalar == "}" { depth -= 1 }
                text.append(scalar)
                advance()
            }
            throw SyntaxError(message: "a brace opened here is never closed", line: startLine)
        }

        /// A `"…"` value; braces inside may hold quotes.
        mutating func quoted(startLine: Int) throws -> String {
            var depth = 0
            var text = String.UnicodeScalarView()
            while let scalar = current {
                if scalar == "\\", index + 1 < scalars.count {
                    text.append(scalar)
                    advance()
                    text.append(scalars[index])
                    advance()
                    continue
                }
                if scalar == "\"", depth == 0 {
                    advance()
                    return String(text)
                }
                if scalar == "{" { depth += 1 }
                if scalar == "}" { depth -= 1 }
                text.append(scalar)
                advance()
            }
            throw SyntaxError(message: "a quote opened here is never closed", line: startLine)
        }
    }
}
