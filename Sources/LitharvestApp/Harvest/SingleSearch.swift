import Foundation
package import LitharvestCore
package import LitharvestHTTP
package import LitharvestModel
import Synchronization

/// `litharvest search`: one query against one database through the scheduler, records kept in memory.
package struct SingleSearch {
    /// What the search returned: the job's report (counts, query as sent and translated, diagnostics,
    /// status and reason) and the records.
    package struct Outcome: Sendable {
        /// The job's report.
        package var report: JobReport
        /// The records retrieved, in the database's order.
        package var records: [Record]
    }

    /// The connector to search.
    package var factory: ConnectorFactory
    /// Endpoint, key and options.
    package var settings: ConnectorSettings

    /// Resolves the settings of `database` (with `endpoint` overriding the default).
    ///
    /// - Throws: ``UsageProblem`` for an unknown database, ``CommandFailure`` when a required key is missing.
    package init(
        database: String, registry: ConnectorRegistry, environment: HarvestEnvironment, endpoint: String?,
        options: [String: String] = [:]
    ) throws {
        guard let factory = registry[database] else {
            throw UsageProblem(
                "unknown database '\(database)'; known: \(registry.ids.joined(separator: ", ")) (see `litharvest connectors`)")
        }
        var settings = environment.resolver.settings(for: factory.descriptor, endpointOverride: endpoint)
        settings.options.merge(options) { _, given in given }
        if let key = factory.descriptor.key, key.isRequired, settings.apiKey == nil {
            throw CommandFailure(
                "\(factory.descriptor.name) needs a key: set \(key.environmentVariable) (\(key.howToObtain))")
        }
        self.factory = factory
        self.settings = settings
    }

    /// Runs `query` as a one-job harvest.
    package func run(
        _ query: Query, environment: HarvestEnvironment, cancellation: CancellationFlag,
        observer: (@Sendable (HTTPClient.Event) -> Void)?,
        progress: (@Sendable (_ retrieved: Int, _ total: Int?) -> Void)?
    ) -> Outcome {
        let job = HarvestJob(search: "search", factory: factory, query: query, settings: settings)
        let retrieved = Mutex<[Record]>([])
        let reports = environment.harvester(cancellation: cancellation, observer: observer).run(
            [job],
            sink: { _, records in
                retrieved.withLock { $0 = records }
                return JobSinkOutcome(new: records.count, changed: 0)
            },
            onEvent: { event in
                if case .progress(_, _, let count, let total) = event { progress?(count, total) }
            })
        return Outcome(report: reports[0], records: retrieved.withLock { $0 })
    }
}
