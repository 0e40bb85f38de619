package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import Foundation

/// NAL (National Assembly Library) material search through data.go.kr (provider 9720000):
/// `searchservice/basic`, or `searchservice/detail` for one material type (the `material_type` option,
/// e.g. 학위논문, 국내기사), which is also the only place NAL filters by year.
///
/// NAL pages at most 99 pages of at most 1,000 lines. A larger result is searched with bigger pages, then
/// (detail searches) split into publication-year windows; what still cannot be reached is reported as
/// partial, never dropped silently.
package struct NALConnector: Connector {
    package let descriptor: ConnectorDescriptor
    /// NAL's paging limits (smaller in tests).
    let maxPages: Int
    let maxPageSize: Int

    static let defaultEndpoint = "https://apis.data.go.kr/9720000/"
    static let maxPages = 99
    static let maxPageSize = 1_000
    static let defaultPageSize = 100
    /// A total this large means NAL ignored the search and counted its whole catalogue (13.1 million).
    static let catalogueGuard = 10_000_000

    static let descriptor = ConnectorDescriptor(
        id: "nal", name: "NAL (National Assembly Library)", platform: "data.go.kr OpenAPI (9720000)", access: .api,
        key: KeyRequirement(
            isRequired: true, environmentVariable: "DATA_GO_KR_SERVICE_KEY",
            howToObtain: "sign up at https://www.data.go.kr, apply for the National Assembly Library 자료검색 "
                + "dataset (provider 9720000; development use is approved automatically) and use the "
                + "\"Encoding\" service key"),
        defaultEndpoint: defaultEndpoint, defaultRequestsPerSecond: 2, supportsDateWindow: false, version: "1.0",
        options: NALOptions.all)

    /// Creates the connector.
    package init() {
        self.init(maxPages: Self.maxPages, maxPageSize: Self.maxPageSize)
    }

    init(maxPages: Int, maxPageSize: Int) {
        self.descriptor = Self.descriptor
        self.maxPages = maxPages
        self.maxPageSize = maxPageSize
    }

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        let settings = context.settings
        let key = try settings.requiredKey(for: descriptor)
        let materialType = Normalize.text(settings.text(NALOptions.materialType))
        let search = try NALSearch(query.text, materialType: materialType)
        if materialType == nil, query.from != nil || query.until != nil {
            throw ConnectorError(
                .invalidQuery,
                "NAL filters by year only in a search of one material type: set the `material_type` option "
                    + "(e.g. 학위논문, 국내기사) or remove the date limits", location: "options.material_type")
        }
        let client = NALClient(
            key: key, context: context, materialType: materialType, search: search,
            retries: settings.integer(NALOptions.gatewayRetries),
            retryDelay: settings.number(NALOptions.retryDelay))
        let requested = settings.integer(NALOptions.pageSize)
        let queryYears = materialType == nil || (query.from == nil && query.until == nil)
            ? nil : YearRange(from: query.from?.year ?? 1900, until: query.until?.year ?? SimpleDate.today().year)

        var plan = NALPlan(pageSize: requested, maxPages: maxPages)
        var first = try client.page(1, size: plan.pageSize, years: queryYears)
        let total = try Self.total(of: first, client: client)
        // Larger pages first: the whole result may then fit in 99 pages.
        if total > plan.cap, plan.pageSize < maxPageSize {
            plan.pageSize = min(maxPageSize, (total + maxPages - 1) / maxPages)
            first = try client.page(1, size: plan.pageSize, years: queryYears)
        }
        if total > plan.cap {
            if materialType != nil {
                try plan.split(
                    queryYears ?? YearRange(from: 1900, until: SimpleDate.today().year), total: total, client: client)
            } else {
                plan.windows = [NALWindow(years: nil, first: first, count: total)]
                plan.problems.append(
                    "NAL reported \(total) records but pages no further than \(plan.cap) (\(maxPages) pages of "
                        + "\(plan.pageSize)); only the first \(plan.cap) were retrieved. Search one material type "
                        + "(`material_type` option) so litharvest can split the search by year")
            }
        } else {
            plan.windows = [NALWindow(years: queryYears, first: first, count: total)]
        }

        var records: [Record] = []
        var seen = Set<String>()
        var diagnostics: [Diagnostic] = []
        let wanted = query.limit ?? Int.max
        windows: for window in plan.windows {
            var response = window.first
            var pageno = 1
            let lastPage = min(maxPages, (min(window.count, plan.cap) + plan.pageSize - 1) / plan.pageSize)
            while true {
                diagnostics += response.diagnostics
                for record in response.records where seen.insert(record.nativeID).inserted {
                    records.append(record)
                    if records.count >= wanted { break windows }
                }
                context.progress?(records.count, total)
                if response.records.isEmpty || pageno >= lastPage { break }
                try context.checkCancellation()
                pageno += 1
                response = try client.page(pageno, size: plan.pageSize, years: window.years)
            }
        }
        diagnostics += client.diagnostics

        if plan.windows.count > 1 {
            diagnostics.append(Diagnostic(
                .note, "more than \(plan.cap) hits: searched \(plan.windows.count) publication-year windows"))
        }
        return SearchResult(
            records: records, reportedCount: total,
            querySent: search.parameter + (materialType.map { " (자료유형 \($0))" } ?? ""),
            diagnostics: diagnostics,
            completeness: .init(
                retrieved: records.count, reported: total, wanted: wanted, source: "NAL", problems: plan.problems),
            windows: plan.windows.count > 1 ? plan.windows.compactMap(\.dateWindow) : [])
    }

    /// The answer's total, checked against the whole-catalogue guard.
    static func total(of response: NALResponse, client: NALClient) throws -> Int {
        guard let total = response.total else {
            throw ConnectorError(.unexpectedResponse, "NAL search answer has no <total>")
        }
        guard total < catalogueGuard else {
            throw ConnectorError(
                .invalidQuery,
                "NAL reported \(total) records, its whole catalogue: it ignored the search "
                    + "'\(client.search.parameter)'. Nothing was retrieved")
        }
        return total
    }
}

extension NALConnector: RegisteredConnector {
    static let listPosition = 110
    static var factories: [ConnectorFactory] { [factory] }

    /// NAL: the connector and its saved-answer parser.
    static let factory = ConnectorFactory(descriptor: descriptor, fileParser: NALFileParser()) { NALConnector() }
}
