import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestXML

/// One `articleSearch` run over KCI's REST Open API, paging with `page`/`displayCount` (at most 100)
/// until the reported total is retrieved.
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
        let dateField = context.settings.options["date_field"]?.lowercased() ?? "reg"
        guard dateField == "reg" || dateField == "mod" else {
            throw ConnectorError(.invalidQuery, "option 'date_field' for kci must be reg or mod, not '\(dateField)'")
        }
        if let from = query.from { parameters.append(QueryItem("\(dateField)DateFrom", from.compact)) }
        if let until = query.until { parameters.append(QueryItem("\(dateField)DateTo", until.compact)) }
        let pageSize = min(Self.maxPageSize, max(1, context.settings.integer("batch_size", default: Self.maxPageSize)))
        let wanted = query.limit ?? Int.max

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
            if page == 1 { total = answer.isNoData ? 0 : answer.total ?? answer.records.count }
            for record in answer.records where seen.insert(record.nativeID).inserted && records.count < wanted {
                records.append(record)
            }
            context.progress?(records.count, total)
            if records.count >= min(wanted, total) { break }
            if answer.records.isEmpty {
                problems.append("KCI returned no records on page \(page)")
                break
            }
            if page * pageSize >= total {
                break
            }
            page += 1
        }
        if records.count < min(wanted, total) {
            problems.append("retrieved \(records.count) of the \(total) records KCI reported")
        }
        let sent = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return SearchResult(
            records: records, reportedCount: total, querySent: "apiCode=articleSearch&" + sent,
            diagnostics: diagnostics,
            completeness: problems.isEmpty ? .complete : .partial(reason: problems.joined(separator: "; ")))
    }

    /// One page of `articleSearch`.
    private func fetch(
        _ parameters: [QueryItem], key: String, page: Int, size: Int
    ) throws -> (KCIRestAnswer, [Diagnostic]) {
        let items =
            [QueryItem("apiCode", "articleSearch"), QueryItem("key", key)] + parameters
            + [QueryItem("page", String(page)), QueryItem("displayCount", String(size))]
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
