import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reading one saved API answer (plain or gzip) for `litharvest parse`: a missing, HTML or foreign file
/// is an error naming the path, never zero records.
enum KoreanAPIFile {
    /// Calls `body` with the document's root element when it is one of `roots`.
    static func withRoot<T>(
        ofFile path: String, roots: Set<String>, database: String, _ body: (XMLNode) throws -> T
    ) throws -> T {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConnectorError(.unexpectedResponse, "cannot read the file", location: path)
        }
        var result: T?
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(fileAtPath: path)
            try reader.forEachElement(named: roots) { node in
                // Only the document element counts, not a same-named element deeper in something else.
                guard result == nil, reader.rootElementName == node.localName else { return }
                result = try body(node)
            }
        } catch let error as XMLError {
            throw ConnectorError(.unexpectedResponse, "not a saved \(database) answer: \(error)", location: path)
        }
        guard let result else {
            throw ConnectorError(
                .unexpectedResponse,
                "not a saved \(database) answer (root element <\(reader.rootElementName ?? "none")>)", location: path)
        }
        return result
    }
}
