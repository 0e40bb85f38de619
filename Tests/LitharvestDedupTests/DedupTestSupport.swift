import Foundation
import LitharvestModel
import Testing

/// The text of a fixture file under `Fixtures/<folder>/`.
func fixtureText(_ name: String, folder: String) throws -> String {
    let url = try #require(
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(folder)"),
        "missing fixture Fixtures/\(folder)/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

/// Rows of a small, well-formed CSV fixture as dictionaries (tests only; the product reads CSV through
/// LitharvestFormats).
func csvRows(_ text: String) -> [[String: String]] {
    var rows: [[String]] = []
    var field = ""
    var row: [String] = []
    var inQuotes = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
        if inQuotes {
            if character == "\"" {
                if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { inQuotes = false }
            } else { field.append(character) }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            row.append(field); field = ""
        } else if character == "\n" || character == "\r\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else if character != "\r" {
            field.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { values in
        Dictionary(zip(header, values).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A bib-dedupe CSV row as a record (authors `Last, First and …`).
func record(fromBibDedupe row: [String: String]) -> Record {
    func value(_ key: String) -> String? { row[key].flatMap { $0.isEmpty ? nil : $0 } }
    let authors = (value("author") ?? "").components(separatedBy: " and ").compactMap { name -> Author? in
        let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let family = parts.first, !family.isEmpty else { return nil }
        return Author(family: family, given: parts.count > 1 ? parts[1] : nil)
    }
    return Record(
        database: "csv", nativeID: row["ID"] ?? "", title: value("title"), authors: authors,
        journal: value("journal") ?? value("booktitle"), date: value("year").flatMap(Int.init).map { PublicationDate(year: $0) },
        volume: value("volume"), issue: value("issue") ?? value("number"), pages: value("pages"), doi: value("doi"))
}

/// A journal article record for rule tests.
func article(
    _ id: String, database: String = "pubmed", title: String?, otherTitle: String? = nil,
    authors: [(String, String)] = [("Lim", "Sung-Hoon"), ("Park", "Ji-Young")], journal: String? = "Journal of Pain Research",
    year: Int? = 2011, volume: String? = "12", issue: String? = "3", pages: String? = "221-228", doi: String? = nil,
    pmid: String? = nil, identifiers: [RecordIdentifier] = []
) -> Record {
    Record(
        database: database, nativeID: id, title: title, otherTitle: otherTitle,
        authors: authors.map { Author(family: $0.0, given: $0.1) }, journal: journal,
        date: year.map { PublicationDate(year: $0) }, volume: volume, issue: issue, pages: pages, doi: doi, pmid: pmid,
        identifiers: identifiers)
}
