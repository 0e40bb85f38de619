// litharvest-replay: serves recorded database responses on 127.0.0.1 so litharvest can be run, demonstrated
// and tested without the internet. It answers E-utilities requests (esearch/efetch) from the recorded
// PubMed articles in config/replay/pubmed; every query matches every recorded article.
import Foundation
import LitharvestTesting

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("litharvest-replay: \(message)\n".utf8))
    exit(2)
}

var recordings = "config/replay"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--recordings":
        guard let value = arguments.popFirst() else { fail("--recordings needs a directory") }
        recordings = value
    case "--help", "-h":
        print("usage: litharvest-replay [--recordings DIR]\nPrints the base URL it listens on, then serves until killed.")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

let pubmedDirectory = (recordings as NSString).appendingPathComponent("pubmed")
let recorded: RecordedPubMedArticles
do {
    recorded = try RecordedPubMedArticles(directory: pubmedDirectory)
} catch {
    fail("cannot read recordings in \(pubmedDirectory): \(error)")
}
let elements = recorded.elements
let eutils = EUtilitiesStandIn(articles: recorded.articles) { elements[$0] ?? "" }
let server: LoopbackServer
do {
    server = try LoopbackServer(handler: eutils.handler)
} catch {
    fail("cannot listen on 127.0.0.1: \(error)")
}
// Written unbuffered, so a script reading the log sees the URL at once.
FileHandle.standardOutput.write(Data("\(server.baseURL)/entrez/eutils/ (\(recorded.articles.count) recorded PubMed articles)\n".utf8))
dispatchMain()
