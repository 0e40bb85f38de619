import Foundation

/// A calendar date without time or zone, as `YYYY-MM-DD` on the command line and in config.
package struct SimpleDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Year.
    package var year: Int
    /// 1–12.
    package var month: Int
    /// 1–31.
    package var day: Int

    /// Creates a date; nil when it does not exist (2023-02-30).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), year >= 1 else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` (first of the month) or `YYYY` (1 January).
    package init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0])
        else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
        let day = parts.count > 2 ? Int(parts[2]) ?? 0 : 1
        self.init(year: year, month: month, day: day)
    }

    package var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `YYYY/MM/DD`, the form E-utilities and several Korean APIs take.
    package var slashed: String { String(format: "%04d/%02d/%02d", year, month, day) }

    /// `YYYYMMDD`.
    package var compact: String { String(format: "%04d%02d%02d", year, month, day) }

    package static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for splitting windows.
    package var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    package init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// The date `days` later (earlier when negative).
    package func adding(days: Int) -> SimpleDate { SimpleDate(dayNumber: dayNumber + days) }

    /// Today in UTC.
    package static func today() -> SimpleDate {
        SimpleDate(dayNumber: Int((Double(time(nil)) / 86_400).rounded(.down)))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
