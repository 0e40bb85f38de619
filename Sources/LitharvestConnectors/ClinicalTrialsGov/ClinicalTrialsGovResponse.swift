import Foundation
import LitharvestCore
import LitharvestModel

/// Reads ClinicalTrials.gov API v2 `GET /studies` answers (`{"studies": [...], "nextPageToken": "…",
/// "totalCount": N}`) into records. Anything else (an HTML page, malformed JSON, a JSON document without a
/// `studies` array) is a ``ConnectorError``, never zero studies.
struct ClinicalTrialsGovResponseParser: RecordFileParser {
    /// One answer page.
    struct Page {
        /// `totalCount`: sent only on the first page, and only when the request asked `countTotal=true`.
        var total: Int?
        /// The token of the next page; absent on the last page.
        var nextPageToken: String?
        /// Studies in answer order.
        var records: [Record]
        /// Studies that could not be read, and other problems.
        var diagnostics: [Diagnostic]
        /// How many study objects the page held, read or not.
        var studiesOnPage: Int
    }

    /// Parses one answer body.
    ///
    /// - Throws: ``ConnectorError/Kind/unexpectedResponse`` for anything but a studies page,
    ///   ``ConnectorError/Kind/databaseError`` for a JSON error object.
    func parse(_ data: Data, source: String) throws -> Page {
        if let page = XMLAnswerCheck.htmlAnswer(data) {
            throw ConnectorError(
                .unexpectedResponse, "received \(page.named) instead of a ClinicalTrials.gov answer", location: source)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let snippet = Normalize.text(String(decoding: data.prefix(200), as: UTF8.self)) ?? "an empty body"
            throw ConnectorError(.unexpectedResponse, "not JSON: \(snippet)", location: source)
        }
        guard let root = object as? [String: Any] else {
            throw ConnectorError(.unexpectedResponse, "expected a JSON object with `studies`", location: source)
        }
        guard let studies = root["studies"] as? [Any] else {
            if let message = Self.errorMessage(in: root) {
                throw ConnectorError(.databaseError, "ClinicalTrials.gov reported an error: \(message)", location: source)
            }
            let keys = root.keys.sorted().joined(separator: ", ")
            throw ConnectorError(
                .unexpectedResponse, "expected a `studies` array, found the keys [\(keys)]", location: source)
        }
        var page = Page(
            total: nil, nextPageToken: nil, records: [], diagnostics: [], studiesOnPage: studies.count)
        if let total = root["totalCount"] {
            guard let count = (total as? NSNumber)?.intValue, count >= 0 else {
                throw ConnectorError(.unexpectedResponse, "`totalCount` \(total) is not a count", location: source)
            }
            page.total = count
        }
        if let token = root["nextPageToken"] {
            guard let text = token as? String, !text.isEmpty else {
                throw ConnectorError(.unexpectedResponse, "`nextPageToken` is not a token", location: source)
            }
            page.nextPageToken = text
        }
        for (index, element) in studies.enumerated() {
            guard let study = element as? [String: Any], let record = ClinicalTrialsGovStudy(study).record else {
                page.diagnostics.append(Diagnostic(
                    .error, "study \(index + 1) of the page has no NCT number; skipped", location: source))
                continue
            }
            page.records.append(record)
        }
        return page
    }

    /// The message of a JSON error answer (`{"message": …}`, `{"error": …}`), if the object is one.
    static func errorMessage(in root: [String: Any]) -> String? {
        for key in ["message", "error", "errorMessage", "detail"] {
            if let text = root[key] as? String, let message = Normalize.text(text) { return message }
            if let nested = root[key] as? [String: Any], let message = errorMessage(in: nested) { return message }
        }
        return nil
    }

    /// Parses a saved answer (`litharvest parse --database clinicaltrials FILE`).
    func parseFile(atPath path: String, emit: (Record) throws -> Void) throws -> ParseReport {
        let data = try SavedJSONAnswer.contents(ofFile: path, database: "ClinicalTrials.gov")
        let page = try parse(data, source: path)
        for record in page.records { try emit(record) }
        return ParseReport(recordsRead: page.records.count, diagnostics: page.diagnostics)
    }
}

/// One study object of an API v2 answer, mapped to a ``Record``.
///
/// The NCT number is the native id and the `nct` cross-reference; registry secondary ids are
/// `trial-registration`. The study's reference list is kept as `reference-pmid-result`,
/// `reference-pmid-derived` and `reference-pmid-background` identifiers: publications *about* or *cited by*
/// the trial are other reports than its registration, so they are cross-references that deduplication does
/// not merge on (a `pmid` would merge the registration with a results paper, or with background reading two
/// trials share).
struct ClinicalTrialsGovStudy {
    let study: [String: Any]

    init(_ study: [String: Any]) {
        self.study = study
    }

    /// Identifier schemes this connector writes besides the ``CrossReference`` ones.
    enum Scheme {
        static let status = "ctgov-status"
        static let startDate = "ctgov-start-date"
        static let completionDate = "ctgov-completion-date"
        static let lastUpdatePosted = "ctgov-last-update-posted"
        /// `reference-pmid-` + the reference type in lower case (`result`, `derived`, `background`).
        static let referencePrefix = "reference-pmid-"
    }

    /// The record, or nil when the study has no NCT number.
    var record: Record? {
        let protocolSection = object(study, "protocolSection")
        let identification = object(protocolSection, "identificationModule")
        guard let nct = string(identification, "nctId")?.uppercased(), nct.hasPrefix("NCT") else { return nil }
        let status = object(protocolSection, "statusModule")
        let sponsors = object(protocolSection, "sponsorCollaboratorsModule")
        let conditions = object(protocolSection, "conditionsModule")
        let design = object(protocolSection, "designModule")
        let derived = object(study, "derivedSection")

        var record = Record(
            database: ClinicalTrialsGovConnector.descriptor.id, nativeID: nct,
            title: string(identification, "briefTitle") ?? string(identification, "officialTitle"))
        record.abstract = string(object(protocolSection, "descriptionModule"), "briefSummary")
        record.date = Self.date(string(object(status, "studyFirstPostDateStruct"), "date"))
        record.publisher = string(object(sponsors, "leadSponsor"), "name")
        let collaborators = objects(sponsors, "collaborators").compactMap { string($0, "name") }
        if !collaborators.isEmpty {
            record.contributors = collaborators.map {
                var author = Author(literal: $0)
                author.role = "collaborator"
                return author
            }
        }
        record.keywords = strings(conditions, "keywords")
        record.subjects =
            strings(conditions, "conditions").map { SubjectTerm(term: $0, scheme: "ClinicalTrials.gov condition") }
            + objects(object(protocolSection, "armsInterventionsModule"), "interventions").compactMap { intervention in
                guard let name = string(intervention, "name") else { return nil }
                let term = string(intervention, "type").map { "\($0): \(name)" } ?? name
                return SubjectTerm(term: term, scheme: "ClinicalTrials.gov intervention")
            }
            + ["conditionBrowseModule", "interventionBrowseModule"].flatMap { module in
                objects(object(derived, module), "meshes").compactMap { mesh in
                    string(mesh, "term").map { SubjectTerm(term: $0, identifier: string(mesh, "id"), scheme: "MeSH") }
                }
            }
        record.publicationTypes =
            ["Clinical trial registration"] + [string(design, "studyType")].compactMap { $0 }
            + strings(design, "phases").filter { $0 != "NA" }
        // ClinicalTrials.gov registers studies in English only.
        record.languages = ["eng"]
        record.url = "https://clinicaltrials.gov/study/\(nct)"
        record.identifiers = identifiers(nct: nct, identification: identification, status: status, protocol: protocolSection)
        return record
    }

    private func identifiers(
        nct: String, identification: [String: Any], status: [String: Any], protocol protocolSection: [String: Any]
    ) -> [RecordIdentifier] {
        var identifiers = [RecordIdentifier(scheme: CrossReference.clinicalTrials, value: nct)]
        // Only ids the registry marks as registrations: grant and sponsor numbers are shared by many trials.
        let registryTypes: Set<String> = ["REGISTRY", "EUDRACT_NUMBER", "CTIS"]
        for secondary in objects(identification, "secondaryIdInfos") {
            guard let id = string(secondary, "id"), let type = string(secondary, "type"), registryTypes.contains(type)
            else { continue }
            identifiers.append(RecordIdentifier(scheme: CrossReference.trialRegistration, value: id))
        }
        for alias in strings(identification, "nctIdAliases") {
            identifiers.append(RecordIdentifier(scheme: CrossReference.clinicalTrials, value: alias.uppercased()))
        }
        if let overall = string(status, "overallStatus") {
            identifiers.append(RecordIdentifier(scheme: Scheme.status, value: overall))
        }
        let dates = [
            (Scheme.startDate, "startDateStruct"), (Scheme.completionDate, "completionDateStruct"),
            (Scheme.lastUpdatePosted, "lastUpdatePostDateStruct"),
        ]
        for (scheme, key) in dates {
            if let date = string(object(status, key), "date") {
                identifiers.append(RecordIdentifier(scheme: scheme, value: date))
            }
        }
        for reference in objects(object(protocolSection, "referencesModule"), "references") {
            guard let pmid = string(reference, "pmid"), pmid.allSatisfy(\.isNumber) else { continue }
            let type = string(reference, "type")?.lowercased() ?? "background"
            identifiers.append(RecordIdentifier(scheme: Scheme.referencePrefix + type, value: pmid))
        }
        return identifiers
    }

    /// `YYYY-MM-DD` or `YYYY-MM` (how the registry writes dates) as a publication date.
    static func date(_ text: String?) -> PublicationDate? {
        guard let text else { return nil }
        let parts = text.split(separator: "-").map { Int($0) }
        guard let first = parts.first, let year = first, (1000...9999).contains(year) else { return nil }
        let month = parts.count > 1 ? parts[1].flatMap { (1...12).contains($0) ? $0 : nil } : nil
        let day = parts.count > 2 && month != nil ? parts[2].flatMap { (1...31).contains($0) ? $0 : nil } : nil
        return PublicationDate(year: year, month: month, day: day)
    }

    private func object(_ parent: [String: Any], _ key: String) -> [String: Any] {
        parent[key] as? [String: Any] ?? [:]
    }

    private func objects(_ parent: [String: Any], _ key: String) -> [[String: Any]] {
        (parent[key] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
    }

    private func string(_ parent: [String: Any], _ key: String) -> String? {
        Normalize.text(parent[key] as? String)
    }

    private func strings(_ parent: [String: Any], _ key: String) -> [String] {
        (parent[key] as? [Any] ?? []).compactMap { Normalize.text($0 as? String) }
    }
}
