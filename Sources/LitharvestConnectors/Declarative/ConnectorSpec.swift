public import LitharvestCore
public import LitharvestModel

/// A database described by a YAML file (`config/connectors/<id>.yaml`) instead of Swift code: how to
/// build its requests, page through and split its results, spot its errors and map its records.
/// ``ConnectorSpecReader`` reads and validates one; ``DeclarativeConnector`` runs it.
public struct ConnectorSpec: Sendable {
    /// How the database is spoken to.
    public enum TransportProtocol: String, Sendable, CaseIterable {
        /// One HTTP request per page, described field by field (this type).
        case http
        /// An OAI-PMH repository (``OAIRepositorySpec``): the generic harvester does the requests.
        case oaiPMH = "oai-pmh"
    }

    /// What the database is and needs (id, name, platform, access, endpoint, budget, key, version).
    public var descriptor: ConnectorDescriptor
    /// `protocol:`.
    public var transportProtocol: TransportProtocol
    /// The query or form parameter the key goes in (`key.parameter:`), when the database takes one.
    public var keyParameter: String?
    /// `user_agent:`, for sites that refuse tool names (a config's `user_agent:` overrides it).
    public var userAgent: String?
    /// `request:`.
    public var request: Request
    /// `paging:`.
    public var paging: Paging
    /// `split:`, how to cut a search whose total exceeds the cap.
    public var split: Split?
    /// `response:`.
    public var response: Response
    /// `fields:`, how each record's values become a ``Record``.
    public var fields: FieldMap
    /// The file the spec was read from, for messages.
    public var sourcePath: String

    /// What a date limit filters on, which decides whether incremental runs may narrow the search.
    public enum DateFilter: String, Sendable, CaseIterable {
        /// The date a record was added to the database: `--since last` may narrow searches.
        case added
        /// The publication year: limits are applied, but incremental runs never narrow by it.
        case publication
        /// The database cannot filter by date; limits are not applied and the search says so in a warning.
        case none
    }

    /// `request:`: method, URL and parameters, each a template over ``Placeholder``s.
    public struct Request: Sendable {
        /// GET or POST (form-encoded).
        public var method: String
        /// The URL template (default `{endpoint}`).
        public var url: Template
        /// Parameters in order; one whose placeholders have no value in a request is left out.
        public var parameters: [(name: String, value: Template)]
        /// `date_filter:`.
        public var dateFilter: DateFilter
    }

    /// `paging:`.
    public struct Paging: Sendable {
        /// How pages are addressed.
        public enum Mode: String, Sendable, CaseIterable {
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
        public var mode: Mode
        /// The first page number or offset.
        public var first: Int
        /// Records per request (`{page_size}`); a config's `page_size` option overrides it.
        public var pageSize: Int
        /// Where the total hit count is; absent means the database does not report one.
        public var total: FieldPath?
        /// `total_required` (true unless the spec says false): an answer without the total is refused, never
        /// read as 0 hits, because the database documents a total on every answer (0 on a real zero-hit one)
        /// and an error body in another shape would otherwise pass as "no hits".
        public var totalRequired: Bool
        /// The most records the database returns for one query (NLK: 500), if it caps them.
        public var cap: Int?
        /// For cursor paging: where the next cursor is, and the value of the first.
        public var cursor: FieldPath?
        /// The cursor sent with the first request.
        public var cursorStart: String
    }

    /// `split:`: when a search's total exceeds the cap, search year windows (and, optionally, category
    /// values within a year) whose totals each fit.
    public struct Split: Sendable {
        /// How a window is cut.
        public enum Mode: String, Sendable, CaseIterable {
            /// Halve the year range until each half fits (the request takes `{from_year}`/`{until_year}` or dates).
            case bisect
            /// One window per year (the request takes a single `{year}`).
            case each
        }

        /// Halve the range, or one window per year.
        public var mode: Mode
        /// The earliest year searched when the query has no `from` limit.
        public var earliestYear: Int
        /// Values for `{category}`, tried within a single year that still exceeds the cap.
        public var categories: [String]
    }

    /// `response:`.
    public struct Response: Sendable {
        /// The body's format.
        public enum Format: String, Sendable, CaseIterable {
            /// JSON, read with ``JSONPath``.
            case json
            /// XML, read with XPath.
            case xml
            /// HTML (parsed leniently), read with XPath.
            case html
        }

        /// `format:`, which also decides the path language (JSON path or XPath).
        public var format: Format
        /// Where the records are (each match is one record; field paths are relative to it).
        public var records: FieldPath
        /// `empty: records_absent` makes "no records element at all" mean 0 hits; otherwise it is an error.
        public var absentRecordsMeanNoHits: Bool
        /// `errors:`, checked before anything else.
        public var errors: [ErrorRule]
        /// XPath namespace prefixes.
        public var namespaces: [String: String]
    }

    /// One `errors:` entry: the database failed when `path` has one of `values` (any non-empty value
    /// when `values` is empty).
    public struct ErrorRule: Sendable {
        /// Where to look.
        public var path: FieldPath
        /// The values that mean failure (empty: any non-empty value).
        public var values: [String]
        /// Where the database's own message is.
        public var message: FieldPath?
        /// What kind of failure it is (database_error, blocked, invalid_query, missing_key).
        public var kind: ConnectorError.Kind
    }
}
