import ArgumentParser

/// Commands whose features have not landed yet: each exists (with --help) and says so plainly.
protocol NotYetAvailableCommand: ParsableCommand {
    /// What the command will do, for the message.
    static var plannedFeature: String { get }
}

extension NotYetAvailableCommand {
    func run() throws {
        Console.error(
            "litharvest \(Self._commandName): not available yet — \(Self.plannedFeature) has not landed in this version.")
        throw ExitStatus.unavailable
    }
}

struct Run: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run every search of a review config across its databases and store a snapshot.")
    static let plannedFeature = "the review harvest (config, scheduler, snapshots)"
    @Option(help: "Review config file.") var config: String = "config/harvest.yaml"
}

struct New: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(abstract: "List records first seen in the latest run.")
    static let plannedFeature = "snapshot comparison"
    @Option(help: "Review config file.") var config: String = "config/harvest.yaml"
}

struct Snapshots: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(abstract: "List stored runs with per-database counts.")
    static let plannedFeature = "the snapshot store"
    @Option(help: "Review config file.") var config: String = "config/harvest.yaml"
}

struct Export: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a run's records as RIS, MEDLINE, BibTeX, CSL-JSON, CSV or JSONL.")
    static let plannedFeature = "export from the snapshot store"
}

struct Import: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import export files a person downloaded (RIS, CSV, xls, nbib) as a database's result.")
    static let plannedFeature = "export-file import"
    @Argument(help: "Files to import.") var files: [String] = []
}

struct Dedup: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(abstract: "Cluster duplicate records across databases.")
    static let plannedFeature = "deduplication"
}

struct Report: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the PRISMA-S search log, the PRISMA 2020 flow diagram and the HTML report of a run.")
    static let plannedFeature = "reporting"
}

struct Validate: NotYetAvailableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a review config and report errors with line and column.")
    static let plannedFeature = "review config validation"
    @Option(help: "Review config file.") var config: String = "config/harvest.yaml"
}
