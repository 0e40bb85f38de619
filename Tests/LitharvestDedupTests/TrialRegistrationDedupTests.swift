import LitharvestModel
import Testing

@testable import LitharvestDedup

/// Trial registrations (ClinicalTrials.gov records) meet other databases only through their NCT number.
@Suite("Trial registrations in deduplication")
struct TrialRegistrationDedupTests {
    private let title = "Kinesiotape for Edema After Bilateral Total Knee Arthroplasty"

    private func registration(_ nct: String, title: String, referencing pmid: String) -> Record {
        Record(
            database: "clinicaltrials", nativeID: nct, title: title, date: PublicationDate(year: 2021, month: 8, day: 19),
            identifiers: [
                RecordIdentifier(scheme: "nct", value: nct), RecordIdentifier(scheme: "ctgov-status", value: "COMPLETED"),
                RecordIdentifier(scheme: "ctgov-start-date", value: "2021-10-18"),
                RecordIdentifier(scheme: "ctgov-last-update-posted", value: "2024-02-23"),
                RecordIdentifier(scheme: "reference-pmid-background", value: pmid),
            ])
    }

    @Test func theRegistrationAndCENTRALsCopyOfItMergeOnTheNCTNumber() {
        let central = Record(
            database: "cochrane", nativeID: "CN-02301234", title: title.lowercased(), date: PublicationDate(year: 2021),
            identifiers: [RecordIdentifier(scheme: "ctgov", value: "NCT05013879")])
        let result = Deduplicator().cluster([registration("NCT05013879", title: title, referencing: "32459670"), central])
        #expect(result.clusters.count == 1)
    }

    @Test func statusDatesAndCitedPapersAreNoMatchingKeys() {
        let fingerprint = Fingerprint(registration("NCT05013879", title: title, referencing: "32459670"))
        // The record's own key and its NCT number; not the status, the dates or the background paper.
        #expect(fingerprint.identifiers.count == 2)
        #expect(fingerprint.pmid == nil)
        let other = registration("NCT00517179", title: title + " (pilot)", referencing: "32459670")
        #expect(!Fingerprint(other).identifiers.contains { fingerprint.identifiers.contains($0) })
    }
}
