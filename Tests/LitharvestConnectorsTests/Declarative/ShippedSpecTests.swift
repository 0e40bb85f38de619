import Foundation
import LitharvestCore
import LitharvestModel
import Testing

@testable import LitharvestConnectors

/// The specs of config/connectors/ are compiled into the binary (ShippedConnectorSpecs+Generated.swift), so
/// an installed litharvest has them in any folder; a folder of specs still adds connectors or replaces them.
@Suite("Declarative connector specs: compiled into the binary")
struct ShippedSpecTests {
    @Test func theCompiledSpecsAreTheFilesInConfigConnectors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: shippedSpecDirectory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        #expect(
            shippedConnectorSpecTexts.map { URL(fileURLWithPath: $0.path).lastPathComponent } == names,
            "run scripts/generate-shipped-specs.sh")
        for (path, yaml) in shippedConnectorSpecTexts {
            let file = try String(contentsOfFile: shippedSpecDirectory + "/" + URL(fileURLWithPath: path).lastPathComponent, encoding: .utf8)
            #expect(yaml == file, "\(path) changed since it was compiled in: run scripts/generate-shipped-specs.sh")
        }
    }

    @Test func theGeneratorsCheckPasses() throws {
        let root = URL(fileURLWithPath: shippedSpecDirectory).deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appending(components: "scripts", "generate-shipped-specs.sh").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func withoutAnySpecFolderTheShippedConnectorsAreListed() throws {
        let registry = try ConnectorRegistry.withDeclarative(directories: [])
        #expect(registry.ids == ConnectorRegistry.builtIn.ids + ["kolisnet", "nlk"])
        #expect(registry.isDeclarative("nlk") && registry.isDeclarative("kolisnet"))
        #expect(registry["nlk"]?.descriptor.key?.environmentVariable == "NLK_API_KEY")
    }

    @Test func aSpecFolderReplacesAShippedSpecByIDAndAddsNewOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shipped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let nlk = try String(contentsOfFile: shippedSpecDirectory + "/nlk.yaml", encoding: .utf8)
            .replacingOccurrences(of: "name: National Library of Korea (NLK)", with: "name: NLK through a local mirror")
        try nlk.write(to: directory.appendingPathComponent("nlk.yaml"), atomically: true, encoding: .utf8)
        let extra = nlk.replacingOccurrences(of: "id: nlk", with: "id: nlk-copy")
        try extra.write(to: directory.appendingPathComponent("nlk-copy.yaml"), atomically: true, encoding: .utf8)

        let registry = try ConnectorRegistry.withDeclarative(directories: [directory.path])
        #expect(registry.ids == ConnectorRegistry.builtIn.ids + ["kolisnet", "nlk", "nlk-copy"])
        #expect(registry["nlk"]?.descriptor.name == "NLK through a local mirror")
        #expect(registry["kolisnet"]?.descriptor.name == "KOLIS-NET (Korean union catalogue)")
    }
}
