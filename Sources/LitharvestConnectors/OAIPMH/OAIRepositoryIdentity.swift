package import Foundation
import LitharvestCore
package import LitharvestModel
import LitharvestXML

/// The date granularity a repository declares in `Identify`; `from`/`until` must be sent in it.
package enum OAIGranularity: String, Sendable, Hashable {
    /// `YYYY-MM-DD`, which every repository must accept.
    case day = "YYYY-MM-DD"
    /// `YYYY-MM-DDThh:mm:ssZ`.
    case seconds = "YYYY-MM-DDThh:mm:ssZ"

    /// `date` as the start of a `from` window.
    package func from(_ date: SimpleDate) -> String {
        self == .day ? date.description : "\(date)T00:00:00Z"
    }

    /// `date` as the (inclusive) end of an `until` window.
    package func until(_ date: SimpleDate) -> String {
        self == .day ? date.description : "\(date)T23:59:59Z"
    }
}

/// What a repository's `Identify` answer says that matters for harvesting it.
package struct OAIRepositoryIdentity: Sendable, Hashable {
    /// `repositoryName`.
    package var repositoryName: String?
    /// `earliestDatestamp`: no record has an older datestamp.
    package var earliestDatestamp: String?
    /// `granularity`.
    package var granularity: OAIGranularity
    /// `deletedRecord`: `no`, `transient` or `persistent`.
    package var deletedRecord: String?

    /// Creates an identity.
    package init(
        repositoryName: String? = nil, earliestDatestamp: String? = nil, granularity: OAIGranularity = .day,
        deletedRecord: String? = nil
    ) {
        self.repositoryName = repositoryName
        self.earliestDatestamp = earliestDatestamp
        self.granularity = granularity
        self.deletedRecord = deletedRecord
    }

    /// Reads an `Identify` answer.
    ///
    /// - Throws: ``ConnectorError`` for XML that is not an `Identify` answer, or an OAI error in it.
    package static func parse(_ body: Data, source: String) throws -> OAIRepositoryIdentity {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(body, source: source)
        } catch {
            throw XMLAnswerCheck.connectorError(error, source: source)
        }
        guard let root = document.root, root.localName == "OAI-PMH" else {
            throw ConnectorError(
                .unexpectedResponse, "expected an OAI-PMH answer, found <\(document.root?.localName ?? "nothing")>",
                location: source)
        }
        if let error = root.child("error") {
            let code = error.attribute("code") ?? "unknown"
            throw ConnectorError(.databaseError, "Identify: \(code): \(error.text)", location: source)
        }
        guard let identify = root.child("Identify") else {
            throw ConnectorError(.unexpectedResponse, "the answer has no <Identify> element", location: source)
        }
        let granularity = Normalize.text(identify.child("granularity")?.rawText)
        return OAIRepositoryIdentity(
            repositoryName: Normalize.text(identify.child("repositoryName")?.rawText),
            earliestDatestamp: Normalize.text(identify.child("earliestDatestamp")?.rawText),
            granularity: granularity?.contains("T") == true ? .seconds : .day,
            deletedRecord: Normalize.text(identify.child("deletedRecord")?.rawText))
    }
}
