import Foundation
import Testing

/// The architecture, checked on the sources: model → core → connectors / formats / store / dedup / report →
/// app → CLI, with the two C wrappers beside the model. A module may import only the modules listed for it,
/// so an import against the direction (the model importing the XML wrapper, the store importing dedup, a
/// format importing a connector) fails here.
@Suite("Module graph")
struct ModuleGraphTests {
    /// Each of our modules and the modules of ours it may import.
    static let allowed: [String: Set<String>] = [
        "LitharvestModel": [],
        "LitharvestHTTP": ["CCurl"],
        "LitharvestXML": ["CLibXML2", "LitharvestModel"],
        "LitharvestCore": ["LitharvestModel", "LitharvestHTTP"],
        "LitharvestFormats": ["LitharvestModel", "LitharvestXML"],
        "LitharvestDedup": ["LitharvestModel"],
        "LitharvestStore": ["LitharvestModel"],
        "LitharvestReport": ["LitharvestModel"],
        "LitharvestConnectors": ["LitharvestModel", "LitharvestCore", "LitharvestFormats", "LitharvestHTTP", "LitharvestXML"],
        "LitharvestApp": [
            "LitharvestModel", "LitharvestCore", "LitharvestConnectors", "LitharvestFormats", "LitharvestDedup",
            "LitharvestStore", "LitharvestReport", "LitharvestHTTP",
        ],
        "litharvest": [
            "LitharvestApp", "LitharvestModel", "LitharvestCore", "LitharvestFormats", "LitharvestHTTP",
            "LitharvestStore",
        ],
        "LitharvestTesting": ["LitharvestModel", "LitharvestCore", "LitharvestHTTP"],
    ]

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `module → modules of ours it imports`, read from every source file.
    static func imports() throws -> [String: [String: Set<String>]] {
        let sources = packageRoot.appendingPathComponent("Sources")
        var result: [String: [String: Set<String>]] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let folder = sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ ["public", "package", "internal", "@preconcurrency", "@testable"].contains($0) })
                    else { continue }
                    let imported = words[index + 1]
                    guard imported.hasPrefix("Litharvest") || imported.hasPrefix("C") && allowed.values.contains(where: { $0.contains(imported) })
                    else { continue }
                    result[module, default: [:]][imported, default: []].insert(file)
                }
            }
        }
        return result
    }

    @Test func everyModuleImportsOnlyWhatItsLayerAllows() throws {
        let found = try Self.imports()
        #expect(Set(found.keys).isSubset(of: Set(Self.allowed.keys)), "a module the table does not name: \(found.keys.sorted())")
        for (module, imports) in found.sorted(by: { $0.key < $1.key }) {
            let permitted = Self.allowed[module] ?? []
            for (imported, files) in imports.sorted(by: { $0.key < $1.key }) where !permitted.contains(imported) {
                Issue.record("\(module) imports \(imported) (in \(files.sorted().joined(separator: ", "))), against the module graph")
            }
        }
    }

    @Test func theTableItselfPointsOneWay() {
        // No cycle: following the allowed imports from any module never comes back to it.
        for start in Self.allowed.keys {
            var seen: Set<String> = []
            var queue = Array(Self.allowed[start] ?? [])
            while let next = queue.popLast() {
                #expect(next != start, "\(start) can reach itself through \(next)")
                if seen.insert(next).inserted { queue += Self.allowed[next] ?? [] }
            }
        }
    }

    @Test func cTypesStayInTheWrappers() throws {
        let found = try Self.imports()
        for (module, imports) in found {
            for imported in imports.keys where imported == "CCurl" || imported == "CLibXML2" {
                #expect(module == "LitharvestHTTP" || module == "LitharvestXML", "\(module) imports \(imported)")
            }
        }
    }

    /// The only product is the executable, so nothing needs `public`: declarations other modules of the
    /// package use are `package`, and a `public` one would be API no one can import.
    @Test func nothingIsPublic() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        var found: [String] = []
        guard let files = FileManager.default.enumerator(atPath: sources.path) else { return }
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                if code.split(separator: " ").prefix(while: { $0 != "=" && $0 != "{" }).contains("public") {
                    found.append("\(file):\(number + 1)")
                }
            }
        }
        #expect(found.isEmpty, "public declarations (use package): \(found.prefix(10).joined(separator: ", "))")
    }
}
