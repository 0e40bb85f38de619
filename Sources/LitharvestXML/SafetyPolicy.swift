import CLibXML2
import Foundation

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

extension SafetyPolicy {
    /// The most attributes one element may have. libxml2 2.9 checks each attribute of a tag against all
    /// the ones before it, so a tag of a million attributes (a 10 MB file) would take hours; real records
    /// have a handful.
    static let maximumAttributes = 10_000

    /// The line of the first start tag with more than ``maximumAttributes`` attributes, found by one pass
    /// over the bytes before libxml2 sees them (attributes counted as `=` outside quotes inside a tag).
    static func crowdedElementLine(in bytes: UnsafeRawBufferPointer) -> Int? {
        var line = 1
        var tagLine = 1
        var inTag = false
        var quote: UInt8 = 0
        var attributes = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if inTag {
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x22 || byte == 0x27 {
                    quote = byte
                } else if byte == 0x3D {
                    attributes += 1
                    if attributes > maximumAttributes { return tagLine }
                } else if byte == 0x3E {
                    inTag = false
                }
            } else if byte == 0x3C, index + 1 < count {
                // `<` and a name start: a start tag (not `</`, `<!`, `<?`).
                let next = bytes[index + 1]
                if next != 0x2F, next != 0x21, next != 0x3F {
                    inTag = true
                    attributes = 0
                    tagLine = line
                }
            }
            index += 1
        }
        return nil
    }

    /// Throws `.unsafeDocument` when `data` has an element with too many attributes.
    static func refuseCrowdedElements(_ data: Data, source: String?) throws(XMLError) {
        let line = data.withUnsafeBytes { crowdedElementLine(in: $0) }
        if let line {
            throw XMLError(
                kind: .unsafeDocument, message: "an element has more than \(maximumAttributes) attributes; the document is refused",
                line: line, source: source)
        }
    }
}
