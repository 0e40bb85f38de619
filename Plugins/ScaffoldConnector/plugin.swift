import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory scaffold-connector --name <Name> [--id <id>] [--dry-run]`
///
/// Writes one connector folder in the layout every connector has (`<Name>Connector.swift` with the connector, its
/// descriptor, search and registration; `<Name>Response.swift`, the response reader), a synthetic fixture with its SOURCES.md and a Swift
/// Testing suite beside the other connectors' tests, then runs `scripts/generate-connector-list.sh`, which adds the
/// one registration line to ConnectorList+Generated.swift. Linux has no plugin sandbox, so the plugin polices
/// itself: it checks everything first, refuses (writing nothing) when a name, id, type or path is taken or
/// invalid, writes only the paths listed by `--dry-run`, never overwrites, and undoes its own writes if one of
/// them fails.
@main
struct ScaffoldConnector: CommandPlugin {
    static let usage = """
        usage: swift package --allow-writing-to-package-directory scaffold-connector --name <Name> [--id <id>] [--dry-run]

          --name <Name>  UpperCamelCase Swift identifier, e.g. CrossRef (folder <Name>/, types <Name>Connector, <Name>ResponseParser)
          --id <id>      connector id for config and the command line (default: the lower-cased name); [a-z][a-z0-9_]*
          --dry-run      print what would be written and change nothing
        """

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        if extractor.extractFlag(named: "help") > 0 || extractor.extractFlag(named: "h") > 0 {
            print(Self.usage)
            return
        }
        let names = extractor.extractOption(named: "name")
        let ids = extractor.extractOption(named: "id")
        let dryRun = extractor.extractFlag(named: "dry-run") > 0

        var problems: [String] = []
        if !extractor.remainingArguments.isEmpty {
            problems.append("unexpected arguments: \(extractor.remainingArguments.joined(separator: " "))")
        }
        if names.count > 1 { problems.append("--name given more than once") }
        if ids.count > 1 { problems.append("--id given more than once") }
        guard let name = names.first, !name.isEmpty else {
            throw refuse(problems + ["--name <Name> is required"], showUsage: true)
        }
        problems += Self.nameProblems(name)
        let id = ids.first ?? name.lowercased()
        problems += Self.idProblems(id)
        guard problems.isEmpty else { throw refuse(problems, showUsage: true) }

        let plan: Plan
        do {
            plan = try Plan(packageDirectory: context.package.directoryURL, name: name, id: id)
        } catch let error as Refusal {
            throw refuse(error.problems)
        }

        if dryRun {
            print("scaffold-connector --dry-run: nothing written. Would create:")
            for (path, _) in plan.newFiles { print("  \(plan.relative(path))") }
            print("and add `\(plan.registryLine.trimmingCharacters(in: .whitespaces))` to \(plan.relative(plan.registry))")
            return
        }

        try plan.write()
        print("scaffold-connector: created")
        for (path, _) in plan.newFiles { print("  \(plan.relative(path))") }
        print("and registered \(name)Connector in \(plan.relative(plan.registry)) (scripts/generate-connector-list.sh).")
        print("""
            Next: swift build --build-tests && swift test --skip-build --filter \(name)ConnectorTests
            Then adapt every TODO in \(plan.relative(plan.sourceFolder))/, and replace the synthetic fixture with a \
            recorded response (update its SOURCES.md).
            """)
    }

    /// Reports each problem as a diagnostic and returns the error that makes the command exit non-zero.
    private func refuse(_ problems: [String], showUsage: Bool = false) -> Refusal {
        for problem in problems { Diagnostics.error(problem) }
        if showUsage { print(Self.usage) }
        return Refusal(problems: problems)
    }

    // MARK: Validation of the arguments alone

    /// Swift keywords and names that would shadow standard types; compared case-insensitively, so `Class` and
    /// `Self` are refused too.
    static let reservedNames: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break", "case", "catch", "class",
        "consume", "consuming", "continue", "copy", "default", "defer", "deinit", "discard", "do", "dynamic",
        "each", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "final", "for", "func", "get",
        "guard", "if", "import", "in", "indirect", "infix", "init", "inout", "internal", "is", "isolated", "lazy",
        "let", "macro", "mutating", "nil", "nonisolated", "nonmutating", "open", "operator", "optional", "override",
        "package", "postfix", "precedencegroup", "prefix", "private", "protocol", "public", "repeat", "required",
        "rethrows", "return", "self", "set", "some", "static", "struct", "subscript", "super", "switch", "throw",
        "throws", "true", "try", "type", "typealias", "unowned", "var", "weak", "where", "while", "willset",
        "didset",
        // Not keywords, but `<Name>Connector` would read badly or clash in intent.
        "connector", "record", "query",
    ]

    static func nameProblems(_ name: String) -> [String] {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, ("A"..."Z").contains(first),
            scalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else {
            return ["--name '\(name)' is not an UpperCamelCase Swift identifier (^[A-Z][A-Za-z0-9]*$), e.g. CrossRef"]
        }
        if reservedNames.contains(name.lowercased()) {
            return ["--name '\(name)' is a Swift keyword or reserved name; choose the database's name"]
        }
        if name.count > 60 { return ["--name '\(name)' is longer than 60 characters"] }
        return []
    }

    static func idProblems(_ id: String) -> [String] {
        let scalars = Array(id.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first),
            scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            return ["--id '\(id)' is not a connector id (^[a-z][a-z0-9_]*$)"]
        }
        if id.count > 60 { return ["--id '\(id)' is longer than 60 characters"] }
        return []
    }
}

/// Why the plugin refused; thrown after the problems were reported as diagnostics.
struct Refusal: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { "scaffold-connector refused (\(problems.count) problem(s) above); nothing was written" }
}

/// Every path the plugin will write, checked against the package before anything is written.
struct Plan {
    let root: URL
    let name: String
    let id: String
    let sourceFolder: URL
    let testFolder: URL
    let fixtureFolder: URL
    let registry: URL
    let registryLine: String
    /// Files to create, in order, with their contents.
    let newFiles: [(URL, String)]
    /// The list generator, run once the folder is written.
    let generator: URL
    let oldRegistry: Data

    init(packageDirectory: URL, name: String, id: String) throws {
        let fm = FileManager.default
        root = packageDirectory.standardizedFileURL.resolvingSymlinksInPath()
        self.name = name
        self.id = id
        let connectorsTarget = root.appending(components: "Sources", "LitharvestConnectors")
        let testsTarget = root.appending(components: "Tests", "LitharvestConnectorsTests")
        let fixtures = testsTarget.appending(component: "Fixtures")
        sourceFolder = connectorsTarget.appending(component: name)
        testFolder = testsTarget.appending(component: name)
        fixtureFolder = fixtures.appending(component: id)
        registry = connectorsTarget.appending(component: "ConnectorList+Generated.swift")
        registryLine = "    \(name)Connector.self,"
        generator = root.appending(components: "scripts", "generate-connector-list.sh")
        // After every connector in `litharvest connectors`.
        let position = (Plan.swiftFiles(under: connectorsTarget).compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            .flatMap { Plan.listPositions(in: $0) }.max() ?? 0) + 10
        func render(_ template: String) -> String { Templates.render(template, name: name, id: id, position: position) }
        newFiles = [
            (sourceFolder.appending(component: "\(name)Connector.swift"), render(Templates.connector)),
            (sourceFolder.appending(component: "\(name)Options.swift"), render(Templates.options)),
            (sourceFolder.appending(component: "\(name)Response.swift"), render(Templates.response)),
            (fixtureFolder.appending(component: "sample_response.xml"), render(Templates.sampleResponse)),
            (fixtureFolder.appending(component: "SOURCES.md"), render(Templates.sources)),
            (testFolder.appending(component: "\(name)ConnectorTests.swift"), render(Templates.tests)),
        ]

        var problems: [String] = []
        func isDirectory(_ url: URL) -> Bool {
            var flag: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
        }
        func exists(_ url: URL) -> Bool {
            // Also true for a dangling symlink, which must not be written through either.
            fm.fileExists(atPath: url.path) || (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil
        }

        // The layout this plugin knows; the parents must be real folders inside the package.
        for folder in [connectorsTarget, testsTarget, fixtures] {
            if !isDirectory(folder) {
                problems.append("\(folder.path) is not a folder; is this the litharvest package?")
            } else if !folder.resolvingSymlinksInPath().path.hasPrefix(root.path + "/") {
                problems.append("\(folder.path) leads outside the package; refusing to write through it")
            }
        }
        for target in [sourceFolder, testFolder, fixtureFolder] + newFiles.map(\.0) where exists(target) {
            problems.append("\(Plan.relative(target, to: root)) already exists; nothing is overwritten")
        }
        // SwiftPM refuses two files of one name in a target, so check the whole target, not just the new folder.
        let sourceFiles = ["\(name)Connector.swift", "\(name)Options.swift", "\(name)Response.swift"]
        let testFile = "\(name)ConnectorTests.swift"
        let sources = Plan.swiftFiles(under: connectorsTarget)
        let tests = Plan.swiftFiles(under: testsTarget)
        for file in sources where sourceFiles.contains(file.lastPathComponent) && file.deletingLastPathComponent().path != sourceFolder.path {
            problems.append("\(Plan.relative(file, to: root)) already exists in the target; the name is taken")
        }
        for file in tests where file.lastPathComponent == testFile {
            if !newFiles.contains(where: { $0.0.path == file.path }) {
                problems.append("\(Plan.relative(file, to: root)) already exists in the target; the name is taken")
            }
        }

        // Types the new files declare must not exist yet.
        let newTypes = ["\(name)Connector", "\(name)Options", "\(name)ResponseParser", "\(name)ConnectorTests"]
        let allSwift = Plan.swiftFiles(under: root.appending(component: "Sources"))
            + Plan.swiftFiles(under: root.appending(component: "Tests"))
        for file in allSwift {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for type in newTypes where Plan.declares(type, in: text) {
                problems.append("type \(type) is already declared in \(Plan.relative(file, to: root)); the name is taken")
            }
            // Ids in existing descriptors (`id: "pubmed"`).
            if file.path.hasPrefix(connectorsTarget.path + "/"), text.contains("id: \"\(id)\"") {
                problems.append("id '\(id)' is already used by a descriptor in \(Plan.relative(file, to: root)); pass --id")
            }
        }

        // The generated list: present, and the connector not yet in it; the generator there to extend it.
        var oldRegistry = Data()
        if let data = fm.contents(atPath: registry.path), let text = String(data: data, encoding: .utf8) {
            oldRegistry = data
            if text.contains("\(name)Connector.") {
                problems.append("\(name)Connector is already listed in \(Plan.relative(registry, to: root))")
            }
        } else {
            problems.append("cannot read \(Plan.relative(registry, to: root))")
        }
        if !fm.isExecutableFile(atPath: generator.path) {
            problems.append("cannot run \(Plan.relative(generator, to: root)), which writes the connector list")
        }
        self.oldRegistry = oldRegistry

        // Last line of defence: every path written is inside the package, under the three expected folders.
        for target in newFiles.map(\.0) + [registry] {
            let path = target.standardizedFileURL.path
            if !(path.hasPrefix(connectorsTarget.path + "/") || path.hasPrefix(testsTarget.path + "/")) {
                problems.append("internal error: \(path) is outside the connector and test targets")
            }
        }
        if !problems.isEmpty { throw Refusal(problems: problems) }
    }

    func relative(_ url: URL) -> String { Plan.relative(url, to: root) }

    static func relative(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : path
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .map { $0.standardizedFileURL }
    }

    /// Whether `text` declares a type (or typealias) called `type`.
    static func declares(_ type: String, in text: String) -> Bool {
        for keyword in ["struct", "class", "enum", "protocol", "actor", "typealias"] {
            var rest = Substring(text)
            let needle = "\(keyword) \(type)"
            while let range = rest.range(of: needle) {
                let before = rest[..<range.lowerBound].last
                let after = rest[range.upperBound...].first
                let startsWord = before.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
                let endsWord = after.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
                if startsWord && endsWord { return true }
                rest = rest[range.upperBound...]
            }
        }
        return false
    }

    /// The `listPosition` values `text` declares.
    static func listPositions(in text: String) -> [Int] {
        text.components(separatedBy: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let prefix = "static let listPosition = "
            return trimmed.hasPrefix(prefix) ? Int(trimmed.dropFirst(prefix.count)) : nil
        }
    }

    /// Writes everything, never overwriting; on a failure removes what it created and restores the registry.
    func write() throws {
        let fm = FileManager.default
        var created: [URL] = []
        do {
            for folder in [sourceFolder, testFolder, fixtureFolder] {
                try fm.createDirectory(at: folder, withIntermediateDirectories: false)
                created.append(folder)
            }
            for (url, contents) in newFiles {
                try Data(contents.utf8).write(to: url, options: .withoutOverwriting)
                created.append(url)
            }
            try runGenerator()
        } catch {
            for url in created.reversed() { try? fm.removeItem(at: url) }
            try? oldRegistry.write(to: registry, options: .atomic)
            Diagnostics.error("writing failed (\(error)); removed the files created so far")
            throw error
        }
    }

    /// Regenerates ConnectorList+Generated.swift from the folders, the new one included, and checks that it
    /// gained exactly the new connector's line.
    private func runGenerator() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [generator.path]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GeneratorFailure(message: "exit status \(process.terminationStatus)") }
        let old = String(decoding: oldRegistry, as: UTF8.self).components(separatedBy: "\n")
        let new = (try? String(contentsOf: registry, encoding: .utf8))?.components(separatedBy: "\n") ?? []
        guard new.filter({ !old.contains($0) }) == [registryLine], old.allSatisfy(new.contains) else {
            throw GeneratorFailure(message: "the regenerated list differs by more than `\(registryLine)`")
        }
    }
}

/// scripts/generate-connector-list.sh failed or changed more than the new line.
struct GeneratorFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "scripts/generate-connector-list.sh: \(message)" }
}
