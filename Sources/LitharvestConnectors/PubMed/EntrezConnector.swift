package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Foundation

/// PubMed and PubMed Central through NCBI E-utilities: ESearch on the History server, then EFetch in
/// batches from it. Searches with more hits than ESearch can page (9,999) are split into creation-date
/// windows, bisected until each fits, and the windows' counts are checked against the total.
package struct EntrezConnector: Connector {
    /// The Entrez database searched.
    package enum Database: String, Sendable {
        case pubmed, pmc
    }

    /// Which Entrez database this instance searches.
    package let database: Database
    package let descriptor: ConnectorDescriptor

    /// ESearch cannot page past this many ids for PubMed (and, reportedly, PMC).
    static let pagingCap = 9_999
    /// Queries longer than this go by POST (NCBI advises it for "more than several hundred characters").
    static let postThreshold = 300
    static let defaultBatchSize = 500
    static let defaultEndpoint = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"

    /// Creates the connector for `database`.
    package init(database: Database) {
        self.database = database
        self.descriptor = Self.descriptor(for: database)
    }

    static func descriptor(for database: Database) -> ConnectorDescriptor {
        let key = KeyRequirement(
            isRequired: false, environmentVariable: "NCBI_API_KEY",
            howToObtain: "optional; raises NCBI's limit from 3 to 10 requests/s. Create one under Account "
                + "settings → API Key Management at https://account.ncbi.nlm.nih.gov/",
            requestsPerSecondWithKey: 10)
        switch database {
        case .pubmed:
            return ConnectorDescriptor(
                id: "pubmed", name: "MEDLINE/PubMed", platform: "NCBI E-utilities", access: .api, key: key,
                defaultEndpoint: defaultEndpoint, defaultRequestsPerSecond: 3, supportsDateWindow: true,
                version: "1.0", options: EntrezOptions.all)
        case .pmc:
            return ConnectorDescriptor(
                id: "pmc", name: "PubMed Central (PMC)", platform: "NCBI E-utilities", access: .api, key: key,
                defaultEndpoint: defaultEndpoint, defaultRequestsPerSecond: 3, supportsDateWindow: true,
                version: "1.0", options: EntrezOptions.all)
        }
    }

    /// The Entrez date type used for windows: creation date for PubMed (entry dates are back-dated for late
    /// additions), entry date for PMC.
    var windowDateType: String { database == .pubmed ? "crdt" : "edat" }

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let term = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !term.isEmpty else { throw ConnectorError(.invalidQuery, "the \(database.rawValue) query is empty") }
        let session = EntrezSession(database: database, context: context)
        var diagnostics: [Diagnostic] = []
        if context.settings.email == nil {
            diagnostics.append(Diagnostic(
                .note, "no contact e-mail configured; NCBI asks for one (set `email:` or LITHARVEST_EMAIL)"))
        }

        // The database version belongs in the search log, but a search does not fail for want of it.
        do {
            diagnostics.append(try session.einfo().note)
        } catch let error as ConnectorError where error.kind != .cancelled {
            diagnostics.append(Diagnostic(.note, "database version unknown: \(error.message)"))
        }

        let hasWindow = query.from != nil || query.until != nil
        let overall = DateRange(
            from: query.from ?? SimpleDate(year: 1800, month: 1, day: 1)!, until: query.until ?? SimpleDate.today())
        let first = try session.esearch(term: term, window: hasWindow ? overall : nil)
        diagnostics += first.diagnostics
        var plan = WindowPlan()
        plan.windowTotal = first.count
        if first.count > Self.pagingCap {
            plan.windows = try split(overall, count: first.count, term: term, session: session, plan: &plan)
        } else {
            plan.windows = [PlannedWindow(range: hasWindow ? overall : nil, result: first)]
        }

        let batchSize = context.settings.integer(EntrezOptions.pageSize)
        var records: [Record] = []
        var seen = Set<String>()
        var fetchNotes: [String] = []
        let wanted = query.limit ?? Int.max
        windows: for window in plan.windows {
            guard let webEnv = window.result.webEnv, let queryKey = window.result.queryKey else {
                if window.result.count > 0 {
                    throw ConnectorError(.unexpectedResponse, "ESearch gave no WebEnv/QueryKey for a non-empty result")
                }
                continue
            }
            let available = min(window.result.count, Self.pagingCap)
            var start = 0
            var retrievedHere = 0
            while start < available, records.count < wanted {
                try context.checkCancellation()
                let size = min(batchSize, available - start, wanted - records.count)
                let page = try session.efetch(webEnv: webEnv, queryKey: queryKey, start: start, count: size)
                diagnostics += page.diagnostics
                for record in page.records where seen.insert(record.nativeID).inserted {
                    records.append(record)
                    retrievedHere += 1
                    if records.count >= wanted { break }
                }
                context.progress?(records.count, first.count)
                if page.records.isEmpty {
                    fetchNotes.append("EFetch returned nothing at offset \(start) of \(available)")
                    break
                }
                start += size
            }
            if records.count >= wanted { break windows }
            if let shortfall = SearchResult.Shortfall(retrieved: retrievedHere, reported: window.result.count) {
                fetchNotes.append(shortfall.brief + " reported" + (window.range.map { " in \($0)" } ?? ""))
            }
        }

        let completeness = SearchResult.Completeness(
            retrieved: records.count, reported: first.count, wanted: wanted, source: descriptor.name,
            detail: fetchNotes.isEmpty ? nil : fetchNotes.joined(separator: "; "), problems: plan.problems)
        if plan.windows.count > 1 {
            diagnostics.append(Diagnostic(
                .note,
                "more than \(Self.pagingCap) hits: searched \(plan.windows.count) \(windowDateType.uppercased()) date "
                    + "windows whose counts add up to \(plan.windowTotal) (total reported: \(first.count))"))
        }
        return SearchResult(
            records: records,
            reportedCount: first.count,
            querySent: term,
            queryTranslation: first.queryTranslation,
            diagnostics: diagnostics,
            completeness: completeness,
            windows: plan.windows.compactMap { window in
                window.range.map { DateWindow(from: $0.from, until: $0.until, reportedCount: window.result.count) }
            })
    }

    /// Bisects `range` until every window fits under the paging cap; each window keeps the ESearch
    /// answer (count and History handle) it was probed with.
    private func split(
        _ range: DateRange, count: Int, term: String, session: EntrezSession, plan: inout WindowPlan
    ) throws -> [PlannedWindow] {
        var pending = [range]
        var done: [PlannedWindow] = []
        while let current = pending.popLast() {
            try session.context.checkCancellation()
            guard let (left, right) = current.halves else { continue }
            for half in [left, right] {
                let result = try session.esearch(term: term, window: half)
                if result.count <= Self.pagingCap {
                    done.append(PlannedWindow(range: half, result: result))
                } else if half.halves != nil {
                    pending.append(half)
                } else {
                    plan.problems.append(
                        "the single day \(half.from) has \(result.count) records, more than ESearch can page "
                            + "(\(Self.pagingCap)); only the first \(Self.pagingCap) of that day were retrieved")
                    done.append(PlannedWindow(range: half, result: result))
                }
            }
        }
        done.sort { ($0.range?.from.dayNumber ?? 0) < ($1.range?.from.dayNumber ?? 0) }
        plan.windowTotal = done.reduce(0) { $0 + $1.result.count }
        if plan.windowTotal != count {
            plan.problems.append(
                "the date windows' counts add up to \(plan.windowTotal) but the whole search reported \(count) "
                    + "(records added or changed during the run, or records without a creation date)")
        }
        return done.filter { $0.result.count > 0 }
    }
}

/// An inclusive range of days.
struct DateRange: CustomStringConvertible {
    var from: SimpleDate
    var until: SimpleDate

    /// The two halves, or nil for a single day.
    var halves: (DateRange, DateRange)? {
        let first = from.dayNumber
        let last = until.dayNumber
        guard last > first else { return nil }
        let middle = first + (last - first) / 2
        return (
            DateRange(from: from, until: SimpleDate(dayNumber: middle)),
            DateRange(from: SimpleDate(dayNumber: middle + 1), until: until)
        )
    }

    var description: String { "\(from)…\(until)" }
}

struct PlannedWindow {
    var range: DateRange?
    var result: ESearchResult
}

struct WindowPlan {
    var windows: [PlannedWindow] = []
    var windowTotal = 0
    var problems: [String] = []
}

extension EntrezConnector: RegisteredConnector {
    static let listPosition = 10
    static var factories: [ConnectorFactory] { [pubmedFactory, pmcFactory] }

    /// PubMed: the connector and its efetch-XML file parser.
    static let pubmedFactory = ConnectorFactory(
        descriptor: EntrezConnector.descriptor(for: .pubmed), fileParser: PubMedArticleParser()
    ) { EntrezConnector(database: .pubmed) }

    /// PMC: the connector and its JATS file parser.
    static let pmcFactory = ConnectorFactory(
        descriptor: EntrezConnector.descriptor(for: .pmc), fileParser: PMCArticleParser()
    ) { EntrezConnector(database: .pmc) }
}
