// swift-tools-version:6.0
import PackageDescription

/// Settings every target of ours shares: Swift 6 mode plus the upcoming features that keep
/// C types out of public API (`InternalImportsByDefault`) and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "litharvest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "litharvest", targets: ["litharvest"]),
        .executable(name: "litharvest-replay", targets: ["litharvest-replay"]),
        .library(name: "LitharvestCore", targets: ["LitharvestCore"]),
        .library(name: "LitharvestConnectors", targets: ["LitharvestConnectors"]),
        .library(name: "LitharvestStore", targets: ["LitharvestStore"]),
        .library(name: "LitharvestTesting", targets: ["LitharvestTesting"]),
        .library(name: "LitharvestImport", targets: ["LitharvestImport"]),
        .library(name: "LitharvestDedup", targets: ["LitharvestDedup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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

        // MARK: Wrappers
        .target(
            name: "LitharvestHTTP",
            dependencies: ["CCurl"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestXML",
            dependencies: ["CLibXML2"],
            swiftSettings: strictSettings
        ),

        // MARK: Core library and connectors
        .target(
            name: "LitharvestCore",
            dependencies: ["LitharvestHTTP", "LitharvestXML", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestImport",
            dependencies: ["LitharvestCore", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestDedup",
            dependencies: ["LitharvestCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestStore",
            dependencies: ["LitharvestCore", "LitharvestDedup", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LitharvestConnectors",
            dependencies: [
                "LitharvestCore", "LitharvestHTTP", "LitharvestXML", "LitharvestImport",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Test support (a loopback HTTP server with fault injection, fixtures)
        .target(
            name: "LitharvestTesting",
            dependencies: ["LitharvestCore", "LitharvestHTTP", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),

        // MARK: Command-line tool
        .executableTarget(
            name: "litharvest",
            dependencies: [
                "LitharvestCore",
                "LitharvestStore",
                "LitharvestConnectors",
                "LitharvestImport",
                "LitharvestDedup",
                "LitharvestHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "litharvest-replay",
            dependencies: ["LitharvestTesting"],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
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
            dependencies: ["LitharvestCore", "LitharvestTesting", "LitharvestXML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestConnectorsTests",
            dependencies: ["LitharvestConnectors", "LitharvestCore", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestImportTests",
            // LitharvestConnectors: the round-trip tests read the PubMed fixture with its parser.
            dependencies: ["LitharvestImport", "LitharvestCore", "LitharvestConnectors", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestDedupTests",
            dependencies: ["LitharvestDedup", "LitharvestImport", "LitharvestCore", "LitharvestTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestStoreTests",
            dependencies: ["LitharvestStore", "LitharvestCore", "LitharvestDedup"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestTestingTests",
            dependencies: ["LitharvestTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LitharvestCLITests",
            dependencies: ["litharvest", "LitharvestCore", "LitharvestHTTP", "LitharvestTesting", "LitharvestXML"],
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
