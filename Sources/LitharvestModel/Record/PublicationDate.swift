/// A possibly partial date: year, or year and month, or a full date; `text` keeps a free-text original
/// (PubMed `MedlineDate` "1998 Dec-1999 Jan", a season).
package struct PublicationDate: Sendable, Hashable, Codable {
    /// Four-digit year.
    package var year: Int
    /// 1–12.
    package var month: Int?
    /// 1–31.
    package var day: Int?
    /// The source's own wording when it was not a plain date.
    package var text: String?

    /// Creates a date.
    package init(year: Int, month: Int? = nil, day: Int? = nil, text: String? = nil) {
        self.year = year
        self.month = month.flatMap { (1...12).contains($0) ? $0 : nil }
        self.day = self.month == nil ? nil : day.flatMap { (1...31).contains($0) ? $0 : nil }
        self.text = text
    }

    /// The CSL `date-parts` array: `[year]`, `[year, month]` or `[year, month, day]`.
    package var dateParts: [Int] {
        [year] + (month.map { [$0] } ?? []) + (day.map { [$0] } ?? [])
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    package var iso: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }
}
