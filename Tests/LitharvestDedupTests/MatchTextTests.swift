import LitharvestModel
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

    @Test func titleDropsCorrectionLabelsAndCitationNotes() {
        let article = MatchText.title("Severe deficiency of the von Willebrand factor-cleaving protease in children")
        #expect(MatchText.title("Erratum: Severe deficiency of the von Willebrand factor-cleaving protease in children") == article)
        #expect(MatchText.title("CORRIGENDUM TO: Severe deficiency of the von Willebrand factor-cleaving protease in children") == article)
        // A citation note cut off inside its own parenthesis, and one holding parentheses of its own.
        #expect(MatchText.title("Severe deficiency of the von Willebrand factor-cleaving protease in children (The Journal of Pediatrics (M") == article)
        #expect(MatchText.title("Severe deficiency of the von Willebrand factor-cleaving protease in children (J Pediatr (2003) 142 (310-317))") == article)
        #expect(MatchText.title("Severe deficiency of the von Willebrand factor-cleaving protease in children (vol 142, pg 310, 2003)") == article)
        // A title that is only a label keeps it, and a parenthesis inside the title stays.
        #expect(string(MatchText.title("Erratum: Table 2")) == "erratumtable2")
        #expect(string(MatchText.title("Effect of interleukin (IL) 6 blockade on anaemia in adults")).contains("il6"))
    }

    @Test func pageFormsAndNumbers() {
        #expect(MatchText.pageSpan("221-8") == MatchText.pageSpan("221–228"))
        #expect(MatchText.pageSpan("221-8") == PageSpan(first: 221, last: 228))
        #expect(MatchText.pageSpan("1102-12") == PageSpan(first: 1102, last: 1112))
        #expect(MatchText.pageSpan("0221-0228") == PageSpan(first: 221, last: 228))
        #expect(MatchText.pageSpan("c37-c42") == MatchText.pageSpan("37-42"))
        #expect(MatchText.pageSpan("e1002") == PageSpan(first: 1002, last: 1002))
        #expect(MatchText.pageSpan("945-945") == PageSpan(first: 945, last: 945))
        #expect(MatchText.pageSpan("Suppl-29") == nil)
        #expect(MatchText.pageSpan("iii-iv") == nil)
        #expect(PageSpan(first: 943, last: 945).nests(with: PageSpan(first: 945, last: 945)))
        #expect(!PageSpan(first: 221, last: 225).nests(with: PageSpan(first: 225, last: 230)))
        #expect(string(MatchText.number("Drug Discovery. 9")) == "9")
        #expect(string(MatchText.number("145 Suppl. 1")) == "145")
    }

    @Test func surnameParticlesAndSecondNamesStillAgree() {
        func form(_ family: String, _ given: String) -> AuthorForm { MatchText.authors([Author(family: family, given: given)])[0] }
        #expect(form("Le Quintrec", "M.").agrees(with: form("Quintrec", "M.")))
        #expect(form("Il Cheong", "H.").agrees(with: form("Cheong", "H. I.")))
        #expect(form("Biebuyck-Gouge", "N.").agrees(with: form("Biebuyck", "N.")))
        #expect(!form("Le Quintrec", "M.").agrees(with: form("Quintrec", "A.")))
        #expect(!form("Park", "J.").agrees(with: form("Parker", "J.")))
        // Below four letters a shared word is too common to count (`de Lee` is not `Lee`).
        #expect(!form("de Lee", "J.").agrees(with: form("Lee", "J.")))
    }

    @Test func journalAbbreviationWithDroppedLettersMatchesFullTitle() {
        #expect(MatchText.journalsAgree(
            MatchText.journalWords("Proc Natl Acad Sci U S A"),
            MatchText.journalWords("Proceedings of the National Academy of Sciences of the United States of America")))
        #expect(!MatchText.journalsAgree(MatchText.journalWords("Am J Med"), MatchText.journalWords("Arch Journal Medicine")))
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
