import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// One RISS OpenAPI answer: `record/head/{totalcount, Error, ErrorMessage}` then `metadata` elements
/// (`riss.title`, `riss.author`, …, `url`). Errors come with HTTP 200 and a non-zero `Error`; any other
/// shape is refused, never read as zero hits. No real response has been published, so the parser accepts
/// exactly the documented structure.
struct RISSAPIResponse {
    /// `totalcount`.
    var total: Int
    /// Records in response order.
    var records: [Record]
    /// `metadata` elements on the page, read or skipped (what `rsnum` advances by).
    var itemCount: Int
    /// Records that could not be read.
    var diagnostics: [Diagnostic]

    /// The `metadata` children the documentation lists; anything else in a record is reported.
    static let knownFields: Set<String> = [
        "riss.type", "riss.title", "riss.author", "riss.publisher", "riss.pubdate", "riss.stitle", "riss.vol", "riss.no",
        "riss.mtype", "riss.reg", "riss.issn", "riss.isbn", "riss.abstract", "riss.toc", "riss.image", "riss.charge",
        "riss.holdings", "url",
    ]

    /// Parses `data`; `location` is the redacted URL or file.
    ///
    /// - Throws: ``ConnectorError``: `.databaseError` for an `Error` answer, `.unexpectedResponse` for any
    ///   other shape.
    init(data: Data, location: String) throws {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data, source: location)
        } catch {
            throw ConnectorError(.unexpectedResponse, "not a RISS OpenAPI XML answer: \(error)", location: location)
        }
        guard let root = document.root, root.localName == "record" else {
            throw ConnectorError(
                .unexpectedResponse, "expected a <record> root, found <\(document.root?.localName ?? "nothing")>",
                location: location)
        }
        guard let head = root.child("head") else {
            throw ConnectorError(.unexpectedResponse, "the answer has no <head>", location: "\(location):\(root.line)")
        }
        let code = Normalize.text(head.child("Error")?.text)
        if let code, code.contains(where: { $0 != "0" }) {
            let message = Normalize.text(head.child("ErrorMessage")?.text) ?? "no message"
            throw ConnectorError(.databaseError, "RISS OpenAPI error \(code): \(message)", location: location)
        }
        guard let countText = Normalize.text(head.child("totalcount")?.text) else {
            throw ConnectorError(.unexpectedResponse, "the answer's <head> has no <totalcount>", location: "\(location):\(head.line)")
        }
        guard let total = Int(countText.replacingOccurrences(of: ",", with: "")), total >= 0 else {
            throw ConnectorError(.unexpectedResponse, "<totalcount> '\(countText)' is not a count", location: "\(location):\(head.line)")
        }
        var records: [Record] = []
        var diagnostics: [Diagnostic] = []
        var itemCount = 0
        for child in root.children {
            switch child.localName {
            case "head": continue
            case "metadata":
                itemCount += 1
                let place = "\(location):\(child.line)"
                for field in child.children where !Self.knownFields.contains(field.localName) {
                    diagnostics.append(Diagnostic(.note, "undocumented field <\(field.localName)> ignored", location: place))
                }
                guard let record = Self.record(from: child) else {
                    diagnostics.append(Diagnostic(.warning, "record without a url carrying id= skipped", location: place))
                    continue
                }
                records.append(record)
            default:
                throw ConnectorError(
                    .unexpectedResponse, "unexpected <\(child.localName)> in <record> (only <head> and <metadata> are documented)",
                    location: "\(location):\(child.line)")
            }
        }
        self.total = total
        self.records = records
        self.itemCount = itemCount
        self.diagnostics = diagnostics
    }

    static func record(from metadata: XMLNode) -> Record? {
        func field(_ name: String) -> String? { SourceText.plain(metadata.child(name)?.rawText) }
        guard let url = field("url"), let id = RISSFields.parameter("id", in: url), !id.isEmpty else { return nil }
        let (title, otherTitle) = RISSFields.titles(field("riss.title"))
        var record = Record(database: "riss-api", nativeID: id, title: title, otherTitle: otherTitle, url: url)
        var seen = Set<String>()
        record.authors = (field("riss.author") ?? "").split(separator: "|")
            .compactMap { Normalize.text(String($0)) }
            .filter { seen.insert($0).inserted }
            .compactMap(RISSFields.author)
        record.journal = field("riss.stitle")
        record.volume = field("riss.vol")
        record.issue = field("riss.no")
        if let year = Normalize.year(in: field("riss.pubdate")) {
            record.date = PublicationDate(year: year, text: field("riss.pubdate"))
        }
        record.publicationTypes = [field("riss.mtype"), field("riss.reg")].compactMap { $0 }
        record.issns = field("riss.issn").map { [ISSN($0)] } ?? []
        if let isbn = field("riss.isbn") { record.identifiers.append(RecordIdentifier(scheme: "isbn", value: isbn)) }
        return record
    }
}
