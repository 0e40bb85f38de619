import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel

/// One search of Europe PMC's REST `search`, paged with `cursorMark` (`*`, then each answer's
/// `nextCursorMark`) until the reported `hitCount` is retrieved, the query's limit is reached, or Europe PMC ends
/// the cursor (it repeats the cursor sent, or leaves `nextCursorMark` out, on the last page).
struct EuropePMCSearch {
    let context: SearchContext

    /// Europe PMC's largest `pageSize`.
    static let maxPageSize = 1_000
    static let defaultPageSize = 500

    /// The search URL: the endpoint as given, or with `search` appended when it ends in `/` (a mirror's base).
    var url: String {
        let endpoint = context.settings.endpoint
        return endpoint.hasSuffix("/") ? endpoint + "search" : endpoint
    }

    func run(_ query: Query) throws -> SearchResult {
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConnectorError(.invalidQuery, "the europepmc query is empty") }
        let sent = Self.queryString(
            text, from: query.from, until: query.until, dateField: dateField(), sources: try sources())
        let pageSize = context.settings.integer(EuropePMCOptions.pageSize)
        let wanted = query.limit ?? Int.max

        var records: [Record] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var total: Int?
        var cursor = "*"
        var pageNumber = 1
        while true {
            try context.checkCancellation()
            let size = min(pageSize, max(1, wanted - records.count))
            let page: EuropePMCResponseParser.Page
            do {
                page = try fetch(sent, cursor: cursor, size: size)
            } catch let error as ConnectorError where error.kind != .cancelled && total != nil {
                // The records already read stay; the job is partial with the reason.
                problems.append("page \(pageNumber) failed after \(records.count) records: \(error)")
                break
            }
            diagnostics += page.diagnostics
            if let first = total, first != page.total {
                diagnostics.append(Diagnostic(
                    .warning, "Europe PMC's hitCount changed from \(first) to \(page.total) on page \(pageNumber)"))
            }
            let reported = total ?? page.total
            total = reported
            let before = records.count
            for record in page.records where records.count < wanted && seen.insert(record.nativeID).inserted {
                records.append(record)
            }
            context.progress?(records.count, reported)
            if records.count >= min(wanted, reported) { break }
            if page.records.isEmpty {
                problems.append("Europe PMC returned an empty page \(pageNumber) after \(records.count) records")
                break
            }
            guard let next = page.nextCursor, next != cursor else {
                problems.append("Europe PMC ended the cursor on page \(pageNumber)")
                break
            }
            if records.count == before {
                problems.append("page \(pageNumber) repeated records already retrieved; no progress")
                break
            }
            cursor = next
            pageNumber += 1
        }
        return SearchResult(
            records: records, reportedCount: total, querySent: sent, diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "Europe PMC", problems: problems))
    }

    /// The query as sent: the review's query, then the date limit and the sources, each ANDed in brackets.
    static func queryString(
        _ text: String, from: SimpleDate?, until: SimpleDate?, dateField: String, sources: [String]
    ) -> String {
        var parts = ["(\(text))"]
        if from != nil || until != nil {
            // Europe PMC's ranges are inclusive; an open end is written as a far date.
            let lower = from?.description ?? "1000-01-01"
            let upper = until?.description ?? "3000-12-31"
            parts.append("(\(dateField):[\(lower) TO \(upper)])")
        }
        if !sources.isEmpty {
            parts.append("(" + sources.map { "SRC:\($0)" }.joined(separator: " OR ") + ")")
        }
        return parts.count == 1 ? text : parts.joined(separator: " AND ")
    }

    /// The Europe PMC field the date limits filter on.
    func dateField() -> String {
        context.settings.text(EuropePMCOptions.dateField) == "publication" ? "FIRST_PDATE" : "INDEX_DATE"
    }

    /// The `sources` option as `SRC:` codes.
    ///
    /// - Throws: ``ConnectorError/Kind/invalidQuery`` for a code Europe PMC does not have.
    func sources() throws -> [String] {
        guard let option = context.settings.text(EuropePMCOptions.sources) else { return [] }
        let codes = option.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.uppercased() }
        let unknown = codes.filter { !EuropePMCRecordMapper.knownSources.contains($0) }
        guard unknown.isEmpty else {
            throw ConnectorError(
                .invalidQuery,
                "option 'sources' for europepmc: unknown source \(unknown.joined(separator: ", ")) (known: "
                    + EuropePMCRecordMapper.knownSources.sorted().joined(separator: ", ") + ")")
        }
        return codes
    }

    /// Queries longer than this go by POST to `searchPOST`, so a long strategy never meets a URL length limit.
    static let postThreshold = 1_500

    /// One page.
    private func fetch(_ query: String, cursor: String, size: Int) throws -> EuropePMCResponseParser.Page {
        var items = [
            QueryItem("query", query), QueryItem("resultType", "core"), QueryItem("format", "json"),
            QueryItem("pageSize", String(size)), QueryItem("cursorMark", cursor),
        ]
        if let email = context.settings.email { items.append(QueryItem("email", email)) }
        // Europe PMC's POST twin of `search` is `searchPOST` beside it; an endpoint not ending in `search` keeps GET.
        let request =
            query.count > Self.postThreshold && url.hasSuffix("/search")
            ? HTTPRequest.post(url + "POST", form: items, userAgent: context.settings.userAgent)
            : HTTPRequest.get(url, query: items, userAgent: context.settings.userAgent)
        let response = try context.send(request)
        try XMLAnswerCheck.require(response, url: request.url, service: "Europe PMC")
        return try EuropePMCResponseParser().parse(response.body, source: request.url)
    }
}
