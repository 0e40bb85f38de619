import LitharvestCore
import Testing

@testable import LitharvestDedup

@Suite("Match text normalisation")
struct MatchTextTests {
    private func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func titleFoldsCasePunctuationMarkupAndWidth() {
        #expect(string(MatchText.title("Dry <i>needling</i>: a Review.")) == "dryneedlingareview")
        #expect(MatchText.title("DRY NEEDLING — A REVIEW") == MatchText.title("dry needling: a review."))
        #expect(string(MatchText.title("Ｃａｆｆｅｉｎｅ and café")) == "caffeineandcafe")
    }

    @Test func titleDropsTranslationBracketsAndNotes() {
        #expect(string(MatchText.title("[Intramuscular stimulation for chronic pain].")) == "intramuscularstimulationforchronicpain")
        #expect(
            MatchText.title("Intramuscular stimulation for chronic low back pain [Article in Korean]")
                == MatchText.title("Intramuscular stimulation for chronic low back pain"))
        #expect(
            MatchText.title("Outcomes of needle therapy in elderly patients with myofascial pain. [Chinese]")
                == MatchText.title("Outcomes of needle therapy in elderly patients with myofascial pain"))
        #expect(
            MatchText.title("HPV testing after treatment of CIN 3: a meta-analysis (Provisional abstract)")
                == MatchText.title("HPV testing after treatment of CIN 3: a meta-analysis. [Review] [45 refs]"))
    }

    @Test func koreanTitleKeepsHangul() {
        #expect(MatchText.title("근막통증증후군").count == "근막통증증후군".utf8.count)
        #expect(MatchText.title("근막통증증후군에 대한 치료.") == MatchText.title("근막통증증후군에 대한 치료"))
    }

    @Test func authorsInEitherOrderAndRomanisation() {
        let split = MatchText.authors([Author(family: "Lee", given: "Sang-Ho")])
        let literal = MatchText.authors([Author(literal: "Sang-Ho Yi")])
        let medline = MatchText.authors([Author(literal: "Rhee SH")])
        let comma = MatchText.authors([Author(literal: "Lee, S. H.")])
        #expect(split == literal)
        #expect(split == medline)
        #expect(split == comma)
        #expect(string(split[0].surname) == "lee")
        #expect(split[0].initial == UInt8(ascii: "s"))
    }

    @Test func pageFormsAndNumbers() {
        #expect(MatchText.firstPage("221-8") == MatchText.firstPage("221–228"))
        #expect(string(MatchText.firstPage("0221-0228")) == "221")
        #expect(MatchText.firstPage("Suppl-29").isEmpty)
        #expect(string(MatchText.number("Drug Discovery. 9")) == "9")
        #expect(string(MatchText.number("145 Suppl. 1")) == "145")
    }

    @Test func journalAbbreviationMatchesFullTitle() {
        #expect(MatchText.journalsAgree(MatchText.journalWords("Nat Rev Nephrol"), MatchText.journalWords("Nature Reviews Nephrology")))
        #expect(
            MatchText.journalsAgree(
                MatchText.journalWords("Seminars in Thrombosis & Hemostasis"),
                MatchText.journalWords("Semin Thromb Hemost")))
        #expect(!MatchText.journalsAgree(MatchText.journalWords("Pain"), MatchText.journalWords("Pain Medicine")))
    }

    @Test func boundedEditDistance() {
        #expect(Similarity.boundedDistance(Array("kitten".utf8), Array("sitting".utf8), limit: 3) == 3)
        #expect(Similarity.boundedDistance(Array("kitten".utf8), Array("sitting".utf8), limit: 2) == nil)
        #expect(Similarity.ratio(Array("abcdefghij".utf8), Array("abcdefghij".utf8), minimum: 0.9) == 1)
        #expect(Similarity.ratio(Array("abcdefghij".utf8), Array("abcdefghix".utf8), minimum: 0.85) == 0.9)
    }
}
