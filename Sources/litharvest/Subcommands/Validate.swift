import ArgumentParser
import LitharvestApp

/// `litharvest validate`: checks a review config and writes nothing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a review config; report every problem with its line and column. Writes nothing.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let review = try options.loadContext().review
        let databases = review.databaseIDs.joined(separator: ", ")
        print(
            "\(options.config): OK — review \"\(review.review)\", \(review.searches.count) search(es), "
                + "databases: \(databases); store: \(options.store ?? review.storePath)")
    }
}
