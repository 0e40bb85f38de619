import Foundation

/// Serves files from a directory (e.g. recorded responses), with a content type guessed from the
/// file extension.
package struct FixtureDirectory: Sendable {
    /// The directory the files are read from.
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// The file `name` (relative to the directory) as a response, or nil if it cannot be read.
    package func response(forFile name: String, status: Int = 200) -> ServerResponse? {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return ServerResponse(
            status: status,
            headers: [(name: "Content-Type", value: FixtureDirectory.contentType(forFile: name))],
            body: data
        )
    }

    /// Maps a request path ("/efetch/123.xml") to a file under the directory ("efetch/123.xml").
    /// Returns nil for a missing file or a path with a ".." component.
    package func response(forRequestPath requestPath: String, status: Int = 200) -> ServerResponse? {
        let components = requestPath.split(separator: "/").map(String.init)
        guard !components.isEmpty, !components.contains("..") else { return nil }
        return response(forFile: components.joined(separator: "/"), status: status)
    }

    /// The content type guessed from a file name's extension (`application/octet-stream` if unknown).
    package static func contentType(forFile name: String) -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        switch ext {
        case "xml": return "text/xml; charset=UTF-8"
        case "json": return "application/json"
        case "html", "htm": return "text/html; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "tsv": return "text/tab-separated-values; charset=utf-8"
        case "ris": return "application/x-research-info-systems"
        case "bib": return "application/x-bibtex"
        case "nbib": return "application/nbib"
        case "gz": return "application/gzip"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
