// Templates for the files scaffold-connector writes. Plugins cannot import the package's libraries, so the
// generated code lives here as string literals. `__NAME__` is the UpperCamelCase name, `__ID__` the connector id,
// `__POSITION__` its place in `litharvest connectors` (after every existing connector).
// Raw strings (#"""…"""#): `\(…)` in them is Swift interpolation of the *generated* code, left as written.

enum Templates {
    /// Fills in the placeholders.
    static func render(_ template: String, name: String, id: String, position: Int = 0) -> String {
        template
            .replacingOccurrences(of: "__NAME__", with: name)
            .replacingOccurrences(of: "__ID__", with: id)
            .replacingOccurrences(of: "__POSITION__", with: String(position))
    }

    /// `Sources/LitharvestConnectors/<Name>/<Name>Connector.swift`: the connector, its search and registration.
    static let connector = #"""
        import Foundation
        import LitharvestCore
        import LitharvestHTTP
        import LitharvestModel

        // Scaffolded by `swift package scaffold-connector --name __NAME__ --id __ID__`, in the layout every connector
        // folder has: this file (the connector with its descriptor, its search and its registration),
        // __NAME__Options.swift (the options it takes) and __NAME__Response.swift (the response reader). `scripts/generate-connector-list.sh` lists it in
        // ConnectorList+Generated.swift. Every `TODO:` marks a place to adapt to the real database before a review
        // relies on it.

        /// __NAME__. TODO: one sentence on the database, how it is reached and its limits.
        struct __NAME__Connector: Connector {
            /// Who this connector is.
            static let descriptor = ConnectorDescriptor(
                id: "__ID__",
                name: "__NAME__",  // TODO: the database's name as reviews cite it.
                platform: "TODO: platform",
                access: .api,  // TODO: .web for parsed search pages, .import for export files only.
                key: nil,  // TODO: a KeyRequirement if the API takes a key (then read context.settings.apiKey).
                defaultEndpoint: "https://example.org/api",  // TODO: the real base URL.
                defaultRequestsPerSecond: 1,  // TODO: the database's documented rate limit.
                supportsDateWindow: false,  // TODO: true once query.from / query.until are sent.
                version: "0.1", options: __NAME__Options.all)

            var descriptor: ConnectorDescriptor { Self.descriptor }

            func search(_ query: Query, context: SearchContext) throws -> SearchResult {
                let term = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !term.isEmpty else { throw ConnectorError(.invalidQuery, "the __ID__ query is empty") }

                // TODO: the API's own parameter names, its key, the date window and paging. This sends one GET and
                // reads one page; a real connector loops until it has `min(total, query.limit)` records.
                var parameters = [QueryItem("q", term)]
                if let limit = query.limit { parameters.append(QueryItem("max", String(limit))) }
                let request = HTTPRequest.get(
                    context.settings.endpoint, query: parameters, userAgent: context.settings.userAgent)
                let response = try context.send(request)
                // The shared guard: an HTML page, a non-2xx status or an empty body is an error, never zero hits.
                try XMLAnswerCheck.require(response, url: response.url, service: descriptor.name)

                let page = try __NAME__ResponseParser().parse(response.body, source: response.url)
                var records = page.records
                if let limit = query.limit, records.count > limit { records.removeLast(records.count - limit) }
                context.progress?(records.count, page.total)
                return SearchResult(
                    records: records, reportedCount: page.total, querySent: term, diagnostics: page.diagnostics,
                    completeness: .init(
                        retrieved: records.count, reported: page.total, wanted: query.limit ?? .max,
                        source: descriptor.name))
            }
        }

        extension __NAME__Connector: RegisteredConnector {
            static let listPosition = __POSITION__
            static var factories: [ConnectorFactory] { [factory] }

            /// The connector and its file parser.
            static let factory = ConnectorFactory(descriptor: descriptor, fileParser: __NAME__ResponseParser()) {
                __NAME__Connector()
            }
        }

        """#

    /// `Sources/LitharvestConnectors/<Name>/<Name>Options.swift`: the options the connector declares.
    static let options = #"""
        import LitharvestCore

        /// The options the __NAME__ connector takes under `databases: __ID__: options:`. The review config is checked
        /// against them when it is loaded: an unknown name, a wrong type or a value out of range is an error there.
        ///
        /// TODO: declare each option the database needs, for example
        /// `static let pageSize = ConnectorOption("page_size", .integer(1...100), default: "50", doc: "records per request")`,
        /// read it in the search with `context.settings.integer(__NAME__Options.pageSize)`, list it in `all` and in
        /// the connector's row of the README's database table (ConnectorConformanceTests compares the two).
        enum __NAME__Options {
            /// Every option, in the order the README lists them.
            static let all: [ConnectorOption] = []
        }

        """#

    /// `Sources/LitharvestConnectors/<Name>/<Name>Response.swift`: the response reader.
    static let response = #"""
        import Foundation
        import LitharvestCore
        import LitharvestModel
        import LitharvestXML

        /// Reads a __NAME__ response of the placeholder shape
        /// `<results total="N"><record id="…"><title>…</title><year>…</year></record>…</results>` into records;
        /// anything else (an HTML page, another XML document, malformed XML) is a ``ConnectorError``.
        ///
        /// TODO: replace the root check, the XPath and the field mapping with the real response format (for JSON,
        /// decode with JSONDecoder instead of XMLDocument; for large answers, stream with ``XMLRecordStream``).
        struct __NAME__ResponseParser: RecordFileParser {
            /// One response page.
            struct Page {
                /// The hit count the response states, if it states one.
                var total: Int?
                /// Records in response order.
                var records: [Record]
                /// Records skipped and other problems.
                var diagnostics: [Diagnostic]
            }

            /// Parses one response body.
            ///
            /// - Throws: ``ConnectorError/Kind/unexpectedResponse`` for anything but a `<results>` document.
            func parse(_ data: Data, source: String) throws -> Page {
                if let page = XMLAnswerCheck.htmlAnswer(data) {
                    throw ConnectorError(.unexpectedResponse, "received \(page.named) instead of a __ID__ response", location: source)
                }
                let document: XMLDocument
                do {
                    document = try XMLDocument.parse(data, source: source)
                } catch {
                    throw XMLAnswerCheck.connectorError(error, source: source)
                }
                // TODO: the real root element, and how the database reports an error inside an HTTP 200.
                guard let root = document.root, root.localName == "results" else {
                    throw ConnectorError(
                        .unexpectedResponse, "expected <results>, got <\(document.root?.localName ?? "nothing")>",
                        location: source)
                }
                var total: Int?
                if let text = root.attribute("total") {
                    guard let value = Int(text), value >= 0 else {
                        throw ConnectorError(.unexpectedResponse, "<results total=\"\(text)\"> is not a count", location: source)
                    }
                    total = value
                }

                var page = Page(total: total, records: [], diagnostics: [])
                for node in try document.select("/results/record") {
                    let location = "\(source):\(node.line)"
                    guard let id = node.attribute("id")?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty
                    else {
                        page.diagnostics.append(Diagnostic(.warning, "record without an id skipped", location: location))
                        continue
                    }
                    // TODO: map every field the database gives (authors, journal, DOI, abstract, …) and set `url`.
                    var record = Record(database: __NAME__Connector.descriptor.id, nativeID: id, title: try node.text("title"))
                    if let year = try node.text("year") {
                        if let value = Int(year) {
                            record.date = PublicationDate(year: value)
                        } else {
                            page.diagnostics.append(
                                Diagnostic(.warning, "record \(id): year '\(year)' is not a number", location: location))
                        }
                    }
                    page.records.append(record)
                }
                return page
            }

            /// Parses a saved response (`litharvest parse`, `import`).
            func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
                // TODO: read gzip-compressed files too, and stream (XMLStreamReader) if exports can be large.
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: path))
                } catch {
                    throw ConnectorError(.unexpectedResponse, "cannot read the file: \(error.localizedDescription)", location: path)
                }
                let page = try parse(data, source: path)
                for record in page.records { try emit(record) }
                return ParseReport(recordsRead: page.records.count, diagnostics: page.diagnostics)
            }
        }

        """#

    /// `Tests/LitharvestConnectorsTests/Fixtures/<id>/sample_response.xml`
    static let sampleResponse = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Synthetic placeholder written by scaffold-connector; replace it with a recorded response (see SOURCES.md). -->
        <results total="2">
          <record id="__ID__-0001">
            <title>Exercise for depressive symptoms in older adults: a randomized trial</title>
            <year>2021</year>
          </record>
          <record id="__ID__-0002">
            <title>Sleep &amp; memory consolidation</title>
            <year>2019</year>
          </record>
        </results>

        """#

    /// `Tests/LitharvestConnectorsTests/Fixtures/<id>/SOURCES.md`
    static let sources = #"""
        # __NAME__ fixtures

        **Synthetic placeholder.** `sample_response.xml` was written by `swift package scaffold-connector`; it is not
        a response from the database and proves nothing about its format. Replace it with a real recorded response
        before the connector is used, and record where it came from in the table below (keep the bytes unchanged; no
        API keys or tokens in the stored request).

        | file | origin (how it was obtained, when) | request it answers | notable |
        |---|---|---|---|
        | sample_response.xml | synthetic (scaffold-connector template) — TODO: replace with a recorded response | TODO: e.g. `GET https://example.org/api?q=…` | 2 records, `total="2"` |

        """#

    /// `Tests/LitharvestConnectorsTests/<Name>/<Name>ConnectorTests.swift`
    static let tests = #"""
        import Foundation
        import LitharvestCore
        import LitharvestModel
        import LitharvestTesting
        import Testing

        @testable import LitharvestConnectors

        // Scaffolded by scaffold-connector. Fixtures/__ID__/sample_response.xml is a synthetic placeholder (see its
        // SOURCES.md). TODO: replace it with a recorded response and assert the values read from that.

        @Suite("__NAME__ connector")
        struct __NAME__ConnectorTests {
            @Test("sample_response.xml: total, ids, titles and years")
            func parsesSampleResponse() throws {
                var records: [Record] = []
                let report = try __NAME__ResponseParser().parseFile(atPath: fixturePath("__ID__", "sample_response.xml")) {
                    records.append($0)
                }
                #expect(report.recordsRead == 2)
                #expect(report.diagnostics.isEmpty)
                #expect(records.map(\.database) == ["__ID__", "__ID__"])
                #expect(records.map(\.nativeID) == ["__ID__-0001", "__ID__-0002"])
                #expect(records.map(\.title) == [
                    "Exercise for depressive symptoms in older adults: a randomized trial", "Sleep & memory consolidation",
                ])
                #expect(records.map(\.year) == [2021, 2019])

                let page = try __NAME__ResponseParser().parse(fixture("__ID__", "sample_response.xml"), source: "sample_response.xml")
                #expect(page.total == 2)
            }

            static let htmlPages = [
                // Malformed as XML (unclosed <meta>, <br>), as most real error pages are.
                """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Service unavailable</title></head>
                <body><h1>Down for maintenance</h1><p>Please try again later.<br></p></body></html>
                """,
                // Well-formed XHTML: parses as XML but is still not a response.
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Access denied</title></head><body/></html>
                """,
            ]

            @Test("An HTML page is refused, never read as zero records", arguments: htmlPages)
            func rejectsHTML(_ html: String) {
                let error = #expect(throws: ConnectorError.self) {
                    try __NAME__ResponseParser().parse(Data(html.utf8), source: "page.html")
                }
                #expect(error?.kind == .unexpectedResponse)
            }

            @Test("search sends one GET with the query and returns the parsed page")
            func searchesLoopback() throws {
                let body = try fixture("__ID__", "sample_response.xml")
                let server = try LoopbackServer { _ in .respond(.xml(body)) }
                defer { server.stop() }
                let context = searchContext(endpoint: server.url("/api"), requestsPerSecond: 100)
                let result = try __NAME__Connector().search(Query(text: "exercise AND depression"), context: context)
                #expect(result.records.map(\.nativeID) == ["__ID__-0001", "__ID__-0002"])
                #expect(result.reportedCount == 2)
                #expect(result.completeness == .complete)
                let requests = server.requests
                #expect(requests.count == 1)
                #expect(requests.first?.method == "GET")
                #expect(requests.first?.parameter("q") == "exercise AND depression")
            }

            @Test("Registered in the built-in list")
            func registered() {
                #expect(ConnectorRegistry.builtIn["__ID__"]?.descriptor.name == __NAME__Connector.descriptor.name)
            }
        }

        """#
}
