import Foundation
package import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// A harvester for any OAI-PMH 2.0 repository: `Identify` (granularity, earliest datestamp), then
/// `ListRecords` in one metadata format, optionally one set and a datestamp window from the query's
/// `from`/`until`, following `resumptionToken`s to the end.
///
/// The query text is not sent: it is a client-side filter (see ``OAIQueryFilter``). A broken, rejected or
/// repeated resumption token, a page that makes no progress or the page cap (option `max_pages`) ends
/// the harvest as partial, naming the cursor reached; the records before it are kept. Options: `set`
/// (overrides the built-in set), `max_pages` (default 10,000), `identify: false` (skip `Identify` and
/// send days).
package struct OAIPMHConnector: Connector {
    package let descriptor: ConnectorDescriptor
    /// The `metadataPrefix` requested.
    package let metadataPrefix: String
    /// The set harvested (nil: the whole repository).
    package let set: String?
    /// Reads the requested format.
    package let mapper: any OAIMetadataMapper
    /// The User-Agent sent when the settings name none (nil: litharvest's own).
    package let defaultUserAgent: String?

    /// Pages harvested at most, whatever the tokens say, so that no repository can keep a job forever.
    package static let defaultPageCap = 10_000
    /// Deleted records listed one by one in the diagnostics; beyond that only the count is given.
    static let deletedNotesCap = 100

    /// Creates a harvester for one repository and format.
    ///
    /// - Parameters:
    ///   - descriptor: id, name and default endpoint (the repository's base URL).
    ///   - metadataPrefix: the format to request; nil: the mapper's.
    ///   - set: the set to harvest; nil for all (config option `set` overrides it).
    ///   - mapper: turns the format's metadata into records.
    ///   - defaultUserAgent: sent when `user_agent` is not configured.
    package init(
        descriptor: ConnectorDescriptor, metadataPrefix: String? = nil, set: String? = nil,
        mapper: any OAIMetadataMapper, defaultUserAgent: String? = nil
    ) {
        self.descriptor = descriptor
        self.metadataPrefix = metadataPrefix ?? mapper.metadataPrefix
        self.set = set
        self.mapper = mapper
        self.defaultUserAgent = defaultUserAgent
    }

    package func search(_ query: Query, context: SearchContext) throws -> SearchResult {
        try harvest(query, context: context, baseURL: context.settings.endpoint)
    }

    /// Harvests from `baseURL` (which may differ from the settings' endpoint, as for KCI's two routes).
    func harvest(_ query: Query, context: SearchContext, baseURL: String) throws -> SearchResult {
        let filter = OAIQueryFilter(query.text)
        let set = Normalize.text(context.settings.text(OAIPMHOptions.set)) ?? self.set
        let maxPages = context.settings.integer(OAIPMHOptions.maxPages)
        let userAgent = context.settings.userAgent ?? defaultUserAgent
        var diagnostics: [Diagnostic] = []

        let granularity = try self.granularity(
            for: query, baseURL: baseURL, context: context, userAgent: userAgent, diagnostics: &diagnostics)

        var firstItems = [QueryItem("verb", "ListRecords"), QueryItem("metadataPrefix", metadataPrefix)]
        if let set { firstItems.append(QueryItem("set", set)) }
        if let from = query.from { firstItems.append(QueryItem("from", granularity.from(from))) }
        if let until = query.until { firstItems.append(QueryItem("until", granularity.until(until))) }

        var state = HarvestState(wanted: query.limit ?? Int.max)
        var token: String?
        var seenTokens: Set<String> = []
        pages: while true {
            try context.checkCancellation()
            let items = token.map { [QueryItem("verb", "ListRecords"), QueryItem("resumptionToken", $0)] } ?? firstItems
            let page: OAIPMHPage
            let url: String
            do {
                (page, url) = try fetch(items, baseURL: baseURL, context: context, userAgent: userAgent)
            } catch let error as ConnectorError where error.kind != .cancelled && token != nil {
                state.stop("page \(state.pages + 1) failed at cursor \(state.cursor): \(error)")
                break pages
            }
            state.pages += 1

            if !page.errors.isEmpty {
                if page.errors.contains(where: { $0.code == "noRecordsMatch" }) {
                    if token == nil {
                        state.reported = 0
                    } else {
                        state.stop("the repository answered noRecordsMatch to a resumptionToken at cursor \(state.cursor)")
                    }
                    break pages
                }
                let described = page.errors.map(\.description).joined(separator: "; ")
                guard let token else {
                    throw ConnectorError(.databaseError, "OAI-PMH error \(described)", location: url)
                }
                if page.errors.contains(where: { $0.code == "badResumptionToken" }) {
                    state.stop("the repository rejected resumptionToken '\(token)' at cursor \(state.cursor) (\(described))")
                } else {
                    state.stop("OAI-PMH error at cursor \(state.cursor): \(described)")
                }
                break pages
            }

            state.take(page, filter: filter)
            diagnostics += page.skipped
            context.progress?(state.records.count, state.reported)
            if state.records.count >= state.wanted { break pages }
            guard let next = page.nextToken else {
                state.reachedEnd = true
                break pages
            }
            if page.recordCount == 0 {
                state.stop("a page with no records still offered a resumptionToken, at cursor \(state.cursor); no progress")
                break pages
            }
            if !seenTokens.insert(next).inserted {
                state.stop("the repository repeated resumptionToken '\(next)' at cursor \(state.cursor)")
                break pages
            }
            if state.pages >= maxPages {
                state.stop("stopped after \(maxPages) pages (max_pages) at cursor \(state.cursor)")
                break pages
            }
            token = next
        }

        diagnostics += state.notes(filter: filter)
        var reasons = state.problems
        if state.skipped > 0 { reasons.append("\(state.skipped) records could not be read (see the warnings)") }
        return SearchResult(
            records: state.records,
            reportedCount: state.reported ?? (state.reachedEnd ? state.listed : nil),
            querySent: FormEncoding.encode(firstItems).removingPercentEncoding ?? FormEncoding.encode(firstItems),
            queryTranslation: filter.description,
            diagnostics: diagnostics,
            completeness: .init(problems: reasons))
    }

    /// The granularity `Identify` declares (days when Identify is skipped or fails: every repository
    /// accepts them), noting the repository's earliest datestamp.
    private func granularity(
        for query: Query, baseURL: String, context: SearchContext, userAgent: String?, diagnostics: inout [Diagnostic]
    ) throws -> OAIGranularity {
        guard context.settings.bool(OAIPMHOptions.identify) else { return .day }
        let identity: OAIRepositoryIdentity
        do {
            identity = try identify(baseURL: baseURL, context: context, userAgent: userAgent)
        } catch let error as ConnectorError where error.kind != .cancelled {
            diagnostics.append(Diagnostic(
                .note, "Identify failed (\(error.message)); dates are sent as YYYY-MM-DD", location: error.location))
            return .day
        }
        diagnostics.append(Diagnostic(
            .note,
            "\(identity.repositoryName ?? "repository"): earliest datestamp "
                + "\(identity.earliestDatestamp ?? "not given"), granularity \(identity.granularity.rawValue)"))
        if let from = query.from,
            let earliest = identity.earliestDatestamp.flatMap({ SimpleDate(parsing: String($0.prefix(10))) }),
            from < earliest
        {
            diagnostics.append(Diagnostic(
                .note, "the window starts (\(from)) before the repository's earliest datestamp (\(earliest))"))
        }
        return identity.granularity
    }

    private func identify(baseURL: String, context: SearchContext, userAgent: String?) throws -> OAIRepositoryIdentity {
        let request = HTTPRequest.get(baseURL, query: [QueryItem("verb", "Identify")], userAgent: userAgent)
        let url = SecretRedactor.standard.redact(url: request.url)
        let response = try context.send(request)
        try XMLAnswerCheck.require(response, url: url, service: descriptor.name)
        return try OAIRepositoryIdentity.parse(response.body, source: url)
    }

    private func fetch(
        _ items: [QueryItem], baseURL: String, context: SearchContext, userAgent: String?
    ) throws -> (OAIPMHPage, String) {
        let request = HTTPRequest.get(baseURL, query: items, userAgent: userAgent)
        let url = SecretRedactor.standard.redact(url: request.url)
        let response = try context.send(request)
        try XMLAnswerCheck.require(response, url: url, service: descriptor.name, errorRoot: "OAI-PMH")
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(data: response.body, source: url)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: url)
        }
        return (try OAIPMHPage.read(reader, source: url, mapper: mapper, database: descriptor.id), url)
    }
}

/// What a harvest has gathered so far.
private struct HarvestState {
    let wanted: Int
    var records: [Record] = []
    var seenIDs: Set<String> = []
    var pages = 0
    /// `<record>` elements received, deleted and unreadable ones included: the list position reached.
    var cursor = 0
    /// Records listed (not deleted), before the filter.
    var listed = 0
    var repeated = 0
    var skipped = 0
    var deleted: [OAIRecordHeader] = []
    var reported: Int?
    var reachedEnd = false
    var problems: [String] = []

    mutating func stop(_ reason: String) {
        problems.append(reason)
    }

    mutating func take(_ page: OAIPMHPage, filter: OAIQueryFilter) {
        cursor += page.recordCount
        listed += page.records.count + page.skipped.count
        skipped += page.skipped.count
        deleted += page.deleted
        if let size = page.resumptionToken?.completeListSize { reported = size }
        for record in page.records {
            guard filter.matches(record) else { continue }
            guard seenIDs.insert(record.nativeID).inserted else {
                repeated += 1
                continue
            }
            guard records.count < wanted else { continue }
            records.append(record)
        }
    }

    func notes(filter: OAIQueryFilter) -> [Diagnostic] {
        var notes: [Diagnostic] = []
        if reported == nil, reachedEnd {
            notes.append(Diagnostic(
                .note, "the repository gave no completeListSize; the count reported is the \(listed) records listed"))
        }
        if !filter.keepsEverything {
            notes.append(Diagnostic(.note, "\(records.count) of \(listed) harvested records matched the query filter"))
        }
        if repeated > 0 {
            notes.append(Diagnostic(.note, "\(repeated) records listed twice (changed during the harvest) were kept once"))
        }
        for header in deleted.prefix(OAIPMHConnector.deletedNotesCap) {
            notes.append(Diagnostic(
                .note, "deleted in the repository: \(header.identifier) (datestamp \(header.datestamp ?? "none"))"))
        }
        if deleted.count > OAIPMHConnector.deletedNotesCap {
            notes.append(Diagnostic(
                .note, "\(deleted.count) deleted records in all; the first \(OAIPMHConnector.deletedNotesCap) are listed"))
        }
        return notes
    }
}

extension OAIPMHConnector: RegisteredConnector {
    static let listPosition = 120
    static var factories: [ConnectorFactory] { [oakFactory] }

    /// A descriptor for an OAI-PMH repository: keyless API access with datestamp windows.
    ///
    /// - Parameters:
    ///   - id: the connector id used in config and on the command line.
    ///   - name: the repository's name.
    ///   - endpoint: the base URL (`https://…/oai/request`); `LITHARVEST_<ID>_ENDPOINT` overrides it.
    ///   - requestsPerSecond: the politeness budget for the host.
    package static func repositoryDescriptor(
        id: String, name: String, endpoint: String, requestsPerSecond: Double = 1, version: String = "1.0"
    ) -> ConnectorDescriptor {
        ConnectorDescriptor(
            id: id, name: name, platform: "OAI-PMH", access: .api, defaultEndpoint: endpoint,
            defaultRequestsPerSecond: requestsPerSecond, supportsDateWindow: true, version: version,
            options: OAIPMHOptions.all)
    }

    /// A factory for any repository: the harvester plus a parser for saved pages of the same format, so a
    /// repository configured at run time behaves like a built-in one.
    package static func factory(
        descriptor: ConnectorDescriptor, metadataPrefix: String? = nil, set: String? = nil,
        mapper: any OAIMetadataMapper, defaultUserAgent: String? = nil
    ) -> ConnectorFactory {
        ConnectorFactory(
            descriptor: descriptor, fileParser: OAIPMHFileParser(database: descriptor.id, mapper: mapper)
        ) {
            OAIPMHConnector(
                descriptor: descriptor, metadataPrefix: metadataPrefix, set: set, mapper: mapper,
                defaultUserAgent: defaultUserAgent)
        }
    }

    /// OAK (Open Access Korea, oak.go.kr), the National Library of Korea's repository: `oai_dc` with
    /// OAK's own element names. OAK has been seen to stop after about 99 records with no resumptionToken,
    /// so use it for repository coverage, not as a complete source.
    static let oakFactory = factory(
        descriptor: repositoryDescriptor(
            id: "oak", name: "OAK (Open Access Korea)", endpoint: "http://oak.go.kr/OAIHandler", requestsPerSecond: 1),
        mapper: DublinCoreMapper.oak)
}
