import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP

/// Runs a ``ConnectorSpec``: pages through each search, and when the total exceeds the database's cap
/// splits it into year windows (bisected, or one per year, then by category) whose totals each fit,
/// checking that the windows add up to the whole.
package struct DeclarativeConnector: Connector {
    /// The spec this connector runs.
    package let spec: ConnectorSpec
    package var descriptor: ConnectorDescriptor { spec.descriptor }

    /// Creates the connector for `spec`.
    package init(spec: ConnectorSpec) {
        self.spec = spec
    }

    /// A slice of the search: a year window and a category, either optional.
    struct Slice: CustomStringConvertible {
        var from: SimpleDate?
        var until: SimpleDate?
        var category: String?

        var description: String {
            var parts: [String] = []
            if let from, let until {
                parts.append(from.year == until.year ? "\(from.year)" : "\(from.year)–\(until.year)")
            }
            if let category { parts.append("category \(category)") }
            return parts.isEmpty ? "the whole search" : parts.joined(separator: ", ")
        }
    }

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the \(descriptor.id) query is empty") }
        var session = Session(spec: spec, context: context, query: text)
        if descriptor.key?.isRequired == true {
            session.key = try context.settings.requiredKey(for: descriptor)
        } else {
            session.key = context.settings.apiKey
        }

        var diagnostics: [Diagnostic] = []
        var start = Slice()
        if query.from != nil || query.until != nil {
            switch spec.request.dateFilter {
            case .none:
                diagnostics.append(Diagnostic(
                    .warning, "\(descriptor.name) cannot filter by date; the limits were not applied"))
            case .added, .publication:
                let from = query.from ?? Self.firstDay(of: spec.split?.earliestYear ?? 1800)
                let until = query.until ?? SimpleDate.today()
                start.from = from
                start.until = until
                if spec.request.dateFilter == .publication {
                    diagnostics.append(Diagnostic(
                        .note, "\(descriptor.name) filters by publication year: limits applied as years "
                            + "\(from.year)–\(until.year)"))
                }
            }
        }

        let wanted = query.limit ?? Int.max
        var collected = Collected(wanted: wanted)
        var problems: [String] = []
        var windows: [DateWindow] = []
        var firstTotal: Int?

        // Windows the request cannot express as one (a range when it takes only `{year}`) start as years.
        var pending: [Slice] = needsYears(start) ? years(of: start) : [start]
        let cutIntoYears = pending.count > 1
        var splitPastCap = false
        var isSplit: Bool { cutIntoYears || splitPastCap }
        var windowTotal = 0
        while let slice = pending.first, collected.records.count < wanted {
            pending.removeFirst()
            try context.checkCancellation()
            let first = try session.fetch(slice, pageIndex: 0, cursor: nil)
            diagnostics += first.diagnostics
            if firstTotal == nil, !isSplit { firstTotal = first.total }
            let total = first.total
            if let total, let cap = spec.paging.cap, total > cap, collected.records.count + cap < wanted {
                if let parts = split(slice) {
                    splitPastCap = true
                    pending.insert(contentsOf: parts, at: 0)
                    continue
                }
                problems.append(
                    "\(slice) has \(total) records, more than the \(cap) \(descriptor.name) returns for one query, "
                        + "and cannot be split further; only the first \(cap) were retrieved")
            }
            windowTotal += total ?? 0
            let retrieved = try retrieve(slice, first: first, session: &session, collected: &collected,
                diagnostics: &diagnostics, progressTotal: firstTotal)
            if collected.records.count < wanted,
                let shortfall = SearchResult.Shortfall(
                    retrieved: retrieved, reported: total, wanted: spec.paging.cap ?? Int.max, scope: "\(slice)")
            {
                problems.append(shortfall.description)
            }
            if let from = slice.from, let until = slice.until, isSplit, let total, total > 0 {
                windows.append(DateWindow(from: from, until: until, reportedCount: total))
            }
        }

        if isSplit {
            let reason =
                splitPastCap
                ? "more than \(spec.paging.cap ?? 0) hits" : "\(descriptor.name) filters one year at a time"
            diagnostics.append(Diagnostic(
                .note, "\(reason): searched \(windows.count) windows with hits whose counts add up to \(windowTotal)"
                    + (firstTotal.map { " (total reported: \($0))" } ?? "")))
            if let firstTotal, windowTotal < firstTotal, collected.records.count < wanted {
                problems.append(
                    "the windows' counts add up to \(windowTotal) but the whole search reported \(firstTotal) "
                        + "(records without a year, or outside \(start.from?.year ?? spec.split?.earliestYear ?? 0)–"
                        + "\((start.until ?? SimpleDate.today()).year), cannot be reached by splitting)")
            }
        }
        let completeness = SearchResult.Completeness(problems: problems)
        return SearchResult(
            records: collected.records, reportedCount: firstTotal ?? (isSplit ? windowTotal : nil), querySent: text,
            diagnostics: diagnostics, completeness: completeness, windows: windows)
    }

    /// Records so far, without repeats across pages and windows.
    struct Collected {
        var wanted: Int
        var records: [Record] = []
        var seen = Set<String>()

        /// Adds `records`; returns how many were new.
        mutating func add(_ page: [Record]) -> Int {
            var added = 0
            for record in page where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
                added += 1
            }
            return added
        }
    }

    /// Pages through one slice whose first page is `first`; returns the records it contributed.
    private func retrieve(
        _ slice: Slice, first: DeclarativePage, session: inout Session, collected: inout Collected,
        diagnostics: inout [Diagnostic], progressTotal: Int?
    ) throws -> Int {
        let limit = min(first.total ?? Int.max, spec.paging.cap ?? Int.max)
        var page = first
        var pageIndex = 0
        var received = page.records.count
        var retrieved = collected.add(page.records)
        session.context.progress?(collected.records.count, progressTotal)
        while received < limit, collected.records.count < collected.wanted, spec.paging.mode != .none {
            if page.records.isEmpty { break }
            if spec.paging.mode == .cursor, page.cursor == nil { break }
            try session.context.checkCancellation()
            pageIndex += 1
            let previousCursor = page.cursor
            page = try session.fetch(slice, pageIndex: pageIndex, cursor: page.cursor)
            diagnostics += page.diagnostics
            received += page.records.count
            retrieved += collected.add(page.records)
            session.context.progress?(collected.records.count, progressTotal)
            if spec.paging.mode == .cursor, page.cursor == previousCursor { break }
        }
        return retrieved
    }

    /// Whether `slice` is a multi-year window that the request can only send one year at a time.
    private func needsYears(_ slice: Slice) -> Bool {
        guard let from = slice.from, let until = slice.until, from.year != until.year else { return false }
        return spec.split?.mode == .each || !spec.takesYearRange
    }

    /// `slice` as one slice per year.
    private func years(of slice: Slice) -> [Slice] {
        guard let from = slice.from, let until = slice.until, from.year <= until.year else { return [slice] }
        return (from.year...until.year).map { year in
            Slice(
                from: max(from, Self.firstDay(of: year)),
                until: min(until, Self.lastDay(of: year)), category: slice.category)
        }
    }

    /// The parts `slice` splits into, or nil when it cannot be split further.
    private func split(_ slice: Slice) -> [Slice]? {
        guard let split = spec.split else { return nil }
        let from = slice.from ?? Self.firstDay(of: split.earliestYear)
        let until = slice.until ?? SimpleDate.today()
        if from.year < until.year {
            let whole = Slice(from: from, until: until, category: slice.category)
            if split.mode == .each { return years(of: whole) }
            let middle = from.year + (until.year - from.year) / 2
            return [
                Slice(from: from, until: Self.lastDay(of: middle), category: slice.category),
                Slice(from: Self.firstDay(of: middle + 1), until: until, category: slice.category),
            ]
        }
        if slice.from == nil { return [Slice(from: from, until: until, category: slice.category)] }
        guard slice.category == nil, !split.categories.isEmpty else { return nil }
        return split.categories.map { Slice(from: slice.from, until: slice.until, category: $0) }
    }
}

extension DeclarativeConnector {
    /// 1 January of `year` (years before 1 are taken as 1).
    static func firstDay(of year: Int) -> SimpleDate {
        SimpleDate(year: max(1, year), month: 1, day: 1) ?? SimpleDate(dayNumber: 0)
    }

    /// 31 December of `year`.
    static func lastDay(of year: Int) -> SimpleDate {
        firstDay(of: year + 1).adding(days: -1)
    }
}

extension ConnectorSpec {
    /// Whether the request can send a multi-year window in one go.
    var takesYearRange: Bool {
        let used = request.parameters.reduce(request.url.placeholders) { $0.union($1.value.placeholders) }
        return !used.intersection([.fromYear, .untilYear, .fromDate, .untilDate, .fromDateCompact, .untilDateCompact])
            .isEmpty
    }
}
