import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestXML

/// What EInfo says about a database: its build and last update, which the search log records as the
/// version of the database that was searched.
struct EInfoResult: Equatable {
    var database: String
    var build: String?
    var count: Int?
    var lastUpdate: String?

    /// Parses an EInfo answer for one database.
    static func parse(_ response: HTTPResponseSummary) throws -> EInfoResult {
        let root = try EntrezResponseCheck.rootElement(response, named: "eInfoResult", utility: "EInfo")
        if let error = root.child("ERROR")?.text, !error.isEmpty {
            throw ConnectorError(.databaseError, "EInfo ERROR: \(error)", location: response.url)
        }
        guard let info = root.child("DbInfo"), let name = info.child("DbName")?.text else {
            throw ConnectorError(.unexpectedResponse, "EInfo answer has no <DbInfo>", location: response.url)
        }
        return EInfoResult(
            database: name, build: info.child("DbBuild")?.text, count: info.child("Count").flatMap { Int($0.text) },
            lastUpdate: info.child("LastUpdate")?.text)
    }

    /// The note for the search log.
    var note: Diagnostic {
        var text = "searched \(database)"
        if let build { text += " \(build)" }
        if let lastUpdate { text += ", last updated \(lastUpdate)" }
        if let count { text += ", \(count) records in the database" }
        return Diagnostic(.note, text)
    }
}
