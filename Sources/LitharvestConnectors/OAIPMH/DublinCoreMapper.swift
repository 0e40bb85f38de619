import LitharvestCore
package import LitharvestModel
package import LitharvestXML

/// Maps simple Dublin Core (`oai_dc`) to a ``Record``. Element names come from a ``Vocabulary``, so
/// repositories that rename elements (OAK's `dc:title_h`, `dc:author`) need no new code.
package struct DublinCoreMapper: OAIMetadataMapper {
    /// Which local element names carry which field, in order of preference.
    package struct Vocabulary: Sendable, Hashable {
        /// Titles; the first is the title, the first other one (another language) the other title.
        package var titles: [String] = ["title"]
        /// Authors, `Family, Given` or `이름(소속)`.
        package var creators: [String] = ["creator"]
        /// Publication dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or free text with a year).
        package var dates: [String] = ["date"]
        /// Abstracts.
        package var descriptions: [String] = ["description"]
        /// Subject terms, kept as keywords.
        package var subjects: [String] = ["subject"]
        /// Publication or material types.
        package var types: [String] = ["type"]
        /// Languages.
        package var languages: [String] = ["language"]
        /// Identifiers: DOIs, URLs, typed database ids.
        package var identifiers: [String] = ["identifier"]
        /// The containing journal or book.
        package var sources: [String] = ["source"]
        /// ISSNs.
        package var issns: [String] = []
        /// Landing pages in the repository.
        package var landingPages: [String] = []

        /// Standard `oai_dc` element names.
        package init() {}
    }

    package let metadataPrefix: String
    /// The element names read.
    package var vocabulary: Vocabulary
    /// The `type` attribute of the `dc:identifier` that holds the database's own id (KCI: `artiId`); when
    /// absent, the OAI identifier is the native id.
    package var nativeIDType: String?

    /// Creates a mapper.
    package init(metadataPrefix: String = "oai_dc", vocabulary: Vocabulary = Vocabulary(), nativeIDType: String? = nil) {
        self.metadataPrefix = metadataPrefix
        self.vocabulary = vocabulary
        self.nativeIDType = nativeIDType
    }

    /// Standard `oai_dc`.
    package static let standard = DublinCoreMapper()

    /// OAK's non-standard `oai_dc`: `title_h`, `author`, `publish_date`, `abstract_e`, `keyword` (which holds
    /// the material type), `issn`, `deep_link` (landing page) and `contents_url` (the holding repository).
    package static let oak: DublinCoreMapper = {
        var vocabulary = Vocabulary()
        vocabulary.titles = ["title", "title_h"]
        vocabulary.creators = ["creator", "author"]
        vocabulary.dates = ["date", "publish_date"]
        vocabulary.descriptions = ["description", "abstract_e"]
        vocabulary.types = ["type", "keyword"]
        vocabulary.identifiers = ["identifier", "contents_url"]
        vocabulary.issns = ["issn"]
        vocabulary.landingPages = ["deep_link"]
        return DublinCoreMapper(vocabulary: vocabulary)
    }()

    package func record(metadata: XMLNode, header: OAIRecordHeader, database: String) throws -> Record {
        let elements = metadata.children
        func values(_ names: [String]) -> [XMLNode] {
            elements.filter { names.contains($0.localName) }
        }
        func texts(_ names: [String]) -> [String] {
            var seen: Set<String> = []
            return values(names).compactMap { SourceText.plain($0.rawText) }.filter { seen.insert($0).inserted }
        }

        var record = Record(database: database, nativeID: header.identifier)
        let titles = values(vocabulary.titles).compactMap { node in
            SourceText.plain(node.rawText).map { (text: $0, language: node.attribute("xml:lang")) }
        }
        if let first = titles.first {
            record.title = first.text
            record.otherTitle =
                (titles.dropFirst().first { $0.text != first.text && $0.language != first.language }
                    ?? titles.dropFirst().first { $0.text != first.text })?.text
        }
        record.authors = values(vocabulary.creators).compactMap { SourceText.author($0.rawText) }
        record.date = texts(vocabulary.dates).lazy.compactMap(Self.date).first
        let descriptions = texts(vocabulary.descriptions)
        record.abstract = descriptions.isEmpty ? nil : descriptions.joined(separator: "\n\n")
        record.keywords = texts(vocabulary.subjects)
        record.publicationTypes = texts(vocabulary.types)
        record.languages = texts(vocabulary.languages)
        record.journal = texts(vocabulary.sources).first
        record.issns = texts(vocabulary.issns).map { ISSN($0) }
        record.url = texts(vocabulary.landingPages).first

        for node in values(vocabulary.identifiers) {
            guard let value = SourceText.plain(node.rawText) else { continue }
            let type = node.attribute("type")
            if let nativeIDType, type == nativeIDType {
                record.nativeID = value
            } else if record.doi == nil, Self.isDOI(value), let doi = Normalize.doi(value) {
                record.doi = doi
            } else if value.hasPrefix("http://") || value.hasPrefix("https://") {
                if record.url == nil {
                    record.url = value
                } else {
                    record.identifiers.append(RecordIdentifier(scheme: "url", value: value))
                }
            } else {
                record.identifiers.append(RecordIdentifier(scheme: type?.lowercased() ?? "dc", value: value))
            }
        }
        if record.nativeID != header.identifier {
            record.identifiers.append(RecordIdentifier(scheme: "oai", value: header.identifier))
        }
        return record
    }

    /// Whether an identifier is a DOI in any of its usual written forms.
    static func isDOI(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("10.") || lower.hasPrefix("doi:") || lower.contains("doi.org/10.")
    }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a time after it is ignored) or any text with a year.
    static func date(_ text: String) -> PublicationDate? {
        let datePart = String(text.prefix(10))
        if let date = SimpleDate(parsing: datePart) {
            let parts = datePart.split(separator: "-").count
            return PublicationDate(year: date.year, month: parts > 1 ? date.month : nil, day: parts > 2 ? date.day : nil)
        }
        if let date = SimpleDate(parsing: String(text.prefix(7))) {
            return PublicationDate(year: date.year, month: date.month)
        }
        return Normalize.year(in: text).map { PublicationDate(year: $0, text: text) }
    }
}
