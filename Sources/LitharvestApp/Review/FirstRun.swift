import Foundation

/// Where commands look for the review config, and what to tell someone who has none yet.
package enum FirstRun {
    /// The config file `litharvest init` writes and commands look for first, in the current folder.
    package static let configFileName = "harvest.yaml"
    /// Where commands look next: the layout of the source tree (and of reviews kept beside their specs).
    package static let nestedConfigPath = "config/harvest.yaml"

    /// The config commands use without `--config`: `harvest.yaml` in the current folder when it exists, else
    /// `config/harvest.yaml` (which may not exist either: see ``configExists(at:)``).
    package static var defaultConfigPath: String {
        FileManager.default.fileExists(atPath: configFileName) ? configFileName : nestedConfigPath
    }

    /// Whether anything exists at `path` (a folder there is reported by the config reader).
    package static func configExists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// How to start a review, for a folder without a config (or a `--config` naming no file).
    package static func guidance(missing path: String?) -> String {
        let missing =
            path.map { "There is no review config at \($0)." }
            ?? "There is no review config here (no \(configFileName) in this folder, no \(nestedConfigPath))."
        return """
            \(missing) To start a review:

              litharvest init --databases pubmed,kci   write \(configFileName): a commented search for each database
              litharvest connectors                    list the database ids (and the keys they need)
              litharvest validate                      check the config; each problem with its line and column
              litharvest run                           run every search and store a snapshot beside the config

            Commands read \(configFileName) in the current folder, then \(nestedConfigPath); --config names
            another file. The README's "Review harvests" section explains the file; config/harvest.yaml in
            the source tree is a full example (the seed review, a search for every database it used).
            """
    }
}

/// A command that works on a review found no config file (exit status 2).
package struct MissingReviewConfig: Error, CustomStringConvertible, Sendable {
    /// The path that was looked for.
    package var path: String

    /// Creates the error.
    package init(path: String) { self.path = path }

    /// How to start, naming `path` unless it is the default looked for last.
    package var description: String { FirstRun.guidance(missing: path == FirstRun.nestedConfigPath ? nil : path) }
}
