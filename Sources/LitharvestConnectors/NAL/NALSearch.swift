import LitharvestCore
import LitharvestModel

/// A NAL `search` parameter checked against the documented field names before anything is sent: NAL
/// answers an unknown field with its whole catalogue (13 million records) and no error.
struct NALSearch {
    /// `(field, value)` pairs, ANDed by NAL.
    var terms: [(field: String, value: String)]

    /// Fields `/searchservice/basic` accepts.
    static let basicFields = ["전체", "기본검색", "자료명", "저자", "발행자", "키워드", "청구기호"]
    /// Fields `/searchservice/detail` accepts, per material type (`dbname`) whose vocabulary is documented.
    static let detailFields: [String: [String]] = [
        "학위논문": ["논문명", "저자명", "지도교수", "키워드"],
        "국내기사": ["기사명", "저자명", "수록지명", "키워드"],
        "일반도서": ["자료명"],
    ]

    /// Parses `필드,값|필드,값`; plain text (no comma) searches `전체` on `/basic`.
    ///
    /// - Throws: ``ConnectorError`` (`.invalidQuery`) naming the unknown field or material type and the
    ///   allowed ones.
    init(_ text: String, materialType: String?) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConnectorError(.invalidQuery, "the NAL query is empty") }
        let allowed: [String]
        if let materialType {
            guard let fields = Self.detailFields[materialType] else {
                throw ConnectorError(
                    .invalidQuery,
                    "NAL material type (`material_type`) '\(materialType)' has no field list litharvest knows; use one of "
                        + Self.detailFields.keys.sorted().joined(separator: ", "),
                    location: "options.material_type")
            }
            allowed = fields
        } else {
            allowed = Self.basicFields
        }
        if !trimmed.contains(",") {
            guard materialType == nil else {
                throw ConnectorError(
                    .invalidQuery,
                    "a NAL \(materialType ?? "") search needs `field,value` terms (fields: \(allowed.joined(separator: ", ")))")
            }
            terms = [(field: "전체", value: trimmed)]
            return
        }
        terms = []
        for part in trimmed.split(separator: "|") {
            let pieces = part.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw ConnectorError(.invalidQuery, "NAL search term '\(part)' is not `field,value`")
            }
            guard allowed.contains(pieces[0]) else {
                throw ConnectorError(
                    .invalidQuery,
                    "NAL search field '\(pieces[0])' is not one of \(allowed.joined(separator: ", "))"
                        + (materialType.map { " (material type \($0))" } ?? " (/searchservice/basic)")
                        + "; NAL would ignore it and return its whole catalogue, so nothing was sent")
            }
            terms.append((field: pieces[0], value: pieces[1]))
        }
    }

    /// The `search` parameter value.
    var parameter: String { terms.map { "\($0.field),\($0.value)" }.joined(separator: "|") }
}
