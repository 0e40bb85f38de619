import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP

extension DeclarativeConnector {
    /// The requests of one search: templates filled for a slice and page, sent through the context.
    struct Session {
        let spec: ConnectorSpec
        let context: SearchContext
        let query: String
        var key: String?

        init(spec: ConnectorSpec, context: SearchContext, query: String) {
            self.spec = spec
            self.context = context
            self.query = query
        }

        /// Records per request: the config's `page_size` option when set, else the spec's page size.
        var pageSize: Int {
            context.settings.integer(DeclarativeOptions.pageSize(default: spec.paging.pageSize))
        }

        /// The request for page `pageIndex` (0-based) of `slice`.
        func request(_ slice: Slice, pageIndex: Int, cursor: String?) throws -> HTTPRequest {
            var values: [Placeholder: String] = [
                .endpoint: context.settings.endpoint, .query: query, .pageSize: String(pageSize),
            ]
            switch spec.paging.mode {
            case .page: values[.page] = String(spec.paging.first + pageIndex)
            case .offset: values[.offset] = String(spec.paging.first + pageIndex * pageSize)
            case .cursor: values[.cursor] = cursor ?? spec.paging.cursorStart
            case .none: break
            }
            if let from = slice.from, let until = slice.until {
                values[.fromYear] = String(from.year)
                values[.untilYear] = String(until.year)
                if from.year == until.year { values[.year] = String(from.year) }
                values[.fromDate] = from.description
                values[.untilDate] = until.description
                values[.fromDateCompact] = from.compact
                values[.untilDateCompact] = until.compact
            }
            values[.category] = slice.category
            values[.email] = context.settings.email
            guard let url = spec.request.url.render(values) else {
                throw ConnectorError(
                    .invalidQuery, "the URL template '\(spec.request.url)' needs a value this search does not have",
                    location: spec.sourcePath)
            }
            var items = spec.request.parameters.compactMap { parameter in
                parameter.value.render(values).map { QueryItem(parameter.name, $0) }
            }
            if let key, let parameter = spec.keyParameter { items.append(QueryItem(parameter, key)) }
            let userAgent = context.settings.userAgent ?? spec.userAgent
            return spec.request.method == "POST"
                ? .post(url, form: items, userAgent: userAgent) : .get(url, query: items, userAgent: userAgent)
        }

        /// Sends and reads one page.
        func fetch(_ slice: Slice, pageIndex: Int, cursor: String?) throws -> DeclarativePage {
            let request = try request(slice, pageIndex: pageIndex, cursor: cursor)
            let response = try context.send(request)
            return try DeclarativePage.read(
                response.body, status: response.status, spec: spec, location: redactor.redact(url: request.url))
        }

        /// Masks the key by its parameter name and by value wherever it shows up in a message.
        private var redactor: SecretRedactor {
            SecretRedactor(extraNames: spec.keyParameter.map { [$0] } ?? [], values: key.map { [$0] } ?? [])
        }
    }
}
