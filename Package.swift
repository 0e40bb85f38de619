// swift-tools-version:6.0
import PackageDescription

/// Settings every target of ours shares: Swift 6 mode plus the upcoming features that keep
/// C types out of public API (`InternalImportsByDefault`) and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

// The module graph, bottom to top (Tests/LitharvestAppTests/ModuleGraphTests.swift checks that no target
// depends against this direction):
//   C libraries → wrappers (HTTP, XML) → Model → Core → Connectors / Formats / Store / Dedup / Report → App → CLI
let package = Package(
    name: "litharvest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "litharvest", targets: ["litharvest"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 of stored records and ScienceON's AES-256-CBC (`_CryptoExtras`), from a maintained library.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: C libraries (only LitharvestHTTP and LitharvestXML import these)
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // MARK: Model (no dependencies): records, diagnostics, job reports, errors
        .target(
            name: "LitharvestModel",
            swiftSettings: strictSettings
        ),

        // MARK: Wrappers of the C libraries
        .target(
            name: "LitharvestHTTP",
            dependencies: ["CCurl"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestXML",
            dependencies: ["CLibXML2", "LitharvestModel"],
            swiftSettings: strictSettings
        ),

        // MARK: Core: the connector contract, review config and the Dispatch scheduler
        .target(
            name: "LitharvestCore",
            dependencies: ["LitharvestModel", "LitharvestHTTP", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),

        // MARK: Capabilities, each its own module
        .target(
            name: "LitharvestFormats",
            dependencies: ["LitharvestModel", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestConnectors",
            dependencies: [
                "LitharvestModel", "LitharvestCore", "LitharvestFormats", "LitharvestHTTP", "LitharvestXML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestDedup",
            dependencies: ["LitharvestModel"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestStore",
            dependencies: [
                "LitharvestModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestReport",
            dependencies: ["LitharvestModel"],
            swiftSettings: strictSettings
        ),

        // MARK: App: the use cases (run, search, import, parse, export, report, dedup) the CLI calls
        .target(
            name: "LitharvestApp",
            dependencies: [
                "LitharvestModel", "LitharvestCore", "LitharvestConnectors", "LitharvestFormats", "LitharvestDedup",
                "LitharvestStore", "LitharvestReport", "LitharvestHTTP",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Command-line tool: option groups and printing over LitharvestApp
        .executableTarget(
            name: "litharvest",
            dependencies: [
                "LitharvestApp", "LitharvestModel", "LitharvestCore", "LitharvestFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Test support and tools (not shipped): the loopback HTTP server with fault injection, fixtures,
        // the replay server the offline demo uses and the store benchmark
        .target(
            name: "LitharvestTesting",
            dependencies: ["LitharvestModel", "LitharvestCore", "LitharvestHTTP", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "litharvest-replay",
            dependencies: ["LitharvestTesting"],
            path: "Tools/litharvest-replay",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "litharvest-bench-store",
            dependencies: ["LitharvestModel", "LitharvestStore"],
            path: "Tools/litharvest-bench-store",
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "LitharvestModelTests",
            dependencies: ["LitharvestModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestHTTPTests",
            dependencies: ["LitharvestHTTP", "LitharvestTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestXMLTests",
            dependencies: ["LitharvestXML"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestCoreTests",
            dependencies: ["LitharvestModel", "LitharvestCore", "LitharvestTesting", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestFormatsTests",
            // LitharvestConnectors: the round-trip tests read the PubMed fixture with its parser.
            dependencies: ["LitharvestModel", "LitharvestCore", "LitharvestFormats", "LitharvestConnectors", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestConnectorsTests",
            dependencies: ["LitharvestModel", "LitharvestConnectors", "LitharvestCore", "LitharvestFormats", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestDedupTests",
            dependencies: ["LitharvestModel", "LitharvestDedup", "LitharvestFormats", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestStoreTests",
            // LitharvestApp: the cluster tests run the deduplication the app layer wires to the store. GRDB: the
            // migration tests read a store file as it was before migrating.
            dependencies: [
                "LitharvestModel", "LitharvestStore", "LitharvestApp", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestReportTests",
            dependencies: ["LitharvestModel", "LitharvestReport", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestAppTests",
            dependencies: ["LitharvestApp", "LitharvestModel", "LitharvestCore", "LitharvestStore", "LitharvestDedup"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestTestingTests",
            dependencies: ["LitharvestTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestCLITests",
            dependencies: ["litharvest", "LitharvestModel", "LitharvestCore", "LitharvestHTTP", "LitharvestTesting", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .plugin(
            name: "ScaffoldConnector",
            capability: .command(
                intent: .custom(verb: "scaffold-connector", description: "Create a connector skeleton, fixture and test"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "Writes Sources/LitharvestConnectors/<Name>/, a fixture folder and a test, and registers the connector")
                ])
        ),
    ],
    swiftLanguageModes: [.v6]
)
