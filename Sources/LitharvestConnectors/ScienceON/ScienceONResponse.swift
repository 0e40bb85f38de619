import Foundation
import LitharvestCore
import LitharvestHTTP
import LitharvestXML

/// One `openapicall.do` answer: the summary, the records and the problems met mapping them. The
/// `parameterData` echo (client id, token, the query) is never read.
struct ScienceONResponse {
    /// `TotalCount`.
    var totalCount: Int
    /// `serviceDatatype` (논문, 보고서, …).
    var dataType: String?
    /// Records in answer order.
    var records: [Record]
    /// Records skipped, with why.
    var diagnostics: [Diagnostic]

    /// A `statusCode` other than 200 in an HTTP 200 answer.
    struct StatusError: Error {
        var code: String
        var message: String
        var location: String

        /// Whether the gateway refused the token as expired (so one refresh may cure it). The gateway's code
        /// table is not public: E4103 is the code clients report for an expired token, and any message
        /// that says so (만료, expired) counts too.
        var isTokenExpired: Bool {
            let lowered = message.lowercased()
            return code == "E4103" || lowered.contains("만료") || lowered.contains("expire")
        }

        var connectorError: ConnectorError {
            ConnectorError(
                .databaseError, "ScienceON answered statusCode \(code): \(message)", location: location)
        }
    }

    /// Parses an answer; `location` (already redacted) names it in errors.
    ///
    /// - Throws: ``StatusError`` for a gateway error envelope, ``ConnectorError`` for anything that is not
    ///   a ScienceON answer (HTML, JSON, a changed layout); never reads those as zero records.
    static func parse(_ body: Data, location: String) throws -> ScienceONResponse {
        let text = String(decoding: body.prefix(256), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") {
            throw ConnectorError(
                .unexpectedResponse,
                "ScienceON answered JSON instead of the XML search result: "
                    + SecretRedactor.standard.redact(text: String(decoding: body.prefix(300), as: UTF8.self)),
                location: location)
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(body, source: location)
        } catch {
            throw ConnectorError(.unexpectedResponse, "ScienceON answer is not well-formed XML: \(error)", location: location)
        }
        guard let root = document.root else {
            throw ConnectorError(.unexpectedResponse, "ScienceON answer has no root element", location: location)
        }
        return try parse(root: root, location: location)
    }

    /// Parses the answer's root element (which must be `MetaData`).
    static func parse(root: XMLNode, location: String) throws -> ScienceONResponse {
        guard root.localName == "MetaData" else {
            throw ConnectorError(
                .unexpectedResponse, "expected <MetaData>, got <\(root.localName)>", location: location)
        }
        let summary = root.child("resultSummary")
        let status = Normalize.text(summary?.child("statusCode")?.text)
        if let status, status != "200" {
            let messageNames = ["errorMessage", "errorMsg", "message", "resultMsg", "statusMessage"]
            let message = messageNames.lazy.compactMap { Normalize.text(summary?.child($0)?.text) }.first
                ?? messageNames.lazy.compactMap { Normalize.text(root.child($0)?.text) }.first ?? "no message"
            throw StatusError(code: status, message: message, location: location)
        }
        guard let summary, status != nil, let countText = Normalize.text(summary.child("TotalCount")?.text),
            let total = Int(countText)
        else {
            throw ConnectorError(
                .unexpectedResponse, "ScienceON answer has no resultSummary with statusCode and TotalCount",
                location: location)
        }
        var response = ScienceONResponse(
            totalCount: total, dataType: Normalize.text(summary.child("serviceDatatype")?.text), records: [],
            diagnostics: [])
        for record in root.child("recordList")?.children("record") ?? [] {
            let fields = ScienceONFields(record)
            if let mapped = fields.record() {
                response.records.append(mapped)
            } else {
                let row = record.attribute("rownum").map { " (rownum \($0))" } ?? ""
                response.diagnostics.append(Diagnostic(
                    .warning, "skipped a ScienceON record without CN\(row)", location: "\(location):\(record.line)"))
            }
        }
        if total > 0, response.records.isEmpty, root.child("recordList") == nil {
            throw ConnectorError(
                .unexpectedResponse, "ScienceON reported \(total) records but the answer has no recordList",
                location: location)
        }
        return response
    }
}

/// The `item[@metaCode]` values of one record, mapped to a ``Record``.
struct ScienceONFields {
    private var values: [String: String] = [:]

    init(_ record: XMLNode) {
        for item in record.children("item") {
            guard let code = item.attribute("metaCode"), values[code] == nil else { continue }
            values[code] = item.text
        }
    }

    /// The cleaned value of `code` (markup stripped, entities decoded), nil when empty.
    subscript(_ code: String) -> String? { SourceText.plain(values[code]) }

    /// A `;`-separated field (with its trailing `;`) as its parts, empty parts kept so positions align.
    func list(_ code: String) -> [String] {
        guard let raw = values[code] else { return [] }
        var parts = raw.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    /// The record, or nil when it has no `CN` (nor `ArticleId`).
    func record() -> Record? {
        guard let nativeID = self["CN"] ?? self["ArticleId"] else { return nil }
        var record = Record(database: "scienceon", nativeID: nativeID)
        record.title = self["Title"] ?? self["Title2"]
        record.otherTitle = self["Title"] == nil ? nil : self["Title2"]
        record.authors = authors()
        record.journal = self["JournalName"]
        record.issns = issns()
        record.volume = self["VolNo1"]
        record.issue = self["VolNo2"]
        record.date = date()
        record.doi = Normalize.doi(self["DOI"])
        let abstracts = [self["Abstract"], self["Abstract2"]].compactMap { $0 }
        record.abstract = abstracts.isEmpty ? nil : abstracts.joined(separator: "\n\n")
        record.keywords = keywords()
        record.languages = self["Lang"].map { [$0] } ?? []
        record.publicationTypes = publicationTypes()
        record.url = self["ContentURL"] ?? self["MobileURL"]
        let dbCode = self["DBCode"] ?? String(nativeID.prefix(4))
        // REPORT's PageInfo is a page count, not a range.
        if dbCode != "TRKO", let pageInfo = self["PageInfo"] {
            record.pages = Self.pages(pageInfo)
        }
        if let articleID = self["ArticleId"], articleID != nativeID {
            record.identifiers.append(RecordIdentifier(scheme: "scienceon-article", value: articleID))
        }
        if let isbn = self["ISBN"] { record.identifiers.append(RecordIdentifier(scheme: "isbn", value: isbn)) }
        return record
    }

    /// `pp.917-925` → `917-925`.
    static func pages(_ text: String) -> String? {
        var value = text
        for prefix in ["pp.", "p.", "pp", "p"] where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count))
            break
        }
        return Normalize.text(value)
    }

    private func authors() -> [Author] {
        let names = list("Author") + list("Contributors")
        let romanised = list("Author2")
        let affiliations = list("Affiliation")
        var authors: [Author] = []
        for (index, name) in names.enumerated() {
            guard var author = SourceText.author(name) else { continue }
            if index < affiliations.count, let affiliation = SourceText.plain(affiliations[index]),
                !author.affiliations.contains(affiliation)
            {
                author.affiliations.append(affiliation)
            }
            // Author2 lines up with Author only when both have the same length.
            if romanised.count == list("Author").count, index < romanised.count,
                let alternate = SourceText.plain(romanised[index]), alternate != author.literal
            {
                author.alternateNames.append(alternate)
            }
            authors.append(author)
        }
        return authors
    }

    /// `ISSN` is `print;electronic;`; an empty slot means that medium has none.
    private func issns() -> [ISSN] {
        let parts = list("ISSN")
        var issns: [ISSN] = []
        for (index, part) in parts.enumerated() where !part.isEmpty {
            let kind: ISSN.Kind = index == 0 ? .print : index == 1 ? .electronic : .unknown
            issns.append(ISSN(part, kind: kind))
        }
        return issns
    }

    /// `Pubdate` (`YYYYMMDD`, `YYYYMM00` for reports), else `Pubyear`.
    private func date() -> PublicationDate? {
        if let pubdate = self["Pubdate"], pubdate.count == 8, pubdate.allSatisfy(\.isASCIIDigit),
            let year = Int(pubdate.prefix(4)), year > 0
        {
            let month = Int(pubdate.dropFirst(4).prefix(2)).flatMap { (1...12).contains($0) ? $0 : nil }
            let day = month == nil ? nil : Int(pubdate.suffix(2)).flatMap { (1...31).contains($0) ? $0 : nil }
            return PublicationDate(year: year, month: month, day: day)
        }
        return Normalize.year(in: self["Pubyear"]).map { PublicationDate(year: $0) }
    }

    /// `Keyword` and `Keyword2`, separated by ` . `.
    private func keywords() -> [String] {
        var seen = Set<String>()
        var keywords: [String] = []
        for code in ["Keyword", "Keyword2"] {
            guard let text = self[code] else { continue }
            for part in text.components(separatedBy: " . ") {
                guard let keyword = Normalize.text(part), seen.insert(keyword).inserted else { continue }
                keywords.append(keyword)
            }
        }
        return keywords
    }

    /// From `DBCode`: JAKO journal article, DIKO thesis (with its `Degree`), TRKO report.
    private func publicationTypes() -> [String] {
        switch self["DBCode"] {
        case "JAKO": return ["journal article"]
        case "DIKO": return ["thesis"] + (self["Degree"].map { [$0] } ?? [])
        case "TRKO": return ["report"]
        case let code?: return [code]
        case nil: return []
        }
    }
}
