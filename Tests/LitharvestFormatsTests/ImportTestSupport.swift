import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

/// The path of a fixture copied from ../shared (see Fixtures/*/SOURCES.md).
func fixturePath(_ folder: String, _ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(folder)") else {
        throw FixtureMissing(name: "\(folder)/\(name)")
    }
    return url.path
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing" }
}

/// Parses a fixture with ImportParser.
func importFixture(
    _ folder: String, _ name: String, database: String = "test", format: ImportFormat? = nil,
    options: ImportOptions = ImportOptions()
) throws -> (records: [Record], report: ParseReport) {
    try ImportParser(database: database, format: format, options: options).records(atPath: fixturePath(folder, name))
}

/// Writes `text` (or bytes) to a new temporary file and returns its path.
func temporaryFile(_ name: String, _ data: Data) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("litharvest-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
}

func temporaryFile(_ name: String, _ text: String) throws -> String {
    try temporaryFile(name, Data(text.utf8))
}
