import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// Reading pages that came back as HTML: a web connector's result page, or an error page where an API
/// answer was expected.
enum HTMLPage {
    /// `data` as an HTML document (UTF-8 unless the page declares otherwise), or a
    /// ``ConnectorError/Kind/unexpectedResponse`` naming `source`.
    static func document(_ data: Data, source: String) throws -> XMLDocument {
        do {
            return try XMLDocument.parseHTML(data, encoding: "UTF-8", source: source)
        } catch {
            throw ConnectorError(.unexpectedResponse, "the page could not be read as HTML: \(error)", location: source)
        }
    }

    /// The page's `<title>`, to name an HTML page sent where XML was expected; nil when it has none.
    static func title(_ body: Data) -> String? {
        guard let document = try? XMLDocument.parseHTML(body), let title = try? document.text("//title") else {
            return nil
        }
        return title
    }
}
