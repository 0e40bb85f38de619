import Foundation
import LitharvestCore
import LitharvestModel

/// The ways RISS writes titles, authors and volume/issue, shared by the search pages, the Excel export
/// and the OpenAPI.
enum RISSFields {
    /// RISS joins a parallel title with " = " (`치과 영양학 = Dental nutrition`): the first part is the
    /// title, the rest the other-language title.
    static func titles(_ value: String?) -> (title: String?, other: String?) {
        guard let text = SourceText.plain(value) else { return (nil, nil) }
        guard let range = text.range(of: " = ") else { return (text, nil) }
        let title = Normalize.text(String(text[..<range.lowerBound]))
        let other = Normalize.text(String(text[range.upperBound...]))
        return title == nil ? (text, nil) : (title, other)
    }

    /// `Vol.28No.1[2025]`, `Vol.64 No.1`, `Vol.-No.12`, `Vol.79 No.9//Sup` → volume and issue; `-` means none.
    static func volumeIssue(_ value: String?) -> (volume: String?, issue: String?) {
        guard var text = Normalize.text(value) else { return (nil, nil) }
        if let bracket = text.firstIndex(of: "[") { text = String(text[..<bracket]) }
        func clean(_ part: Substring) -> String? {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed == "-" ? nil : trimmed
        }
        guard let volumeMark = text.range(of: "Vol.", options: .caseInsensitive) else {
            if let issueMark = text.range(of: "No.", options: .caseInsensitive) {
                return (nil, clean(text[issueMark.upperBound...]))
            }
            return (nil, nil)
        }
        let afterVolume = text[volumeMark.upperBound...]
        guard let issueMark = afterVolume.range(of: "No.", options: .caseInsensitive) else {
            return (clean(afterVolume), nil)
        }
        return (clean(afterVolume[..<issueMark.lowerBound]), clean(afterVolume[issueMark.upperBound...]))
    }

    /// One RISS author: `정용석 ( Yong-seok Chung )` or `신혜지(Hye Ji Sin)` keeps the bracketed romanised
    /// form as an alternate name (in RISS it is never an affiliation); `( Hong Sun Jang )` alone is the name;
    /// `Jain, Akhil` is split into family and given names.
    static func author(_ value: String?) -> Author? {
        guard var name = SourceText.plain(value) else { return nil }
        var alternates: [String] = []
        if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            let inner = Normalize.text(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
            let before = Normalize.text(String(name[..<open]))
            if let before {
                if let inner { alternates.append(inner) }
                name = before
            } else if let inner {
                name = inner
            }
        }
        guard name.lowercased() != "unknown" else { return nil }
        let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            return Author(family: parts[0], given: parts[1], alternateNames: alternates)
        }
        return Author(literal: name, alternateNames: alternates)
    }

    /// The export's comma-separated author list. Commas also sit inside `Family, Given` names, so a piece
    /// without Hangul that directly follows a Latin piece without a bracket is joined back to it.
    static func authors(_ value: String?) -> [Author] {
        guard let text = SourceText.plain(value) else { return [] }
        var names: [String] = []
        for piece in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
            if let last = names.last, !last.contains(","), !last.contains("("), !containsHangul(last),
                !containsHangul(piece), !piece.contains("("), last.split(separator: " ").count == 1
            {
                names[names.count - 1] = last + ", " + piece
            } else {
                names.append(piece)
            }
        }
        return names.compactMap(author)
    }

    static func containsHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) || (0x1100...0x11FF).contains($0.value) }
    }

    /// The names RISS gives its material types (`p_mat_type` in detail links, `colName` in searches).
    static func materialName(matType: String?) -> String? {
        switch matType {
        case "1a0202e37d52c72d": "국내학술논문 (domestic journal article)"
        case "e21c2016a7c3498b": "해외학술논문 (foreign journal article)"
        case "be54d9b8bc7cdb09": "학위논문 (thesis)"
        case "d7345961987b50bf": "단행본 (book)"
        case "6b4a196b69d9bee2": "연구보고서 (research report)"
        default: nil
        }
    }

    /// The canonical detail-page link of a record.
    static func detailURL(matType: String?, controlNumber: String) -> String {
        "https://www.riss.kr/search/detail/DetailView.do?" + (matType.map { "p_mat_type=\($0)&" } ?? "")
            + "control_no=\(controlNumber)"
    }

    /// A query parameter of `href` (RISS links are relative, with `&amp;` already decoded).
    static func parameter(_ name: String, in href: String) -> String? {
        guard let question = href.firstIndex(of: "?") else { return nil }
        for pair in href[href.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]).removingPercentEncoding ?? String(parts[1]) }
        }
        return nil
    }
}
