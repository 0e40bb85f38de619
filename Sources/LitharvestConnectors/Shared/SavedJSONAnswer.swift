import Foundation
import LitharvestModel

/// Reading one saved JSON answer (`litharvest parse`, `import`) of the JSON APIs: a missing file or a
/// gzip-compressed one is an error naming the path, never zero records.
enum SavedJSONAnswer {
    /// The bytes of the file at `path`, saved from `database`.
    ///
    /// - Throws: ``ConnectorError`` (`.unreadableFile`) when the file cannot be read or is gzip-compressed
    ///   (Foundation has no gzip reader here, and a compressed body would otherwise fail as "not JSON").
    static func contents(ofFile path: String, database: String) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConnectorError(.unreadableFile, "cannot read the file: \(error.localizedDescription)", location: path)
        }
        if data.starts(with: [0x1F, 0x8B]) {
            throw ConnectorError(
                .unreadableFile, "the \(database) answer is gzip-compressed; gunzip it first", location: path)
        }
        return data
    }
}
