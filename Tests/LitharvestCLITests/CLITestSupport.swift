import Foundation
import LitharvestCore
import LitharvestModel
import LitharvestTesting

/// What one run of the built `litharvest` binary produced.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The built executables sit beside the test bundle in the build directory.
func executable(_ name: String) -> URL {
    Bundle.main.bundleURL.appendingPathComponent(name)
}

/// Runs `litharvest` with `arguments`; `environment` is added to a minimal environment (no user keys leak
/// in); `input` is its standard input (none when nil). `interruptAfter` sends SIGINT after that many seconds. Every run is bounded by `timeout`.
/// `directory` is its working directory (the test's when nil).
func litharvest(
    _ arguments: [String], environment: [String: String] = [:], input: String? = nil, interruptAfter: Double? = nil,
    timeout: Double = 120, in directory: URL? = nil
) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable("litharvest")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
        // Small answers fit the pipe's buffer; closing it is the end of input the command sees.
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    // Drain both pipes while the process runs, so a large output cannot block it.
    let outData = Box()
    let errData = Box()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
    if let interruptAfter {
        Thread.sleep(forTimeInterval: interruptAfter)
        kill(process.processIdentifier, SIGINT)
    }
    let deadline = Date(timeIntervalSinceNow: timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
    }
    _ = group.wait(timeout: .now() + 5)
    return CLIResult(
        status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
        stderr: String(decoding: errData.data, as: UTF8.self))
}

final class Box: @unchecked Sendable {
    // Written once by one reader thread, read after `group.wait()`.
    var data = Data()
}

/// A stand-in over real recorded articles (the files the offline demo replays).
func recordedStandIn(withheld: Set<Int> = []) throws -> (EUtilitiesStandIn, LoopbackServer, RecordedArticles) {
    let recordings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/replay/pubmed").path
    let recorded = try RecordedArticles(directory: recordings)
    let elements = recorded.elements
    let standIn = EUtilitiesStandIn(articles: recorded.articles, requestsPerSecond: 3, withheld: withheld) {
        elements[$0] ?? ""
    }
    return (standIn, try LoopbackServer(handler: standIn.handler), recorded)
}

func fixtureFile(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LitharvestConnectorsTests/Fixtures/\(relative)").path
}
