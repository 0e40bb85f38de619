package import Foundation
import Synchronization

/// Keeps every raw response of a run on disk (body files plus an `index.jsonl`), for provenance and for
/// `litharvest parse`. Secrets are masked in stored URLs, form fields and bodies.
package final class ResponseArchive: Sendable {
    /// One line of `index.jsonl`.
    package struct Entry: Codable, Sendable, Equatable {
        /// Sequence number within the archive.
        package var sequence: Int
        /// When the response arrived (UTC, ISO 8601).
        package var receivedAt: String
        /// GET or POST.
        package var method: String
        /// The request URL, secrets masked.
        package var url: String
        /// POST fields, secrets masked.
        package var form: [QueryItem]
        /// The HTTP status.
        package var status: Int
        /// The response's Content-Type, if any.
        package var contentType: String?
        /// The body file, relative to the archive directory.
        package var file: String
        /// Body size in bytes.
        package var bytes: Int
    }

    /// Where files go.
    package let directory: URL
    private let redactor: SecretRedactor
    private let sequence = Mutex(0)

    /// Creates (or reopens) an archive in `directory`, creating it if needed.
    package init(directory: URL, redactor: SecretRedactor = .standard) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.redactor = redactor
        let index = directory.appendingPathComponent("index.jsonl")
        if let existing = try? String(contentsOf: index, encoding: .utf8) {
            sequence.withLock { $0 = existing.split(separator: "\n").count }
        }
    }

    /// Stores `response` to `request`; secrets the request carries are masked in the body too.
    @discardableResult
    package func store(_ response: HTTPResponse, for request: HTTPRequest) throws -> Entry {
        let redactor = self.redactor.learning(from: request)
        // The lock covers numbering and the index append, so concurrent jobs never interleave lines.
        return try sequence.withLock { counter in
            counter += 1
            let host = (request.host ?? "unknown").replacingOccurrences(of: ":", with: "_")
            let file = String(format: "%06d-%@.body", counter, host)
            let body = redactor.redact(body: response.body)
            try body.write(to: directory.appendingPathComponent(file), options: .atomic)
            let entry = Entry(
                sequence: counter,
                receivedAt: ISO8601DateFormatter().string(from: Date()),
                method: request.method.rawValue,
                url: redactor.redact(url: request.url),
                form: redactor.redact(form: request.form),
                status: response.status,
                contentType: response.header("Content-Type"),
                file: file,
                bytes: body.count)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var line = try encoder.encode(entry)
            line.append(UInt8(ascii: "\n"))
            let index = directory.appendingPathComponent("index.jsonl")
            if !FileManager.default.fileExists(atPath: index.path) {
                _ = FileManager.default.createFile(atPath: index.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: index)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            return entry
        }
    }

    /// Every entry stored so far.
    package func entries() throws -> [Entry] {
        let index = directory.appendingPathComponent("index.jsonl")
        guard FileManager.default.fileExists(atPath: index.path) else { return [] }
        let decoder = JSONDecoder()
        return try String(contentsOf: index, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(Entry.self, from: Data($0.utf8))
        }
    }
}
