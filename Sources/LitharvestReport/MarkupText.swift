/// Text helpers the SVG diagram and the HTML report share: escaping for XML and HTML, and line wrapping by an
/// estimated width (an SVG `<text>` does not wrap by itself).
enum MarkupText {
    /// `text` safe inside an element or a double- or single-quoted attribute, in XML and in HTML. Control
    /// characters XML forbids are dropped, so stray bytes from a database cannot make the file unreadable.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The width of `text` in ems, estimated: Hangul, CJK and full-width forms take a full em, everything else
    /// a generous 0.6 em, so wrapped lines stay inside their box in any sans-serif font.
    static func estimatedWidth(_ text: Substring) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1.0 : 0.6) }
    }

    /// `text` broken into lines of at most `ems` estimated width, at spaces where possible.
    static func wrap(_ text: String, ems: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if estimatedWidth(Substring(candidate)) <= ems {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            // A word wider than the box (a long URL or an unspaced Korean phrase) is cut where it must be.
            for character in word {
                if estimatedWidth(Substring(line + String(character))) > ems, !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x303F, 0x3130...0x318F, 0x3200...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFF00...0xFF60, 0xFFE0...0xFFE6:
            return true
        default:
            return false
        }
    }
}
