import LitharvestModel
import CLibXML2

/// XPath 1.0 evaluation shared by `XMLDocument` and `XMLNode`.
enum XPath {
    enum Result {
        case nodes([xmlNodePtr])
        case string(String)
        case number(Double)
        case boolean(Bool)

        func nodes(owner: AnyObject, expression: String) throws(XMLError) -> [XMLNode] {
            switch self {
            case .nodes(let pointers):
                return pointers.map { XMLNode(owner: owner, pointer: $0) }
            case .string, .number, .boolean:
                throw XMLError(kind: .xpath, message: "'\(expression)' returns a \(typeName), not a node-set; use text(_:)")
            }
        }

        /// Normalized text of the first node or the scalar value; nil when there is nothing to say.
        func text(owner: AnyObject) -> String? {
            let value: String
            switch self {
            case .nodes(let pointers):
                guard let first = pointers.first else { return nil }
                value = withExtendedLifetime(owner) { XMLNode(owner: owner, pointer: first).text }
            case .string(let string):
                value = string.collapsingWhitespace()
            case .number(let number):
                guard number.isFinite else { return nil }
                if number == number.rounded(), abs(number) < 1e15 {
                    value = String(Int64(number))
                } else {
                    value = String(number)
                }
            case .boolean(let flag):
                value = flag ? "true" : "false"
            }
            return value.isEmpty ? nil : value
        }

        private var typeName: String {
            switch self {
            case .nodes: "node-set"
            case .string: "string"
            case .number: "number"
            case .boolean: "boolean"
            }
        }
    }

    /// Evaluates `expression` with `node` as context node (the document when nil).
    static func evaluate(
        _ expression: String, doc: xmlDocPtr, node: xmlNodePtr?, namespaces: [String: String]
    ) throws(XMLError) -> Result {
        _ = libxmlSetUp
        guard let context = xmlXPathNewContext(doc) else {
            throw XMLError(kind: .xpath, message: "cannot allocate an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in namespaces {
            let status = withXMLChars(prefix) { prefix in withXMLChars(uri) { uri in xmlXPathRegisterNs(context, prefix, uri) } }
            guard status == 0 else {
                throw XMLError(kind: .xpath, message: "cannot register namespace prefix '\(prefix)'")
            }
        }
        if let node { context.pointee.node = node }

        let collector = ErrorCollector()
        let object = withErrorCapture(collector, handler: ErrorCollector.xpathHandler) {
            withXMLChars(expression) { xmlXPathEvalExpression($0, context) }
        }
        guard let object else {
            let reason = collector.errors.first?.message ?? "invalid expression"
            throw XMLError(kind: .xpath, message: "\(reason) in '\(expression)'")
        }
        defer { xmlXPathFreeObject(object) }

        switch object.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE:
            var pointers: [xmlNodePtr] = []
            if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab {
                pointers.reserveCapacity(Int(set.pointee.nodeNr))
                for index in 0..<Int(set.pointee.nodeNr) {
                    // Namespace nodes are copies owned by the result object; they cannot outlive it.
                    guard let pointer = table[index], pointer.pointee.type != XML_NAMESPACE_DECL else { continue }
                    pointers.append(pointer)
                }
            }
            return .nodes(pointers)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        default:
            throw XMLError(kind: .xpath, message: "'\(expression)' returns an unsupported result type")
        }
    }
}

/// libxml2 takes `xmlChar *` (unsigned), which Swift strings do not bridge to implicitly.
func withXMLChars<T>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
    string.withCString { pointer in
        pointer.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1, body)
    }
}
