import LitharvestCore
import LitharvestModel
import Testing

@Suite("settings resolution and the registry")
struct SettingsResolverTests {
    static let descriptor = ConnectorDescriptor(
        id: "pubmed", name: "PubMed", platform: "E-utilities", access: .api,
        key: KeyRequirement(isRequired: false, environmentVariable: "NCBI_API_KEY", howToObtain: "x", requestsPerSecondWithKey: 10),
        defaultEndpoint: "https://eutils.example/", defaultRequestsPerSecond: 3, supportsDateWindow: true, version: "1")

    @Test func precedenceIsCommandLineThenEnvironmentThenConfigThenDefault() {
        let config = SettingsResolver.ConfigValues(endpoint: "http://config/")
        let none = SettingsResolver(environment: [:])
        #expect(none.settings(for: Self.descriptor).endpoint == "https://eutils.example/")
        #expect(none.settings(for: Self.descriptor, config: config).endpoint == "http://config/")
        let env = SettingsResolver(environment: ["LITHARVEST_PUBMED_ENDPOINT": "http://env/"])
        #expect(env.settings(for: Self.descriptor, config: config).endpoint == "http://env/")
        #expect(env.settings(for: Self.descriptor, config: config, endpointOverride: "http://cli/").endpoint == "http://cli/")
        #expect(Self.descriptor.endpointVariable == "LITHARVEST_PUBMED_ENDPOINT")
    }

    @Test func aKeyRaisesTheBudgetUnlessConfigSetsIt() {
        let withKey = SettingsResolver(environment: ["NCBI_API_KEY": "k123456"])
        #expect(withKey.settings(for: Self.descriptor).apiKey == "k123456")
        #expect(withKey.settings(for: Self.descriptor).requestsPerSecond == 10)
        #expect(withKey.settings(for: Self.descriptor, config: .init(requestsPerSecond: 2)).requestsPerSecond == 2)
        #expect(SettingsResolver(environment: [:]).settings(for: Self.descriptor).requestsPerSecond == 3)
        let custom = SettingsResolver(environment: ["MY_KEY": "abc"])
        #expect(custom.settings(for: Self.descriptor, config: .init(apiKeyVariable: "MY_KEY")).apiKey == "abc")
    }

    @Test func registryRefusesDuplicateIds() throws {
        var registry = ConnectorRegistry()
        let factory = ConnectorFactory(descriptor: Self.descriptor) { throw ConnectorError(.unavailable, "test") }
        try registry.register(factory)
        #expect(throws: ConnectorError.self) { try registry.register(factory) }
        #expect(registry["PUBMED"]?.descriptor.id == "pubmed")
        #expect(registry.ids == ["pubmed"])
    }
}
