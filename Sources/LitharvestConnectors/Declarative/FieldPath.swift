import Foundation
import LitharvestXML

/// Where a value is in a response: a ``JSONPath`` for JSON bodies, an XPath for XML and HTML bodies.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case json(JSONPath)
        case xpath(String)
    }

    let kind: Kind

    /// The path as written in the spec.
    package var description: String {
        switch kind {
        case .json(let path): path.description
        case .xpath(let expression): expression
        }
    }

    /// A JSON path.
    init(json path: JSONPath) { kind = .json(path) }

    /// An XPath expression (checked by evaluating it once against a tiny document).
    init(xpath expression: String) { kind = .xpath(expression) }

    /// Checks that `expression` compiles as XPath 1.0 with `namespaces`; the error is libxml2's.
    static func checkXPath(_ expression: String, namespaces: [String: String]) throws(XMLError) {
        let document = try XMLDocument.parse(Data("<probe/>".utf8))
        _ = try document.text(expression, namespaces: namespaces)
    }
}

/// A record or whole response being read: a JSON value, or an XML node with the spec's XPath prefixes.
enum SourceNode {
    case json(Any)
    case xml(XMLNode, namespaces: [String: String])

    /// The texts `path` reaches from this node (raw: markup and entities untouched).
    func strings(_ path: FieldPath) throws -> [String] {
        switch (self, path.kind) {
        case (.json(let value), .json(let jsonPath)):
            return jsonPath.strings(in: value)
        case (.xml(let node, let namespaces), .xpath(let expression)):
            // A node-set gives each node's text; a string or number expression gives its one value.
            if let nodes = try? node.select(expression, namespaces: namespaces) {
                return nodes.map(\.text).filter { !$0.isEmpty }
            }
            return try node.text(expression, namespaces: namespaces).map { [$0] } ?? []
        default:
            return []
        }
    }

    /// The nodes `path` reaches (records).
    func nodes(_ path: FieldPath) throws -> [SourceNode] {
        switch (self, path.kind) {
        case (.json(let value), .json(let jsonPath)):
            return jsonPath.values(in: value).flatMap { match -> [SourceNode] in
                // `$.result` naming an array means its elements, as `$.result[*]` does.
                if let array = match as? [Any] { return array.map(SourceNode.json) }
                return [.json(match)]
            }
        case (.xml(let node, let namespaces), .xpath(let expression)):
            return try node.select(expression, namespaces: namespaces).map { .xml($0, namespaces: namespaces) }
        default:
            return []
        }
    }
}
