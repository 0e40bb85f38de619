import LitharvestCore
import LitharvestModel

/// An inclusive range of publication years.
struct YearRange: Equatable {
    var from: Int
    var until: Int

    /// NAL's `option` parameter.
    var option: String { "발행년도,\(from)|발행년도,\(until)" }

    var halves: (YearRange, YearRange)? {
        guard until > from else { return nil }
        let middle = from + (until - from) / 2
        return (YearRange(from: from, until: middle), YearRange(from: middle + 1, until: until))
    }
}

/// One slice of the search and its first page.
struct NALWindow {
    var years: YearRange?
    var first: NALResponse
    var count: Int

    var dateWindow: DateWindow? {
        guard let years, let from = SimpleDate(year: years.from, month: 1, day: 1),
            let until = SimpleDate(year: years.until, month: 12, day: 31)
        else { return nil }
        return DateWindow(from: from, until: until, reportedCount: count)
    }
}

/// How the search is paged and sliced.
struct NALPlan {
    var pageSize: Int
    var maxPages: Int
    var windows: [NALWindow] = []
    var problems: [String] = []

    /// The most records one search can page through.
    var cap: Int { maxPages * pageSize }

    /// Bisects `range` until every window fits under the cap; checks the windows add up to `total`.
    mutating func split(_ range: YearRange, total: Int, client: NALClient) throws {
        var pending = [range]
        var done: [NALWindow] = []
        while let current = pending.popLast() {
            try client.context.checkCancellation()
            guard let (left, right) = current.halves else { continue }
            for half in [left, right] {
                let probe = try client.page(1, size: pageSize, years: half)
                let count = try NALConnector.total(of: probe, client: client)
                if count <= cap {
                    if count > 0 { done.append(NALWindow(years: half, first: probe, count: count)) }
                } else if half.halves != nil {
                    pending.append(half)
                } else {
                    problems.append(
                        "the year \(half.from) alone has \(count) records, more than NAL pages (\(cap)); only the "
                            + "first \(cap) of that year were retrieved")
                    done.append(NALWindow(years: half, first: probe, count: count))
                }
            }
        }
        done.sort { ($0.years?.from ?? 0) < ($1.years?.from ?? 0) }
        windows = done
        let sum = done.reduce(0) { $0 + $1.count }
        if sum != total {
            problems.append(
                "the year windows \(range.from)–\(range.until) add up to \(sum) records but the search reported "
                    + "\(total) (records without a publication year, or outside those years)")
        }
    }
}
