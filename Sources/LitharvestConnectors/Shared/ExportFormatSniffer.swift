import Foundation

/// Recognises the export files databases hand out from their first lines: RIS (`TY  - ` somewhere near the
/// top, after Cochrane's `Record #n of N` header block) and comma-separated values with a header row.
enum ExportFormatSniffer {
    enum Format: String, Sendable {
        case ris, csv
    }

    static func format(of data: Data) -> Format? {
        var head = String(decoding: data.prefix(16 * 1024), as: UTF8.self)
        if head.hasPrefix("\u{FEFF}") { head.removeFirst() }
        let lines = head.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(40)
        if lines.contains(where: { $0.hasPrefix("TY  -") }) { return .ris }
        guard let first = lines.first, !first.hasPrefix("<"), !first.hasPrefix("{"), !first.hasPrefix("[") else {
            return nil
        }
        let columns = first.split(separator: ",", omittingEmptySubsequences: false)
        let header = first.lowercased()
        if columns.count >= 3, header.contains("title") { return .csv }
        return nil
    }
}
