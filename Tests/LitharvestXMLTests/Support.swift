import Foundation
import LitharvestXML
import Testing

/// Bytes of a file under `Fixtures/`.
func fixture(_ name: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try Data(contentsOf: url)
}

/// The `XMLError` thrown by `body`, or nil when it succeeds.
func caughtError(_ body: () throws -> Void) -> XMLError? {
    do {
        try body()
        return nil
    } catch let error as XMLError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

func parse(_ xml: String, source: String? = nil) throws(XMLError) -> XMLDocument {
    try XMLDocument.parse(Data(xml.utf8), source: source)
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("litharvest-xml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
