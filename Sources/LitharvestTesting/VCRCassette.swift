package import Foundation
import Yams

/// A recorded HTTP exchange in vcrpy's YAML cassette format (as the HAWC fixtures are stored), so recorded
/// responses can be replayed byte for byte.
package struct VCRCassette: Sendable {
    /// One request and its response.
    package struct Interaction: Sendable {
        /// GET or POST.
        package var method: String
        /// The request URL.
        package var uri: String
        /// The request body as recorded.
        package var requestBody: String?
        /// The response status.
        package var status: Int
        /// The response headers (first value of each).
        package var headers: [(name: String, value: String)]
        /// The response body as stored (vcrpy keeps decoded text as `string`, compressed bytes as `!!binary`).
        package var body: Data
    }

    /// The interactions in recording order.
    package var interactions: [Interaction]

    /// Parses a cassette.
    package init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any], let list = root["interactions"] as? [[String: Any]]
        else { throw CassetteError("no `interactions` list") }
        interactions = try list.enumerated().map { index, item in
            guard let request = item["request"] as? [String: Any], let response = item["response"] as? [String: Any]
            else { throw CassetteError("interaction \(index) lacks request or response") }
            let status = (response["status"] as? [String: Any])?["code"] as? Int ?? 0
            let headerMap = response["headers"] as? [String: Any] ?? [:]
            let headers = headerMap.keys.sorted().compactMap { name -> (String, String)? in
                let values = headerMap[name] as? [Any]
                return values?.first.map { (name, "\($0)") }
            }
            let bodyField = (response["body"] as? [String: Any])?["string"]
            let body: Data
            if let data = bodyField as? Data {
                body = data
            } else if let text = bodyField as? String {
                body = Data(text.utf8)
            } else {
                body = Data()
            }
            return Interaction(
                method: request["method"] as? String ?? "GET", uri: request["uri"] as? String ?? "",
                requestBody: request["body"] as? String, status: status, headers: headers, body: body)
        }
    }

    /// Parses the cassette at `path`.
    package init(path: String) throws {
        try self.init(yaml: String(contentsOfFile: path, encoding: .utf8))
    }
}

/// A cassette that cannot be read.
package struct CassetteError: Error, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = "cassette: " + description
    }
}
