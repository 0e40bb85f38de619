import Foundation
import LitharvestCore
package import LitharvestFormats
package import LitharvestModel
package import LitharvestStore

/// Which records of a run a command lists or exports, and writing them to files.
package enum RunRecords {
    /// What `litharvest new` lists.
    package enum Listing: Sendable {
        /// Records first seen in the run: one per study when the run was deduplicated and no search is named.
        case new
        /// Records whose content changed since the last run that saw them.
        case changed
        /// Records a full re-run no longer returned.
        case gone
    }

    /// What `litharvest export` writes.
    package enum Selection: Sendable {
        /// Every record the run saw (or only its new ones).
        case records(newOnly: Bool)
        /// One record per duplicate cluster (or only the new clusters), the representative completed from
        /// the other members.
        case clusters(newOnly: Bool)
    }

    /// The records `listing` names in `runID`, restricted to `search` when given.
    package static func listed(
        _ listing: Listing, runID: Int64, search: String?, in store: HarvestStore
    ) throws -> [Record] {
        switch listing {
        case .changed:
            return try store.changedRecords(runID: runID, search: search).map(\.after)
        case .gone:
            return try store.goneRecords(runID: runID, search: search)
        case .new:
            // One record per study never seen before: a paper an earlier run found in another database
            // is not new even if this database returned it for the first time.
            if search == nil, let clustered = try store.newClusterRecords(runID: runID) { return clustered }
            return try store.newRecords(runID: runID, search: search)
        }
    }

    /// The records `selection` names in `runID`; clusters are computed first when the run has none yet.
    package static func selected(
        _ selection: Selection, runID: Int64, search: String?, in store: HarvestStore
    ) throws -> [Record] {
        switch selection {
        case .clusters(let newOnly):
            if try store.dedupSummary(runID: runID) == nil { try store.deduplicate(runID: runID) }
            return newOnly ? try store.newClusterRecords(runID: runID) ?? [] : try store.clusterRepresentatives(runID: runID)
        case .records(let newOnly):
            return newOnly ? try store.newRecords(runID: runID, search: search) : try store.records(runID: runID, search: search)
        }
    }

    /// Writes `records` as `format` to `output` (standard output when nil), in files of at most `split`
    /// records each (`refs-001.ris`, `refs-002.ris`, …) when `split` is given; returns the files written.
    package static func write(
        _ records: [Record], format: OutputFormat, to output: String?, split: Int?, labels: @escaping DatabaseLabels
    ) throws -> [String] {
        var files: [String] = []
        if let split, let output {
            var sinks: [Int: FileSink] = [:]
            var writer = ChunkedWriter(
                maxRecordsPerChunk: split,
                open: { chunk in
                    let path = chunkPath(output, chunk: chunk, format: format)
                    let sink = try FileSink(path: path)
                    sinks[chunk] = sink
                    files.append(path)
                    return format.writer(into: sink, databaseLabels: labels)
                },
                close: { chunk in try sinks.removeValue(forKey: chunk)?.close() })
            try writer.begin()
            for record in records { try writer.write(record) }
            try writer.finish()
        } else {
            let sink = try output.map { try FileSink(path: $0) } ?? FileSink()
            var writer = format.writer(into: sink, databaseLabels: labels)
            try writer.begin()
            for record in records { try writer.write(record) }
            try writer.finish()
            try sink.close()
            if let output { files = [output] }
        }
        return files
    }

    /// `refs.ris` → `refs-001.ris`.
    package static func chunkPath(_ output: String, chunk: Int, format: OutputFormat) -> String {
        let url = URL(fileURLWithPath: output)
        let ext = url.pathExtension.isEmpty ? format.fileExtension : url.pathExtension
        let base = url.deletingPathExtension().path
        return base + String(format: "-%03d.", chunk) + ext
    }
}
