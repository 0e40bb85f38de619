import Foundation
package import LitharvestCore
import LitharvestModel
package import LitharvestStore

/// Turns a review config into the jobs of one run.
package struct RunPlanner {
    /// Days of overlap when `--since last` narrows a search, because databases back-date entries.
    package static let sinceOverlapDays = 7
    /// Default per-job time limit, in seconds.
    package static let defaultJobTimeout = 3_600.0

    let review: ReviewConfig
    let registry: ConnectorRegistry
    let resolver: SettingsResolver

    /// Creates a planner for `review`'s searches over `registry`'s connectors.
    package init(review: ReviewConfig, registry: ConnectorRegistry, resolver: SettingsResolver) {
        self.review = review
        self.registry = registry
        self.resolver = resolver
    }

    /// One job per search × database (restricted to `only` when given).
    package func jobs(only: Set<String>, sinceLast: Bool, store: HarvestStore) throws -> [HarvestJob] {
        var jobs: [HarvestJob] = []
        for search in review.searches {
            for entry in search.queries where only.isEmpty || only.contains(entry.database) {
                guard let factory = registry[entry.database] else { continue }
                let descriptor = factory.descriptor
                let databaseSettings = review.databases[entry.database]
                let settings = resolver.settings(for: descriptor, config: review.configValues(for: entry.database))
                var query = Query(text: entry.text, from: search.from, until: search.until)
                var isFull = true
                if sinceLast, descriptor.supportsDateWindow,
                    let last = try store.lastSuccessfulSearch(search: search.name, database: entry.database, before: nil)
                {
                    let lastDay = SimpleDate(dayNumber: Int(last.timeIntervalSince1970 / 86_400))
                    let from = lastDay.adding(days: -Self.sinceOverlapDays)
                    query.from = max(from, search.from ?? from)
                    isFull = false
                }
                var skip: String?
                if let from = query.from, let until = query.until, from > until {
                    skip = "nothing to search since the last run: the search's `until` (\(until)) is before \(from)"
                } else if databaseSettings?.enabled == false {
                    skip = "disabled in the config (enabled: false)"
                } else if let key = descriptor.key, key.isRequired, settings.apiKey == nil {
                    let variable = databaseSettings?.apiKeyVariable ?? key.environmentVariable
                    skip = "no key: set \(variable) (\(key.howToObtain))"
                }
                jobs.append(HarvestJob(
                    search: search.name, factory: factory, query: query, settings: settings,
                    timeout: databaseSettings?.timeout ?? Self.defaultJobTimeout, isFullSearch: isFull, skipReason: skip))
            }
        }
        return jobs
    }
}
