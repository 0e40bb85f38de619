package import LitharvestModel

/// The record formats litharvest prints.
package enum OutputFormat: String, CaseIterable, Sendable {
    /// A readable list for a terminal.
    case table
    /// JSON Lines: the full record, lossless.
    case jsonl
    /// CSL-JSON (Zotero, citeproc).
    case csljson
    /// RIS (Zotero, EndNote, Rayyan, Covidence, ASReview).
    case ris
    /// MEDLINE/PubMed text, `.nbib` (Zotero, EndNote, Rayyan, Covidence).
    case nbib
    /// BibTeX (JabRef, LaTeX, Zotero, Rayyan).
    case bibtex
    /// CSV with a documented header (ASReview, ASySD, Rayyan, spreadsheets).
    case csv

    /// A writer for this format into `sink`; `databaseLabels` names databases in RIS and CSV.
    package func writer(into sink: any ByteSink, databaseLabels: @escaping DatabaseLabels = { _ in nil }) -> any RecordWriter {
        switch self {
        case .table: TableWriter(sink: sink)
        case .jsonl: JSONLinesWriter(sink: sink)
        case .csljson: CSLJSONWriter(sink: sink)
        case .ris: RISWriter(sink: sink, databaseLabels: databaseLabels)
        case .nbib: MEDLINEWriter(sink: sink)
        case .bibtex: BibTeXWriter(sink: sink)
        case .csv: CSVWriter(sink: sink, databaseLabels: databaseLabels)
        }
    }

    /// The usual file extension (without the dot), e.g. for split output files.
    package var fileExtension: String {
        switch self {
        case .table: "txt"
        case .jsonl: "jsonl"
        case .csljson: "json"
        case .ris: "ris"
        case .nbib: "nbib"
        case .bibtex: "bib"
        case .csv: "csv"
        }
    }

    /// Whether the output is meant for programs (summaries then go to stderr).
    package var isMachineReadable: Bool { self != .table }
}
