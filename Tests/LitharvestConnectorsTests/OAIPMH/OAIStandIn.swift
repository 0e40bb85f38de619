import Foundation
import LitharvestTesting

/// A scripted OAI-PMH repository: `Identify` answers `identify` (404 when nil), `ListRecords` without a
/// token answers `firstPage`, and each token answers its page (an unknown token gets a 404).
struct OAIStandIn: Sendable {
    var identify: Data?
    var firstPage: Data
    var pages: [String: Data] = [:]

    var handler: @Sendable (RecordedRequest) -> ServerAction {
        { [self] request in
            switch request.parameter("verb") {
            case "Identify":
                guard let identify else { return .respond(.text("no Identify here", status: 404)) }
                return .respond(.xml(identify))
            case "ListRecords":
                guard let token = request.parameter("resumptionToken") else { return .respond(.xml(firstPage)) }
                guard let page = pages[token] else { return .respond(.text("unknown token \(token)", status: 404)) }
                return .respond(.xml(page))
            default:
                return .respond(.text("bad verb", status: 400))
            }
        }
    }
}

/// An OAI fixture file.
func oaiFixture(_ name: String) throws -> Data {
    try fixture("oaipmh", name)
}
