package import LitharvestCore
package import LitharvestModel

/// A database described by a YAML file (`config/connectors/<id>.yaml`) instead of Swift code: how to
/// build its requests, page through and split its results, spot its errors and map its records.
/// ``ConnectorSpecReader`` reads and validates one; ``DeclarativeConnector`` runs it.
package struct ConnectorSpec: Sendable {
    /// How the database is spoken to.
    package enum TransportProtocol: String, Sendable, CaseIterable {
        /// One HTTP request per page, described field by field (this type).
        case http
        /// An OAI-PMH repository (``OAIRepositorySpec``): the generic harvester does the requests.
        case oaiPMH = "oai-pmh"
    }

    /// What the database is and needs (id, name, platform, access, endpoint, budget, key, version).
    package var descriptor: ConnectorDescriptor
    /// `protocol:`.
    package var transportProtocol: TransportProtocol
    /// The query or form parameter the key goes in (`key.parameter:`), when the database takes one.
    package var keyParameter: String?
    /// `user_agent:`, for sites that refuse tool names (a config's `user_agent:` overrides it).
    package var userAgent: String?
    /// `request:`.
    package var request: Request
    /// `paging:`.
    package var paging: Paging
    /// `split:`, how to cut a search whose total exceeds the cap.
    package var split: Split?
    /// `response:`.
    package var response: Response
    /// `fields:`, how each record's values become a ``Record``.
    package var fields: FieldMap
    /// The file the spec was read from, for messages.
    package var sourcePath: String

    /// What a date limit filters on, which decides whether incremental runs may narrow the search.
    package enum DateFilter: String, Sendable, CaseIterable {
        /// The date a record was added to the database: `--since last` may narrow searches.
        case added
        /// The publication year: limits are applied, but incremental runs never narrow by it.
        case publication
        /// The database cannot filter by date; limits are not applied and the search says so in a warning.
        case none
    }

    /// `request:`: method, URL and parameters, each a template over ``Placeholder``s.
    package struct Request: Sendable {
        /// GET or POST (form-encoded).
        package var method: String
        /// The URL template (default `{endpoint}`).
        package var url: Template
        /// Parameters in order; one whose placeholders have no value in a request is left out.
        package var parameters: [(name: String, value: Template)]
        /// `date_filter:`.
        package var dateFilter: DateFilter
    }

    /// `paging:`.
    package struct Paging: Sendable {
        /// How pages are addressed.
        package enum Mode: String, Sendable, CaseIterable {
            /// `{page}` counts pages from `first` (usually 1).
            case page
            /// `{offset}` counts records from `first` (usually 0).
            case offset
            /// `{cursor}` is the value found at `cursor` in the previous page (`cursor_start` first).
            case cursor
            /// One request returns everything.
            case none
        }

        /// How pages are addressed.
        package var mode: Mode
        /// The first page number or offset.
        package var first: Int
        /// Records per request (`{page_size}`); a config's `page_size` option overrides it.
        package var pageSize: Int
        /// Where the total hit count is; absent means the database does not report one.
        package var total: FieldPath?
        /// `total_required` (true unless the spec says false): an answer without the total is refused, never
        /// read as 0 hits, because the database documents a total on every answer (0 on a real zero-hit one)
        /// and an error body in another shape would otherwise pass as "no hits".
        package var totalRequired: Bool
        /// The most records the database returns for one query (NLK: 500), if it caps them.
        package var cap: Int?
        /// For cursor paging: where the next cursor is, and the value of the first.
        package var cursor: FieldPath?
        /// The cursor sent with the first request.
        package var cursorStart: String
    }

    /// `split:`: when a search's total exceeds the cap, search year windows (and, optionally, category
    /// values within a year) whose totals each fit.
    package struct Split: Sendable {
        /// How a window is cut.
        package enum Mode: String, Sendable, CaseIterable {
            /// Halve the year range until each half fits (the request takes `{from_year}`/`{until_year}` or dates).
            case bisect
            /// One window per year (the request takes a single `{year}`).
            case each
        }

        /// Halve the range, or one window per year.
        package var mode: Mode
        /// The earliest year searched when the query has no `from` limit.
        package var earliestYear: Int
        /// Values for `{category}`, tried within a single year that still exceeds the cap.
        package var categories: [String]
    }

    /// `response:`.
    package struct Response: Sendable {
        /// The body's format.
        package enum Format: String, Sendable, CaseIterable {
            /// JSON, read with ``JSONPath``.
            case json
            /// XML, read with XPath.
            case xml
            /// HTML (parsed leniently), read with XPath.
            case html
        }

        /// `format:`, which also decides the path language (JSON path or XPath).
        package var format: Format
        /// Where the records are (each match is one record; field paths are relative to it).
        package var records: FieldPath
        /// `empty: records_absent` makes "no records element at all" mean 0 hits; otherwise it is an error.
        package var absentRecordsMeanNoHits: Bool
        /// `errors:`, checked before anything else.
        package var errors: [ErrorRule]
        /// XPath namespace prefixes.
        package var namespaces: [String: String]
    }

    /// One `errors:` entry: the database failed when `path` has one of `values` (any non-empty value
    /// when `values` is empty).
    package struct ErrorRule: Sendable {
        /// Where to look.
        package var path: FieldPath
        /// The values that mean failure (empty: any non-empty value).
        package var values: [String]
        /// Where the database's own message is.
        package var message: FieldPath?
        /// What kind of failure it is (database_error, blocked, invalid_query, missing_key).
        package var kind: ConnectorError.Kind
    }
}
