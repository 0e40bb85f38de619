import LitharvestCore
import LitharvestModel
import LitharvestXML

/// The one loop that streams an XML answer or saved file element by element (OAI-PMH pages, KCI REST
/// answers, E-utilities efetch documents): every element must sit in an expected root, XML failures become
/// a ``ConnectorError`` naming the source, line and column, errors from the caller's `emit` reach the caller
/// unchanged, and a document whose root is missing or foreign is refused after the loop, never read as zero
/// records.
enum XMLRecordStream {
    /// Streams the elements in `elements` from `reader`, handing each to `handle` with its location
    /// (`source:line`).
    ///
    /// - Parameters:
    ///   - roots: the root elements an answer may have.
    ///   - expected: what the answer should be, for messages ("an OAI-PMH answer").
    ///   - foreignRoot: the error for an element under a foreign root, when it is not the plain refusal (an
    ///     `<error>` document is a database error); nil for the refusal.
    ///   - handle: reads one element; pass records on with ``deliver(_:to:)``.
    static func read(
        _ reader: XMLStreamReader, source: String, elements: Set<String>, roots: Set<String>, expected: String,
        foreignRoot: (_ node: XMLNode, _ location: String) -> ConnectorError? = { _, _ in nil },
        handle: (_ node: XMLNode, _ location: String) throws -> Void
    ) throws {
        do {
            try reader.forEachElement(named: elements) { node in
                let location = "\(source):\(node.line)"
                let root = reader.rootElementName
                guard let root, roots.contains(root) else {
                    throw foreignRoot(node, location)
                        ?? ConnectorError(.unexpectedResponse, "expected \(expected), found <\(root ?? "")>", location: source)
                }
                try handle(node, location)
            }
        } catch let failure as EmitFailure {
            throw failure.underlying
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: source)
        }
        guard let root = reader.rootElementName, roots.contains(root) else {
            throw ConnectorError(
                .unexpectedResponse,
                reader.rootElementName.map { "expected \(expected), found <\($0)>" } ?? "the document has no root element",
                location: source)
        }
    }

    /// Calls the caller's `emit` so that what it throws leaves ``read(_:source:elements:roots:expected:foreignRoot:handle:)``
    /// unchanged instead of being reworded as a reading failure.
    static func deliver(_ record: Record, to emit: (Record) throws -> Void) throws {
        do {
            try emit(record)
        } catch {
            throw EmitFailure(underlying: error)
        }
    }
}

/// Carries an error thrown by the caller's `emit` through the stream reader unchanged.
private struct EmitFailure: Error {
    let underlying: any Error
}
