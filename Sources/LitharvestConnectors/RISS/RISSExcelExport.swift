import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestFormats

/// The Excel file RISS's result list exports ("내보내기" → Excel): one header row of 21 Korean headings,
/// then one record per row. Columns are found by heading, not position. The export carries no control
/// number, so each record's id is derived from its content (see ``nativeID(for:provider:)``).
enum RISSExcelExport {
    /// The headings this mapping reads. The export also has 발행기관, KDC, 발행기관 URL, KCI 피인용횟수,
    /// 비고, 중단사유, 소장기관 and 목차, which have no record field; 제공처 only feeds the derived id.
    /// ISSN and URL are read when an export carries them (the captured ones do not).
    enum Heading {
        static let title = "제목"
        static let authors = "저자"
        static let journal = "학술지명"
        static let publisher = "발행기관"
        static let volumeIssue = "권호사항"
        static let year = "발행연도"
        static let language = "작성언어"
        static let keywords = "주제어"
        static let registration = "등재정보"
        static let materialForm = "자료형태"
        static let pages = "수록면"
        static let provider = "제공처"
        static let abstract = "국문 초록"
        static let otherAbstract = "다국어 초록"
        static let issn = "ISSN"
        static let url = "URL"
    }

    /// Maps the first worksheet of `workbook`; `source` (the file) names rows in diagnostics as `file:row`.
    ///
    /// - Throws: ``ConnectorError`` (`.unexpectedResponse`) when the sheet has no 제목 heading.
    static func records(
        in workbook: ExcelWorkbook, source: String, emit: (Record) throws -> Void
    ) throws -> ParseReport {
        guard let sheet = workbook.sheets.first else {
            throw ConnectorError(.unexpectedResponse, "the workbook has no worksheet", location: source)
        }
        let headings = (sheet.rows.first ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        // Headings carry English glosses ("국문 초록 (Abstract)"), so match on the Korean prefix.
        func column(_ name: String) -> Int? {
            headings.firstIndex { $0 == name || $0.hasPrefix(name + " ") || $0.hasPrefix(name + "(") }
        }
        guard let titleColumn = column(Heading.title) else {
            throw ConnectorError(
                .unexpectedResponse,
                "not a RISS Excel export: row 1 of sheet \"\(sheet.name)\" has no \(Heading.title) heading "
                    + "(found: \(headings.prefix(6).joined(separator: ", ")))",
                location: "\(source):1")
        }
        let columns = Columns(
            title: titleColumn, authors: column(Heading.authors), journal: column(Heading.journal),
            volumeIssue: column(Heading.volumeIssue), year: column(Heading.year), language: column(Heading.language),
            keywords: column(Heading.keywords), registration: column(Heading.registration),
            materialForm: column(Heading.materialForm), pages: column(Heading.pages), abstract: column(Heading.abstract),
            otherAbstract: column(Heading.otherAbstract), issn: column(Heading.issn), url: column(Heading.url),
            provider: column(Heading.provider), publisher: column(Heading.publisher))

        var report = ParseReport(recordsRead: 0)
        for rowIndex in sheet.rows.indices.dropFirst() {
            let row = sheet.rows[rowIndex]
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            guard let record = record(from: row, columns: columns) else {
                report.diagnostics.append(Diagnostic(.warning, "row without a title skipped", location: "\(source):\(rowIndex + 1)"))
                continue
            }
            try emit(record)
            report.recordsRead += 1
        }
        return report
    }

    struct Columns {
        var title: Int
        var authors, journal, volumeIssue, year, language, keywords, registration, materialForm, pages, abstract,
            otherAbstract, issn, url, provider: Int?
        var publisher: Int? = nil
    }

    static func record(from row: [String], columns: Columns) -> Record? {
        func value(_ column: Int?) -> String? {
            guard let column, column < row.count else { return nil }
            return SourceText.plain(row[column])
        }
        let (title, otherTitle) = RISSFields.titles(value(columns.title))
        guard let title else { return nil }
        var record = Record(database: "riss", nativeID: "", title: title, otherTitle: otherTitle)
        record.authors = RISSFields.authors(value(columns.authors))
        record.journal = value(columns.journal)
        (record.volume, record.issue) = RISSFields.volumeIssue(value(columns.volumeIssue))
        if let year = Normalize.year(in: value(columns.year)) { record.date = PublicationDate(year: year) }
        record.languages = value(columns.language).map { [$0] } ?? []
        record.keywords = (value(columns.keywords) ?? "").split(separator: ",").compactMap { Normalize.text(String($0)) }
        record.publicationTypes = [value(columns.materialForm), value(columns.registration)].compactMap { $0 }
        record.pages = value(columns.pages)
        // 국문 초록 is the Korean abstract, 다국어 초록 the other-language one.
        record.abstract = value(columns.abstract) ?? value(columns.otherAbstract)
        record.otherAbstract = value(columns.abstract) == nil ? nil : value(columns.otherAbstract)
        record.publisher = value(columns.publisher)
        record.issns = (value(columns.issn) ?? "").split(separator: ",").compactMap { Normalize.text(String($0)) }.map { ISSN($0) }
        if let link = value(columns.url) {
            record.url = link
            if let controlNumber = RISSFields.parameter("control_no", in: link) { record.nativeID = controlNumber }
        }
        if record.nativeID.isEmpty { record.nativeID = nativeID(for: record, provider: value(columns.provider)) }
        return record
    }

    /// `xls-` and 16 hex digits of FNV-1a over title, journal, volume, issue, pages, year and provider
    /// (제공처): stable across exports of the same row, never mistaken for a real control number. The
    /// provider is part of it because RISS lists one article once per provider (KCI, 스콜라, …), each its
    /// own entry, as the web search does with separate control numbers.
    static func nativeID(for record: Record, provider: String?) -> String {
        let key = [
            record.title, record.journal, record.volume, record.issue, record.pages, record.year.map(String.init), provider,
        ]
            .map { $0 ?? "" }.joined(separator: "\u{1F}")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "xls-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
