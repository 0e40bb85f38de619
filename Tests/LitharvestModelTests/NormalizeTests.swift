import LitharvestModel
import Testing

@Suite("normalization shared by every connector")
struct NormalizeTests {
    @Test(arguments: [
        ("10.1000/ABC.123", "10.1000/abc.123"),
        ("https://doi.org/10.1177/019262339902700407", "10.1177/019262339902700407"),
        ("http://dx.doi.org/10.1093/carcin/20.6.1091.", "10.1093/carcin/20.6.1091"),
        ("doi:10.1002/em.21776", "10.1002/em.21776"),
        ("DOI: 10.3344/kjp.2006.19.1.1", "10.3344/kjp.2006.19.1.1"),
        (" 10.4097/kjae.2010.58.3.311 ", "10.4097/kjae.2010.58.3.311"),
    ])
    func doiVariantsNormalize(input: String, expected: String) {
        #expect(Normalize.doi(input) == expected)
    }

    @Test func notADOI() {
        #expect(Normalize.doi("S0300483X00004510") == nil)
        #expect(Normalize.doi("") == nil)
        #expect(Normalize.doi(nil) == nil)
    }

    @Test func whitespaceCollapses() {
        #expect(Normalize.text("  Effect of\n\t IMS \u{00A0}on  pain ") == "Effect of IMS on pain")
        #expect(Normalize.text(" \n ") == nil)
        #expect(Normalize.text("근육내  자극") == "근육내 자극")
    }

    @Test func pmcid() {
        #expect(Normalize.pmcid("3299399") == "PMC3299399")
        #expect(Normalize.pmcid("pmc3299399") == "PMC3299399")
        #expect(Normalize.pmcid("PMC3299399") == "PMC3299399")
        #expect(Normalize.pmcid("PMCX") == nil)
    }

    @Test func yearsAndMonthsInFreeText() {
        #expect(Normalize.year(in: "1998 Dec-1999 Jan") == 1998)
        #expect(Normalize.year(in: "2000-2001") == 2000)
        #expect(Normalize.year(in: "Spring 1990") == 1990)
        #expect(Normalize.year(in: "no year 12345") == nil)
        #expect(Normalize.month("Dec") == 12)
        #expect(Normalize.month("03") == 3)
        #expect(Normalize.month("Spring") == nil)
    }

    @Test(arguments: [
        ("221-8", "221-228"), ("1102-12", "1102-1112"), ("279-291", "279-291"), ("e1002", "e1002"),
        ("S12-4", "S12-S14"), ("595–8", "595-598"), ("99-101", "99-101"), ("311-317", "311-317"),
    ])
    func pageRangesExpand(input: String, expected: String) {
        #expect(Pages(input)?.expanded == expected)
    }

    @Test func pageParts() throws {
        let pages = try #require(Pages("436-40"))
        #expect(pages.first == "436")
        #expect(pages.last == "440")
        #expect(Pages("  ") == nil)
        #expect(Pages("12")?.last == nil)
    }
}

@Suite("calendar dates for windows and config")
struct SimpleDateTests {
    @Test func parsesAndRejects() {
        #expect(SimpleDate(parsing: "2024-02-29")?.description == "2024-02-29")
        #expect(SimpleDate(parsing: "2023-02-29") == nil)
        #expect(SimpleDate(parsing: "2023-13-01") == nil)
        #expect(SimpleDate(parsing: "2023") == SimpleDate(year: 2023, month: 1, day: 1))
        #expect(SimpleDate(parsing: "2023-06") == SimpleDate(year: 2023, month: 6, day: 1))
        #expect(SimpleDate(parsing: "23-06-01") == nil)
        #expect(SimpleDate(parsing: "2023/06/01") == nil)
        #expect(SimpleDate(parsing: "2023-6-1") == nil)
    }

    @Test func dayNumbersRoundTrip() throws {
        let epoch = try #require(SimpleDate(parsing: "1970-01-01"))
        #expect(epoch.dayNumber == 0)
        for text in ["1800-01-01", "1999-12-31", "2000-02-29", "2026-11-25"] {
            let date = try #require(SimpleDate(parsing: text))
            #expect(SimpleDate(dayNumber: date.dayNumber) == date)
        }
        #expect(SimpleDate(parsing: "2024-02-28")!.adding(days: 2).description == "2024-03-01")
        #expect(SimpleDate(parsing: "2024-02-28")!.slashed == "2024/02/28")
        #expect(SimpleDate(parsing: "2024-02-28")!.compact == "20240228")
    }
}
