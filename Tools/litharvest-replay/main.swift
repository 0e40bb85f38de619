// litharvest-replay: serves recorded database responses on 127.0.0.1 so litharvest can be run, demonstrated
// and tested without the internet. E-utilities answers (einfo/esearch/efetch) come from the recorded PubMed
// articles in <recordings>/pubmed under /pubmed/entrez/eutils/ and the recorded PMC articles in
// <recordings>/pmc under /pmc/entrez/eutils/; every query matches every recorded article of its database.
import Foundation
import LitharvestTesting

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("litharvest-replay: \(message)\n".utf8))
    exit(2)
}

var recordings = "config/replay"
var latency = 0.0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--recordings":
        guard let value = arguments.popFirst() else { fail("--recordings needs a directory") }
        recordings = value
    case "--latency":
        guard let value = arguments.popFirst().flatMap(Double.init), value >= 0 else { fail("--latency needs seconds") }
        latency = value
    case "--help", "-h":
        print("""
            usage: litharvest-replay [--recordings DIR] [--latency SECONDS]
            Prints one line per database, "<id> <base URL>", then serves until killed.
            """)
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

func standIn(_ database: RecordedArticles.Database, folder: String, in recordings: String) -> EUtilitiesStandIn {
    let directory = (recordings as NSString).appendingPathComponent(folder)
    do {
        let recorded = try RecordedArticles(database: database, directory: directory)
        let elements = recorded.elements
        // The replay is for people and benchmarks, not a rate-limit test: allow bursts.
        return EUtilitiesStandIn(articles: recorded.articles, requestsPerSecond: 1_000) { elements[$0] ?? "" }
    } catch {
        fail("cannot read recordings in \(directory): \(error)")
    }
}

let pubmed = standIn(.pubmed, folder: "pubmed", in: recordings)
let pmc = standIn(.pmc, folder: "pmc", in: recordings)
let delay = latency
let server: LoopbackServer
do {
    server = try LoopbackServer { request in
        let action: ServerAction
        if request.path.hasPrefix("/pubmed/") {
            action = pubmed.handle(request)
        } else if request.path.hasPrefix("/pmc/") {
            action = pmc.handle(request)
        } else {
            action = .respond(.text("no recording for \(request.path)", status: 404))
        }
        return delay > 0 ? .delay(seconds: delay, then: action) : action
    }
} catch {
    fail("cannot listen on 127.0.0.1: \(error)")
}
// Written unbuffered, so a script reading the log sees the URLs at once.
FileHandle.standardOutput.write(Data("""
    pubmed \(server.baseURL)/pubmed/entrez/eutils/
    pmc \(server.baseURL)/pmc/entrez/eutils/

    """.utf8))
dispatchMain()
