import CLibXML2
package import Foundation

/// A parsed XML or HTML document. Not Sendable: parse, extract and drop it in one function.
package final class XMLDocument {
    let doc: xmlDocPtr

    private init(doc: xmlDocPtr) {
        self.doc = doc
    }

    deinit {
        xmlFreeDoc(doc)
    }

    /// Parses strict XML. Malformed input throws `.malformed` with libxml2's message and line;
    /// documents that declare or reference entities throw `.unsafeDocument`. Never touches the network
    /// or the file system (a DOCTYPE's external DTD is not fetched).
    package static func parse(_ data: Data, source: String? = nil) throws(XMLError) -> XMLDocument {
        _ = libxmlSetUp
        guard data.count <= Int(Int32.max) else {
            throw XMLError(kind: .unsafeDocument, message: "document larger than 2 GiB; use XMLStreamReader", source: source)
        }
        try SafetyPolicy.refuseCrowdedElements(data, source: source)
        guard let ctxt = xmlNewParserCtxt() else {
            throw XMLError(kind: .io, message: "cannot allocate a libxml2 parser context", source: source)
        }
        defer { xmlFreeParserCtxt(ctxt) }

        let refusal = Refusal()
        let collector = ErrorCollector()
        SafetyPolicy.installHooks(on: ctxt)
        ctxt.pointee._private = Unmanaged.passUnretained(refusal).toOpaque()
        defer { ctxt.pointee._private = nil }

        let parsed: xmlDocPtr? = withExtendedLifetime(refusal) {
            withErrorCapture(collector) {
                data.withBytesOrEmpty { bytes, count in
                    xmlCtxtReadMemory(ctxt, bytes, count, nil, nil, SafetyPolicy.xmlOptions)
                }
            }
        }

        if let reason = refusal.reason {
            parsed.map { xmlFreeDoc($0) }
            throw XMLError(kind: .unsafeDocument, message: reason, line: refusal.line, source: source)
        }
        guard let parsed, ctxt.pointee.wellFormed != 0 else {
            parsed.map { xmlFreeDoc($0) }
            throw collector.firstError(default: "document could not be parsed").withSource(source)
        }
        let document = XMLDocument(doc: parsed)
        if let reason = SafetyPolicy.declaredEntity(in: parsed) {
            throw XMLError(kind: .unsafeDocument, message: reason, source: source)
        }
        return document
    }

    /// Parses HTML tolerantly (broken markup is repaired, errors are silenced); element names
    /// are lower-case for XPath. `encoding` (e.g. "EUC-KR") overrides detection from `<meta>`.
    package static func parseHTML(_ data: Data, encoding: String? = nil, source: String? = nil) throws(XMLError) -> XMLDocument {
        _ = libxmlSetUp
        guard data.count <= Int(Int32.max) else {
            throw XMLError(kind: .unsafeDocument, message: "document larger than 2 GiB", source: source)
        }
        try SafetyPolicy.refuseCrowdedElements(data, source: source)
        let collector = ErrorCollector()
        let parsed: xmlDocPtr? = withErrorCapture(collector) {
            data.withBytesOrEmpty { bytes, count in
                htmlReadMemory(bytes, count, nil, encoding, SafetyPolicy.htmlOptions)
            }
        }
        guard let parsed else {
            throw collector.firstError(default: data.isEmpty ? "document is empty" : "HTML could not be parsed")
                .withSource(source)
        }
        let document = XMLDocument(doc: parsed)
        if let reason = SafetyPolicy.declaredEntity(in: parsed) {
            throw XMLError(kind: .unsafeDocument, message: reason, source: source)
        }
        return document
    }

    /// The root element, if the document has one.
    package var root: XMLNode? {
        xmlDocGetRootElement(doc).map { XMLNode(owner: self, pointer: $0) }
    }

    /// Nodes matching `xpath`, evaluated from the document. Register prefixes in `namespaces`
    /// (a default namespace needs a prefix too, e.g. `["oai": "http://www.openarchives.org/OAI/2.0/"]`).
    package func select(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> [XMLNode] {
        try XPath.evaluate(xpath, doc: doc, node: nil, namespaces: namespaces).nodes(owner: self, expression: xpath)
    }

    /// The first node matching `xpath`, or nil.
    package func first(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> XMLNode? {
        try select(xpath, namespaces: namespaces).first
    }

    /// Normalized text of the first match (or of a string/number/boolean result); nil if none or empty.
    package func text(_ xpath: String, namespaces: [String: String] = [:]) throws(XMLError) -> String? {
        try XPath.evaluate(xpath, doc: doc, node: nil, namespaces: namespaces).text(owner: self)
    }
}

@available(*, unavailable)
extension XMLDocument: Sendable {}

extension Data {
    /// libxml2 wants a non-null pointer and an `Int32` size, even for empty input.
    func withBytesOrEmpty<T>(_ body: (UnsafePointer<CChar>, Int32) -> T) -> T {
        if isEmpty {
            return "".withCString { body($0, 0) }
        }
        return withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
    }
}
