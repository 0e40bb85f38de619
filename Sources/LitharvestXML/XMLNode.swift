import LitharvestModel
import CLibXML2

/// An element (or attribute/text) node. Keeps its document alive; nodes handed out by
/// `XMLStreamReader` are valid only during the callback that received them.
package struct XMLNode {
    /// The `XMLDocument` or `XMLStreamReader` that owns the libxml2 memory behind `pointer`.
    let owner: AnyObject
    let pointer: xmlNodePtr

    init(owner: AnyObject, pointer: xmlNodePtr) {
        self.owner = owner
        self.pointer = pointer
    }

    /// Qualified name as written, e.g. `mml:math`.
    package var name: String {
        let local = localName
        guard let prefix = pointer.pointee.ns?.pointee.prefix, hasNamespaceField else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// Name without prefix.
    package var localName: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Namespace URI, or nil when the node is in no namespace.
    package var namespaceURI: String? {
        guard hasNamespaceField else { return nil }
        return pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// 1-based line where the node starts (for attributes: its element's line), 0 if unknown.
    package var line: Int {
        var node = pointer
        if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent { node = parent }
        return max(Int(xmlGetLineNo(node)), 0)
    }

    /// Value of the attribute with this qualified name (e.g. `xlink:href`), else with this local name.
    package func attribute(_ name: String) -> String? {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return nil }
        // Compared as C strings, without building Swift strings per attribute: this runs for every field
        // of every record.
        let colon = name.firstIndex(of: ":")
        let local = colon.map { String(name[name.index(after: $0)...]) } ?? name
        let prefix = colon.map { String(name[..<$0]) }
        return withXMLChars(local) { wantedLocal in
            withXMLChars(prefix ?? "") { wantedPrefix in
                var fallback: UnsafeMutablePointer<xmlAttr>?
                var attribute = pointer.pointee.properties
                while let current = attribute {
                    if xmlStrEqual(current.pointee.name, wantedLocal) != 0 {
                        let attributePrefix = current.pointee.ns?.pointee.prefix
                        if prefix == nil, attributePrefix == nil { return Self.value(of: current) }
                        if prefix != nil, let attributePrefix, xmlStrEqual(attributePrefix, wantedPrefix) != 0 {
                            return Self.value(of: current)
                        }
                        if prefix == nil, fallback == nil { fallback = current }
                    }
                    attribute = current.pointee.next
                }
                return fallback.map(Self.value(of:))
            }
        }
    }

    /// All attributes, keyed by qualified name.
    package var attributes: [String: String] {
        var result: [String: String] = [:]
        for attribute in attributeNodes {
            let local = attribute.pointee.name.map { String(cString: $0) } ?? ""
            let key = attribute.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" + local } ?? local
            result[key] = Self.value(of: attribute)
        }
        return result
    }

    /// Element children only, in document order.
    package var children: [XMLNode] {
        var result: [XMLNode] = []
        var child = firstChildNode
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(XMLNode(owner: owner, pointer: node)) }
            child = node.pointee.next
        }
        return result
    }

    /// The first element child with this local name (any namespace).
    package func child(_ localName: String) -> XMLNode? {
        withXMLChars(localName) { wanted in
            var child = firstChildNode
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(node.pointee.name, wanted) != 0 {
                    return XMLNode(owner: owner, pointer: node)
                }
                child = node.pointee.next
            }
            return nil
        }
    }

    /// Element children with this local name (any namespace).
    package func children(_ localName: String) -> [XMLNode] {
        withXMLChars(localName) { wanted in
            var result: [XMLNode] = []
            var child = firstChildNode
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(node.pointee.name, wanted) != 0 {
                    result.append(XMLNode(owner: owner, pointer: node))
                }
                child = node.pointee.next
            }
            return result
        }
    }

    /// All descendant text (including CDATA) in document order, unchanged. Entity references are
    /// never expanded.
    package var rawText: String {
        var bytes: [UInt8] = []
        Self.appendText(of: pointer, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `rawText` with every whitespace run collapsed to one space, trimmed.
    package var text: String {
        var bytes: [UInt8] = []
        Self.appendText(of: pointer, to: &bytes)
        return TextNormalization.collapse(bytes)
    }

    /// Nodes matching `xpath` evaluated relative to this node.
    package func select(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> [XMLNode] {
        try evaluate(xpath, namespaces).nodes(owner: owner, expression: xpath)
    }

    /// The first node matching `xpath` relative to this node, or nil.
    package func first(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> XMLNode? {
        try select(xpath, namespaces: namespaces).first
    }

    /// Normalized text of the first match relative to this node (or of a string/number/boolean
    /// result); nil if none or empty.
    package func text(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> String? {
        try evaluate(xpath, namespaces).text(owner: owner)
    }

    private func evaluate(_ xpath: String, _ namespaces: [String: String]) throws(XMLError) -> XPath.Result {
        guard let doc = pointer.pointee.doc else {
            throw XMLError(kind: .xpath, message: "node does not belong to a document")
        }
        return try withExtendedLifetime(owner) { () throws(XMLError) -> XPath.Result in
            try XPath.evaluate(xpath, doc: doc, node: pointer, namespaces: namespaces)
        }
    }

    // MARK: Helpers

    /// Only elements and attributes have an `ns` field at that offset.
    private var hasNamespaceField: Bool {
        let type = pointer.pointee.type
        return type == XML_ELEMENT_NODE || type == XML_ATTRIBUTE_NODE
    }

    private var attributeNodes: [UnsafeMutablePointer<xmlAttr>] {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return [] }
        var result: [UnsafeMutablePointer<xmlAttr>] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            result.append(current)
            attribute = current.pointee.next
        }
        return result
    }

    /// First child of an element (attributes' children are text, never elements).
    private var firstChildNode: xmlNodePtr? {
        pointer.pointee.type == XML_ELEMENT_NODE ? pointer.pointee.children : nil
    }

    private static func value(of attribute: UnsafeMutablePointer<xmlAttr>) -> String {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let node = child {
            appendOwnContent(of: node, to: &bytes)
            child = node.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendOwnContent(of node: xmlNodePtr, to bytes: inout [UInt8]) {
        let type = node.pointee.type
        guard type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = node.pointee.content else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// Iterative walk: HTML documents can nest deeper than the stack would like.
    static func appendText(of start: xmlNodePtr, to bytes: inout [UInt8]) {
        switch start.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            appendOwnContent(of: start, to: &bytes)
            return
        case XML_COMMENT_NODE, XML_PI_NODE:
            if let content = start.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            }
            return
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE,
             XML_DOCUMENT_FRAG_NODE:
            break
        default:
            // Entity references (whose children are the entity's own nodes), DTD parts, namespaces.
            return
        }
        var current = start.pointee.children
        while let node = current {
            let type = node.pointee.type
            if type == XML_ELEMENT_NODE, let firstChild = node.pointee.children {
                current = firstChild
                continue
            }
            appendOwnContent(of: node, to: &bytes)
            var finished = node
            while true {
                if let next = finished.pointee.next {
                    current = next
                    break
                }
                guard let parent = finished.pointee.parent, parent != start else {
                    current = nil
                    break
                }
                finished = parent
            }
        }
    }
}

@available(*, unavailable)
extension XMLNode: Sendable {}
