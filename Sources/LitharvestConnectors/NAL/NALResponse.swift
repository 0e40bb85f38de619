import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestHTTP
import LitharvestXML

/// One NAL answer (`searchservice/basic|detail`, `detailinfoservice/detail`) or a data.go.kr gateway
/// error envelope.
struct NALResponse {
    /// `total`, absent in `detailinfoservice` answers.
    var total: Int?
    var records: [Record]
    var diagnostics: [Diagnostic]

    /// The data.go.kr gateway's `OpenAPI_ServiceResponse/cmmMsgHeader` (HTTP 200 or 401).
    struct GatewayError: Error {
        var reasonCode: String
        var message: String
        var location: String

        /// 04 `HTTP_ERROR` is transient (also the symptom of a double-encoded key); the rest are terminal.
        var isTransient: Bool { reasonCode == "04" }

        var connectorError: ConnectorError {
            let hint: String
            switch reasonCode {
            case "20": hint = "; the service key is missing or refused (DATA_GO_KR_SERVICE_KEY)"
            case "22": hint = "; the daily request quota is used up"
            case "30": hint = "; the service key is not registered for this dataset (apply for it at data.go.kr)"
            case "04": hint = "; repeated gateway HTTP_ERROR (a Decoding key that got encoded twice also causes it)"
            default: hint = ""
            }
            return ConnectorError(
                .databaseError, "data.go.kr gateway error \(reasonCode): \(message)\(hint)", location: location)
        }
    }

    /// Values that stand for "nothing" and are dropped.
    static let placeholders: Set<String> = ["해당논문없음", "해당자료없음", "전자형태로만 열람가능함", "없음"]

    /// Parses an answer; `location` (already redacted) names it in errors.
    ///
    /// - Throws: ``GatewayError`` for the gateway envelope; ``ConnectorError`` for a NAL error header or an
    ///   answer of another shape. A search answer without `total` is an error, never zero records.
    static func parse(_ body: Data, location: String, expectTotal: Bool) throws -> NALResponse {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(body, source: location)
        } catch {
            throw ConnectorError(.unexpectedResponse, "NAL answer is not well-formed XML: \(error)", location: location)
        }
        guard let root = document.root else {
            throw ConnectorError(.unexpectedResponse, "NAL answer has no root element", location: location)
        }
        return try parse(root: root, location: location, expectTotal: expectTotal)
    }

    /// Parses the answer's root element (`response`, or the gateway's `OpenAPI_ServiceResponse`).
    static func parse(root: XMLNode, location: String, expectTotal: Bool) throws -> NALResponse {
        if root.localName == "OpenAPI_ServiceResponse" {
            let header = root.child("cmmMsgHeader")
            let code = Normalize.text(header?.child("returnReasonCode")?.text) ?? "?"
            let message = [header?.child("errMsg")?.text, header?.child("returnAuthMsg")?.text]
                .compactMap { Normalize.text($0) }.joined(separator: " / ")
            throw GatewayError(reasonCode: code, message: message.isEmpty ? "no message" : message, location: location)
        }
        guard root.localName == "response" else {
            throw ConnectorError(
                .unexpectedResponse, "expected <response>, got <\(root.localName)>", location: location)
        }
        let resultCode = Normalize.text(root.child("header")?.child("resultCode")?.text)
        guard let resultCode else {
            throw ConnectorError(.unexpectedResponse, "NAL answer has no header/resultCode", location: location)
        }
        guard resultCode == "00" else {
            let message = Normalize.text(root.child("header")?.child("resultMsg")?.text) ?? "no message"
            throw ConnectorError(.databaseError, "NAL answered resultCode \(resultCode): \(message)", location: location)
        }
        var response = NALResponse(total: nil, records: [], diagnostics: [])
        if let totalText = Normalize.text(root.child("total")?.text) {
            guard let total = Int(totalText) else {
                throw ConnectorError(.unexpectedResponse, "NAL total '\(totalText)' is not a number", location: location)
            }
            response.total = total
        } else if expectTotal {
            throw ConnectorError(.unexpectedResponse, "NAL search answer has no <total>", location: location)
        }
        // The live API says <recode> (sic), the specification <record>; items may also sit flat under
        // <response> (detailinfoservice/detail).
        var holders = root.children.filter { $0.localName == "recode" || $0.localName == "record" }
        if holders.isEmpty, !root.children("item").isEmpty { holders = [root] }
        for holder in holders {
            if let record = record(from: holder) {
                response.records.append(record)
            } else {
                response.diagnostics.append(Diagnostic(
                    .warning, "skipped a NAL record without 제어번호", location: "\(location):\(holder.line)"))
            }
        }
        if let total = response.total, total > 0, holders.isEmpty, expectTotal {
            response.diagnostics.append(Diagnostic(
                .warning, "NAL reported \(total) records but this page holds none", location: location))
        }
        return response
    }

    /// The `name → value` pairs of one record, parsed by element name (either child order).
    static func fields(of holder: XMLNode) -> [String: String] {
        var fields: [String: String] = [:]
        for item in holder.children("item") {
            guard let name = Normalize.text(item.child("name")?.text),
                let value = SourceText.plain(item.child("value")?.text), !placeholders.contains(value),
                fields[name] == nil
            else { continue }
            fields[name] = value
        }
        return fields
    }

    static func record(from holder: XMLNode) -> Record? {
        let fields = fields(of: holder)
        guard let controlNumber = fields["제어번호"] else { return nil }
        var record = Record(database: "nal", nativeID: controlNumber)
        // The title's field name depends on the material type.
        record.title = ["기사명", "논문명", "자료명", "서명", "표제"].lazy.compactMap { fields[$0] }.first
        record.authors = authors(fields["저자명"])
        if let host = fields["수록지명"] {
            let parsed = hostJournal(host)
            record.journal = parsed.journal
            record.volume = parsed.volume
            record.issue = parsed.issue
        }
        if let year = Normalize.year(in: fields["발행년도"] ?? fields["학위년도"]) {
            record.date = PublicationDate(year: year)
        }
        record.publisher = fields["발행자"]
        record.keywords = (fields["키워드"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        record.languages = fields["본문언어"].map { [$0] } ?? []
        record.publicationTypes = publicationTypes(controlNumber: controlNumber, fields: fields)
        record.url = "https://dl.nanet.go.kr/search/searchInnerDetail.do?controlNo=" + FormEncoding.escape(controlNumber)
        if let isbn = fields["ISBN"] { record.identifiers.append(RecordIdentifier(scheme: "isbn", value: isbn)) }
        if let callNumber = fields["청구기호"] {
            record.identifiers.append(RecordIdentifier(scheme: "nal-call-number", value: callNumber))
        }
        return record
    }

    /// `류장수 지음`, `홍길동; 김철수` → authors without role words.
    static func authors(_ text: String?) -> [Author] {
        guard let text else { return [] }
        let roles: Set<String> = ["지음", "저", "著", "편", "편저", "엮음", "옮김", "역", "공저", "외", "글", "저자"]
        return text.split(whereSeparator: { $0 == ";" || $0 == "," }).compactMap { part in
            var words = part.split(whereSeparator: \.isWhitespace).map(String.init)
            while words.count > 1, let last = words.last, roles.contains(last) { words.removeLast() }
            return SourceText.author(words.joined(separator: " "))
        }
    }

    /// `한국초등교육 제37권 제1호` → journal `한국초등교육`, volume `37`, issue `1`.
    static func hostJournal(_ text: String) -> (journal: String?, volume: String?, issue: String?) {
        var journalWords: [Substring] = []
        var volume: String?
        var issue: String?
        for word in text.split(separator: " ") {
            if word.hasPrefix("제"), word.hasSuffix("권"), word.count > 2 {
                volume = String(word.dropFirst().dropLast())
            } else if word.hasPrefix("제"), word.hasSuffix("호"), word.count > 2 {
                issue = String(word.dropFirst().dropLast())
            } else if volume == nil, issue == nil {
                journalWords.append(word)
            }
        }
        return (Normalize.text(journalWords.joined(separator: " ")), volume, issue)
    }

    /// From the control number's prefix (KINX article, KDMT thesis, MONO book) or the title field.
    static func publicationTypes(controlNumber: String, fields: [String: String]) -> [String] {
        if controlNumber.hasPrefix("KINX") || fields["기사명"] != nil { return ["journal article"] }
        if controlNumber.hasPrefix("KDMT") || fields["논문명"] != nil { return ["thesis"] }
        if controlNumber.hasPrefix("MONO") { return ["book"] }
        return []
    }
}
