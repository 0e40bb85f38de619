import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// What one ESearch call answered, with every error and warning NCBI can put in an HTTP 200.
struct ESearchResult {
    var count: Int
    var retStart: Int
    var ids: [String]
    var queryKey: String?
    var webEnv: String?
    var queryTranslation: String?
    var translations: [(from: String, to: String)]
    /// `ErrorList` entries (PhraseNotFound, FieldNotFound): part of the query did not run.
    var errors: [(kind: String, text: String)]
    /// `WarningList` entries (PhraseIgnored, QuotedPhraseNotFound, OutputMessage).
    var warnings: [(kind: String, text: String)]

    /// Parses an ESearch body.
    ///
    /// - Throws: ``ConnectorError`` for an `<ERROR>` answer, an HTML or maintenance page, or XML that is not
    ///   an `eSearchResult`; never reads any of those as zero hits.
    static func parse(_ response: HTTPResponseSummary) throws -> ESearchResult {
        let root = try EntrezResponseCheck.rootElement(response, named: "eSearchResult", utility: "ESearch")
        let topErrors = root.children("ERROR").map(\.text).filter { !$0.isEmpty }
        if !topErrors.isEmpty {
            throw ConnectorError(.databaseError, "ESearch ERROR: " + topErrors.joined(separator: "; "), location: response.url)
        }
        guard let countText = root.child("Count")?.text, let count = Int(countText) else {
            throw ConnectorError(.unexpectedResponse, "ESearch answer has no <Count>", location: response.url)
        }
        var result = ESearchResult(
            count: count,
            retStart: root.child("RetStart").flatMap { Int($0.text) } ?? 0,
            ids: root.child("IdList")?.children("Id").map(\.text) ?? [],
            queryKey: root.child("QueryKey")?.text,
            webEnv: root.child("WebEnv")?.text,
            queryTranslation: root.child("QueryTranslation").map(\.text).flatMap { $0.isEmpty ? nil : $0 },
            translations: [],
            errors: [],
            warnings: [])
        result.translations = (root.child("TranslationSet")?.children("Translation") ?? []).map {
            (from: $0.child("From")?.text ?? "", to: $0.child("To")?.text ?? "")
        }
        result.errors = (root.child("ErrorList")?.children ?? []).map { (kind: $0.localName, text: $0.text) }
        result.warnings = (root.child("WarningList")?.children ?? []).map { (kind: $0.localName, text: $0.text) }
        return result
    }

    /// The problems NCBI reported, as diagnostics: dropped query parts are errors the reviewer must see.
    var diagnostics: [Diagnostic] {
        var list: [Diagnostic] = []
        for error in errors {
            list.append(Diagnostic(
                .error,
                "PubMed did not run part of the query: \(error.kind) '\(error.text)'. The results do not "
                    + "match the search strategy as written; fix the query."))
        }
        for warning in warnings {
            switch warning.kind {
            case "PhraseIgnored", "QuotedPhraseNotFound":
                list.append(Diagnostic(
                    .error,
                    "PubMed dropped part of the query: \(warning.kind) '\(warning.text)'. The search that ran is "
                        + "not the strategy as written."))
            case "OutputMessage" where warning.text == "No items found.":
                continue
            default:
                list.append(Diagnostic(.warning, "PubMed \(warning.kind): \(warning.text)"))
            }
        }
        return list
    }
}

/// The parts of a response that parsing needs (so the parser is testable without HTTP).
struct HTTPResponseSummary {
    var status: Int
    var mediaType: String?
    var body: Data
    var url: String
}

/// Checks every E-utilities answer shares: a maintenance page or HTML error is an error, never zero hits.
enum EntrezResponseCheck {
    /// The root element of the parsed answer, which must be named `expected` (the node keeps its
    /// document alive).
    static func rootElement(_ response: HTTPResponseSummary, named expected: String, utility: String) throws -> XMLNode {
        try requireXML(response)
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(response.body, source: response.url)
        } catch {
            throw ConnectorError(.unexpectedResponse, "\(utility) answer is not well-formed XML: \(error)", location: response.url)
        }
        guard let root = document.root, root.localName == expected else {
            throw ConnectorError(
                .unexpectedResponse, "expected <\(expected)>, got <\(document.root?.localName ?? "nothing")>",
                location: response.url)
        }
        return root
    }

    static func requireXML(_ response: HTTPResponseSummary) throws {
        try XMLAnswerCheck.require(
            status: response.status, mediaType: response.mediaType, body: response.body, url: response.url,
            service: "NCBI", markers: ["down_bethesda"], htmlHint: "the service may be down for maintenance",
            refusalIsBlock: false)
    }
}
