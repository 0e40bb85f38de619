import CLibXML2
package import Foundation

/// Streams a large XML document with libxml2's `xmlTextReader`: only the element currently
/// handed to the callback is built in memory, so memory stays flat however big the input is.
/// Not Sendable: use it from one thread.
package final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    /// `xmlReaderForMemory` reads the caller's buffer in place, so the reader owns a copy.
    private let buffer: UnsafeMutableRawBufferPointer?
    private let collector = ErrorCollector()
    private let source: String?
    private var finished = false

    /// Local name of the document's root element, once reading has started (for format sniffing).
    package private(set) var rootElementName: String?

    /// Reads XML from memory.
    package init(data: Data, source: String? = nil) throws(XMLError) {
        _ = libxmlSetUp
        guard data.count <= Int(Int32.max) else {
            throw XMLError(kind: .unsafeDocument, message: "document larger than 2 GiB; use init(fileAtPath:)", source: source)
        }
        guard !data.isEmpty else {
            throw XMLError(kind: .malformed, message: "Document is empty", source: source)
        }
        try SafetyPolicy.refuseCrowdedElements(data, source: source)
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 1)
        data.copyBytes(to: copy)
        guard let reader = xmlReaderForMemory(
            copy.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(data.count), nil, nil, SafetyPolicy.readerOptions
        ) else {
            copy.deallocate()
            throw XMLError(kind: .malformed, message: "cannot create an XML reader", source: source)
        }
        self.reader = reader
        self.buffer = copy
        self.source = source
        installErrorHandler()
    }

    /// Reads an XML file; gzip-compressed files are decompressed transparently by libxml2.
    package init(fileAtPath path: String) throws(XMLError) {
        _ = libxmlSetUp
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw XMLError(kind: .io, message: "cannot read file", source: path)
        }
        // A gzip file is not scanned (libxml2 decompresses it as it reads).
        if let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe), !data.starts(with: [0x1F, 0x8B]) {
            try SafetyPolicy.refuseCrowdedElements(data, source: path)
        }
        guard let reader = xmlReaderForFile(path, nil, SafetyPolicy.readerOptions) else {
            throw XMLError(kind: .io, message: "cannot open file", source: path)
        }
        self.reader = reader
        self.buffer = nil
        self.source = path
        installErrorHandler()
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer?.deallocate()
    }

    private func installErrorHandler() {
        xmlTextReaderSetStructuredErrorHandler(
            reader, ErrorCollector.parserHandler, Unmanaged.passUnretained(collector).toOpaque()
        )
    }

    /// Calls `body` with each element whose local name is in `names` (at any depth, but not inside
    /// another match), expanded as a subtree. The node is valid only during the call; its subtree is
    /// released afterwards. Throws `XMLError` for malformed or unsafe input (elements before the
    /// error may already have been delivered) and rethrows errors from `body`. Reading consumes the
    /// document: a second call returns without calling `body`.
    package func forEachElement(named names: Set<String>, _ body: (XMLNode) throws -> Void) throws {
        guard !finished else { return }
        finished = true
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                if let reason = SafetyPolicy.declaredEntity(in: xmlTextReaderCurrentNode(reader)) {
                    throw XMLError(kind: .unsafeDocument, message: reason, line: currentLine, source: source)
                }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                throw XMLError(
                    kind: .unsafeDocument, message: "the document references an entity; entity references are refused",
                    line: currentLine, source: source
                )
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                if rootElementName == nil { rootElementName = name }
                if names.contains(name) {
                    guard let node = xmlTextReaderExpand(reader) else { throw currentError() }
                    try body(XMLNode(owner: self, pointer: node))
                    status = xmlTextReaderNext(reader)
                    continue
                }
            default:
                break
            }
            status = xmlTextReaderRead(reader)
        }
        if status < 0 || !collector.fatalErrors.isEmpty {
            throw currentError()
        }
    }

    private var currentLine: Int? {
        xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) }.flatMap { $0 > 0 ? $0 : nil }
    }

    private func currentError() -> XMLError {
        collector.firstError(default: "document could not be read").withSource(source)
    }
}

@available(*, unavailable)
extension XMLStreamReader: Sendable {}
