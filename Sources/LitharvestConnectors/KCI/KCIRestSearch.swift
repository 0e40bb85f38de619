import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// One `articleSearch` run over KCI's REST Open API, paging with `page`/`displayCount` (at most 100)
/// until the reported total is retrieved. With option `details: true` each record is completed from
/// `articleDetail` (keywords, ISSN), which `articleSearch` omits: one more request per record.
struct KCIRestSearch {
    let context: SearchContext
    /// The `openApiSearch.kci` URL.
    let url: String

    /// KCI's largest `displayCount`.
    static let maxPageSize = 100

    func run(_ query: Query) throws -> SearchResult {
        let descriptor = KCIConnector.standardDescriptor
        let key = try context.settings.requiredKey(for: descriptor)
        var parameters = try KCIRestQuery.parameters(from: query.text)
        let dateField = context.settings.text(KCIOptions.dateField)?.lowercased() ?? "reg"
        guard dateField == "reg" || dateField == "mod" else {
            throw ConnectorError(.invalidQuery, "option 'date_field' for kci must be reg or mod, not '\(dateField)'")
        }
        if let from = query.from { parameters.append(QueryItem("\(dateField)DateFrom", from.compact)) }
        if let until = query.until { parameters.append(QueryItem("\(dateField)DateTo", until.compact)) }
        let pageSize = context.settings.integer(KCIOptions.pageSize)
        let wanted = query.limit ?? Int.max
        let withDetails = context.settings.bool(KCIOptions.details)

        var records: [Record] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var total = 0
        var page = 1
        while true {
            try context.checkCancellation()
            let answer: KCIRestAnswer
            do {
                let (fetched, pageDiagnostics) = try fetch(parameters, key: key, page: page, size: pageSize)
                answer = fetched
                diagnostics += pageDiagnostics
            } catch let error as ConnectorError where error.kind != .cancelled && page > 1 {
                problems.append("page \(page) failed after \(records.count) records: \(error)")
                break
            }
            if page == 1 {
                total = answer.isNoData ? 0 : answer.total ?? answer.records.count
                if answer.total == nil, !answer.isNoData, answer.records.count >= pageSize {
                    problems.append("KCI gave no <total>; only the first page was read")
                }
            }
            let before = records.count
            for record in answer.records where seen.insert(record.nativeID).inserted && records.count < wanted {
                var kept = record
                if withDetails { kept = try completed(record, key: key, diagnostics: &diagnostics) }
                records.append(kept)
            }
            context.progress?(records.count, total)
            if records.count >= min(wanted, total) { break }
            if answer.records.isEmpty {
                problems.append("KCI returned no records on page \(page)")
                break
            }
            if records.count == before {
                problems.append("page \(page) repeated records already retrieved; no progress")
                break
            }
            if page * pageSize >= total {
                break
            }
            page += 1
        }
        let sent = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return SearchResult(
            records: records, reportedCount: total, querySent: "apiCode=articleSearch&" + sent,
            diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "KCI", problems: problems))
    }

    /// One page of `articleSearch`.
    private func fetch(
        _ parameters: [QueryItem], key: String, page: Int, size: Int
    ) throws -> (KCIRestAnswer, [Diagnostic]) {
        try send(
            apiCode: "articleSearch", key: key,
            parameters + [QueryItem("page", String(page)), QueryItem("displayCount", String(size))])
    }

    /// `record` with the fields only `articleDetail` gives filled in; a detail that cannot be fetched
    /// leaves the record as it was, with a warning.
    private func completed(_ record: Record, key: String, diagnostics: inout [Diagnostic]) throws -> Record {
        let detail: Record
        do {
            let (answer, notes) = try send(apiCode: "articleDetail", key: key, [QueryItem("id", record.nativeID)])
            diagnostics += notes
            guard let first = answer.records.first(where: { $0.nativeID == record.nativeID }) else {
                diagnostics.append(Diagnostic(.warning, "articleDetail did not return \(record.nativeID)"))
                return record
            }
            detail = first
        } catch let error as ConnectorError where error.kind != .cancelled {
            diagnostics.append(Diagnostic(
                .warning, "articleDetail for \(record.nativeID) failed: \(error.message)", location: error.location))
            return record
        }
        var merged = record
        if merged.keywords.isEmpty { merged.keywords = detail.keywords }
        if merged.issns.isEmpty { merged.issns = detail.issns }
        if merged.languages.isEmpty { merged.languages = detail.languages }
        merged.abstract = merged.abstract ?? detail.abstract
        merged.doi = merged.doi ?? detail.doi
        return merged
    }

    /// One REST call; the key is masked in every location and message it produces.
    private func send(apiCode: String, key: String, _ parameters: [QueryItem]) throws -> (KCIRestAnswer, [Diagnostic]) {
        let items = [QueryItem("apiCode", apiCode), QueryItem("key", key)] + parameters
        let request = HTTPRequest.get(
            url, query: items, userAgent: context.settings.userAgent ?? KCIConnector.browserUserAgent)
        let redactor = SecretRedactor.standard.learning(from: request)
        let location = redactor.redact(url: request.url)
        let response = try context.send(request)
        try XMLAnswerCheck.require(response, url: location, service: "KCI")
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(data: response.body, source: location)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: location)
        }
        let answer = try KCIRestAnswer.read(reader, source: location, database: KCIConnector.standardDescriptor.id)
        return (answer, try answer.check(source: location, redactor: redactor))
    }
}
