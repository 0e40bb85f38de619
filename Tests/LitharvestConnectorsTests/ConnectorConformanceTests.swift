import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestModel
import LitharvestTesting
import Synchronization
import Testing

@testable import LitharvestConnectors

/// What every built-in connector must do, checked over the whole generated list so that a new connector is
/// held to it without writing anything: a name and label, its declared options listed in the README's
/// database table, a fixture-backed search test, and a clear ``ConnectorError`` (never zero hits) for an HTML page,
/// HTTP 500 or a malformed body, with every request going through the client it was given.
@Suite("Connector conformance")
struct ConnectorConformanceTests {
    static let factories = ConnectorRegistry.builtIn.factories
    static let searchable = factories.filter { $0.descriptor.access != .import }

    /// The package root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theGeneratedListMatchesTheConnectorFolders() throws {
        let script = Self.root.appending(components: "scripts", "generate-connector-list.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func everyConnectorHasItsOwnPlaceInTheList() {
        let positions = registeredConnectors.map { $0.listPosition }
        #expect(Set(positions).count == positions.count, "two connectors share a listPosition: \(positions)")
        let ids = Self.factories.map(\.descriptor.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.first == "pubmed")
    }

    @Test(arguments: factories.map(\.descriptor.id))
    func hasANameAndLabel(id: String) throws {
        let descriptor = try #require(ConnectorRegistry.builtIn[id]).descriptor
        #expect(descriptor.id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-".unicodeScalars.contains($0) })
        #expect(!descriptor.name.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(!descriptor.platform.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(!descriptor.version.isEmpty)
        #expect(URL(string: descriptor.defaultEndpoint)?.scheme?.hasPrefix("http") == true)
        #expect(descriptor.defaultRequestsPerSecond > 0)
        let label = try #require(ConnectorRegistry.builtIn.databaseLabels(id))
        #expect(label.name == descriptor.name)
        if let key = descriptor.key {
            #expect(KeyRequirement.isVariableName(key.environmentVariable))
            #expect(!key.howToObtain.isEmpty)
        }
    }

    /// The README's database table lists, for every database, exactly the options its connector declares
    /// (the ones the config loader accepts), so a user finds each and none that would be refused.
    @Test func theDatabaseTableListsExactlyTheDeclaredOptions() throws {
        let readme = try String(contentsOf: Self.root.appending(component: "README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let registry = try ConnectorRegistry.withDeclarative(directories: [shippedSpecDirectory])
        let backticked = try NSRegularExpression(pattern: "`([a-z_]+)`")
        var wrong: [String] = []
        for factory in registry.factories {
            let id = factory.descriptor.id
            let declared = Set(factory.descriptor.options.map(\.name))
            guard let row = rows.first(where: { $0.hasPrefix("| `\(id)` |") }) else {
                // A freshly scaffolded connector has no row yet, and nothing a row would have to list.
                if !declared.isEmpty { wrong.append("\(id) declares options but has no row in the README's database table") }
                continue
            }
            let cell = String(row.split(separator: "|").last ?? "")
            let listed = Set(backticked.matches(in: cell, range: NSRange(cell.startIndex..., in: cell)).compactMap {
                Range($0.range(at: 1), in: cell).map { String(cell[$0]) }
            })
            if listed != declared {
                wrong.append("\(id): README lists \(listed.sorted()), the connector declares \(declared.sorted())")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }

    /// Connectors read options only through their declarations (typed, with the declared default), never
    /// as raw strings that a config could misspell unnoticed.
    @Test func noConnectorReadsAnUndeclaredOption() throws {
        var raw: [String] = []
        for folder in try Self.connectorFolders() + [Self.root.appending(components: "Sources", "LitharvestConnectors", "Declarative")] {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            for name in files {
                let text = try String(contentsOf: folder.appending(component: name), encoding: .utf8)
                if text.contains(".options[") { raw.append("\(folder.lastPathComponent)/\(name)") }
            }
        }
        #expect(raw.isEmpty, "reads options by name: \(raw)")
        for factory in Self.factories {
            let names = factory.descriptor.options.map(\.name)
            #expect(Set(names).count == names.count, "\(factory.descriptor.id) declares an option twice")
            #expect(factory.descriptor.options.allSatisfy { !$0.doc.isEmpty })
        }
    }

    /// Each connector that searches (not an import-only one) is exercised by a search against recorded or
    /// synthetic fixtures in its test folder (or a test file of its own).
    @Test func everyConnectorHasAFixtureBackedSearchTest() throws {
        let testsRoot = Self.root.appending(components: "Tests", "LitharvestConnectorsTests")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: testsRoot.path)
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("ConnectorConformanceTests.swift") }
        // A folder's files read together: a stand-in server beside the suite often holds the fixture reading.
        var groups: [String: String] = [:]
        for path in paths {
            let text = try String(contentsOf: testsRoot.appending(component: path), encoding: .utf8)
            let folder = path.contains("/") ? String(path.prefix { $0 != "/" }) : path
            groups[folder, default: ""] += text + "\n"
        }
        let importOnly = Set(Self.factories.filter { $0.descriptor.access == .import }.map(\.descriptor.id))
        for type in registeredConnectors where !type.factories.allSatisfy({ importOnly.contains($0.descriptor.id) }) {
            let name = String(describing: type)
            let searched = groups.values.contains { text in
                text.contains("\(name)(") && text.contains(".search(") && (text.contains("fixture(") || text.contains("Fixtures"))
            }
            #expect(searched, "no test searches with \(name) against fixtures")
        }
    }

    // MARK: Answers that are not results

    static let htmlPage = ServerResponse.html(
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>")
    static let serverError = ServerResponse.text("internal error", status: 500)
    static let malformed = ServerResponse.xml("<?xml version=\"1.0\"?><response><unclosed>")

    @Test(arguments: searchable.map(\.descriptor.id))
    func anHTMLPageIsAClearError(id: String) throws {
        try expectClearError(id: id, answer: Self.htmlPage, kinds: [.unexpectedResponse, .blocked, .databaseError])
    }

    @Test(arguments: searchable.map(\.descriptor.id))
    func http500IsAClearError(id: String) throws {
        try expectClearError(id: id, answer: Self.serverError, kinds: [.databaseError, .transport, .unexpectedResponse])
    }

    @Test(arguments: searchable.map(\.descriptor.id))
    func aMalformedBodyIsAClearError(id: String) throws {
        try expectClearError(id: id, answer: Self.malformed, kinds: [.unexpectedResponse, .databaseError])
    }

    @Test(arguments: factories.filter { $0.descriptor.access == .import }.map(\.descriptor.id))
    func anImportOnlyDatabaseSendsNothing(id: String) throws {
        let server = try LoopbackServer { _ in .respond(Self.htmlPage) }
        defer { server.stop() }
        let (context, transport) = Self.context(for: try #require(ConnectorRegistry.builtIn[id]).descriptor, server: server)
        let error = #expect(throws: ConnectorError.self) {
            try ConnectorRegistry.builtIn[id]?.make().search(Query(text: "warfarin"), context: context)
        }
        #expect(error?.kind == .unavailable)
        #expect(transport.sent.isEmpty)
        #expect(server.requests.isEmpty)
    }

    private func expectClearError(id: String, answer: ServerResponse, kinds: Set<ConnectorError.Kind>) throws {
        let factory = try #require(ConnectorRegistry.builtIn[id])
        let server = try LoopbackServer { _ in .respond(answer) }
        defer { server.stop() }
        let (context, transport) = Self.context(for: factory.descriptor, server: server)
        let error = #expect(throws: ConnectorError.self) {
            try factory.make().search(Query(text: "warfarin", limit: 5), context: context)
        }
        #expect(error.map { kinds.contains($0.kind) } == true, "\(id): \(String(describing: error))")
        #expect(error.map { !$0.message.isEmpty } == true)
        // The only way out was the given client, and only to the loopback server.
        #expect(!transport.sent.isEmpty)
        #expect(transport.sent.allSatisfy { $0.hasPrefix(server.baseURL) }, "\(transport.sent)")
        #expect(server.requests.count == transport.sent.count)
    }

    // MARK: Helpers

    /// A key of the length the strictest API asks for (ScienceON: 32 characters).
    static let testKey = "0123456789abcdef0123456789abcdef"

    /// A context whose only way out is a recording transport to `server`, with the key (and its further
    /// secrets) a connector needs set, so the search gets as far as reading the answer.
    static func context(for descriptor: ConnectorDescriptor, server: LoopbackServer) -> (SearchContext, RecordingTransport) {
        let transport = RecordingTransport()
        let limiters = RateLimiterRegistry(defaultRequestsPerSecond: 0)
        let client = HTTPClient(
            transport: transport, limiters: limiters, retryPolicy: RetryPolicy(maxAttempts: 1, baseDelay: 0.01, maxDelay: 0.01))
        let secrets = Dictionary(uniqueKeysWithValues: (descriptor.key?.additionalVariables ?? []).map { ($0, "test-\($0.lowercased())") })
        let settings = ConnectorSettings(
            endpoint: server.url("/"), apiKey: descriptor.key == nil ? nil : Self.testKey, email: "tests@example.org",
            requestsPerSecond: 100, options: ["mac_address": "00-1A-2B-3C-4D-5E"], additionalSecrets: secrets)
        return (SearchContext(http: client, settings: settings), transport)
    }

    static func connectorFolders() throws -> [URL] {
        let sources = root.appending(components: "Sources", "LitharvestConnectors")
        return try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted()
            .map { sources.appending(component: $0) }
            .filter { folder in
                (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.contains { name in
                    name.hasSuffix("Connector.swift")
                        && ((try? String(contentsOf: folder.appending(component: name), encoding: .utf8))?
                            .contains(": RegisteredConnector") ?? false)
                } ?? false
            }
    }
}

/// A transport that records every URL it is asked for and sends it with libcurl.
final class RecordingTransport: HTTPTransport {
    private let urls = Mutex<[String]>([])
    private let curl = CurlTransport()

    var sent: [String] { urls.withLock { $0 } }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        urls.withLock { $0.append(request.url) }
        return try curl.send(request)
    }
}
