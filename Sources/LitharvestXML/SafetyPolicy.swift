import CLibXML2

/// The entity policy: bibliographic responses never declare entities, and every entity attack
/// (billion laughs, XXE, parameter-entity XXE) needs a declaration, so any declaration or
/// reference to a non-predefined entity refuses the whole document before anything is expanded.
enum SafetyPolicy {
    /// Options for strict XML. Deliberately without NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE.
    static let xmlOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Options for the streaming reader (COMPACT skipped: the reader recycles nodes itself).
    static let readerOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
    )

    /// Installs SAX hooks that stop the parser at the first entity declaration or reference.
    /// `ctxt._private` must point at `refusal` (unretained) while parsing.
    static func installHooks(on ctxt: xmlParserCtxtPtr) {
        guard let sax = ctxt.pointee.sax else { return }
        sax.pointee.entityDecl = { context, name, _, _, _, _ in
            SafetyPolicy.refuse(context, "the document declares entity '\(SafetyPolicy.string(name))'")
        }
        sax.pointee.reference = { context, name in
            SafetyPolicy.refuse(context, "the document references entity '&\(SafetyPolicy.string(name));'")
        }
    }

    private static func refuse(_ context: UnsafeMutableRawPointer?, _ reason: String) {
        guard let context else { return }
        let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
        if let box = ctxt.pointee._private {
            let refusal = Unmanaged<Refusal>.fromOpaque(box).takeUnretainedValue()
            if refusal.reason == nil {
                refusal.reason = reason + "; entity declarations are refused"
                refusal.line = Int(xmlSAX2GetLineNumber(context))
            }
        }
        xmlStopParser(ctxt)
    }

    /// Second line of defence after a parse: any entity declared in the internal subset.
    static func declaredEntity(in dtd: xmlNodePtr?) -> String? {
        var child = dtd?.pointee.children
        while let node = child {
            if node.pointee.type == XML_ENTITY_DECL {
                return "the document declares entity '\(string(node.pointee.name))'; entity declarations are refused"
            }
            child = node.pointee.next
        }
        return nil
    }

    static func declaredEntity(in doc: xmlDocPtr) -> String? {
        let internalSubset = doc.pointee.intSubset.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlNode.self) }
        return declaredEntity(in: internalSubset)
    }

    private static func string(_ name: UnsafePointer<xmlChar>?) -> String {
        name.map { String(cString: $0) } ?? "?"
    }
}

/// Written by the SAX hooks when they refuse a document.
final class Refusal {
    var reason: String?
    var line: Int?
}
