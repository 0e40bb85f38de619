import Foundation
import LitharvestModel
import LitharvestFormats
import Testing

/// Every export format written to a file and read back by an independent reader (rispy, Biopython's
/// `Medline`, bibtexparser 1.x, Python's `csv`) through `Tests/Readers/read_back.py`; titles, authors, years,
/// DOIs, pages, journals and ids must survive. A missing reader fails the test with the install command.
@Suite("Exports read back by independent readers")
struct ExportRoundTripTests {
    /// Records the PubMed and PMC parsers produce from the connector fixtures
    /// (`Tests/LitharvestConnectorsTests/Fixtures/pubmed/`), as `litharvest parse --format jsonl` prints them.
    static let fixtureJSON: [String] = [
        // efetch_pubmed_collective_mathml.xml — PubMed: collective author, MathML in the abstract, article number as pages
        #"""
        {"abstract":"We designed and generated pulmonary imaging biomarker pipelines to facilitate high-throughput research and point-of-care use in patients with chronic lung disease. Image processing modules and algorithm pipelines were embedded within a graphical user interface (based on the .NET framework) for pulmonary magnetic resonance imaging (MRI) and x-ray computed-tomography (CT) datasets. The software pipelines were generated using C++ and included: (1) inhaled 3He/129Xe MRI ventilation and apparent diffusion coefficients, (2) CT-MRI coregistration for lobar and segmental ventilation and perfusion measurements, (3) ultrashort echo-time 1H MRI proton density measurements, (4) free-breathing Fourier-decomposition 1H MRI ventilation/perfusion and free-breathing 1H MRI specific ventilation, (5) multivolume CT and MRI parametric response maps, and (6) MRI and CT texture analysis and radiomics. The image analysis framework was implemented on a desktop workstation/tablet to generate biomarkers of regional lung structure and function related to ventilation, perfusion, lung tissue texture, and integrity as well as multiparametric measures of gas trapping and airspace enlargement. All biomarkers were generated within 10 min with measurement reproducibility consistent with clinical and research requirements. The resultant pulmonary imaging biomarker pipeline provides real-time and automated lung imaging measurements for point-of-care and high-throughput research.","authors":[{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada.","University of Western Ontario, Graduate Program in Biomedical Engineering, London, Ontario, Canada.","University of Toronto, Sunnybrook Research Institute, Toronto, Canada."],"alternateNames":[],"family":"Guo","given":"Fumin","initials":"F"},{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada.","University of Western Ontario, Department of Medical Biophysics, London, Ontario, Canada."],"alternateNames":[],"family":"Capaldi","given":"Dante","initials":"D","orcid":"0000-0002-4590-7461"},{"affiliations":["University of British Columbia, St. Paul's Hospital, Centre for Heart Lung Innovation, Vancouver, Canada."],"alternateNames":[],"family":"Kirby","given":"Miranda","initials":"M"},{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada."],"alternateNames":[],"family":"Sheikh","given":"Khadija","initials":"K"},{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada."],"alternateNames":[],"family":"Svenningsen","given":"Sarah","initials":"S"},{"affiliations":["University of Western Ontario, Division of Respirology, Department of Medicine, London, Ontario, Canada."],"alternateNames":[],"family":"McCormack","given":"David G","initials":"DG"},{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada.","University of Western Ontario, Graduate Program in Biomedical Engineering, London, Ontario, Canada.","University of Western Ontario, Department of Medical Biophysics, London, Ontario, Canada."],"alternateNames":[],"family":"Fenster","given":"Aaron","initials":"A","orcid":"0000-0003-3525-2788"},{"affiliations":["University of Western Ontario, Robarts Research Institute, London, Ontario, Canada.","University of Western Ontario, Graduate Program in Biomedical Engineering, London, Ontario, Canada.","University of Western Ontario, Department of Medical Biophysics, London, Ontario, Canada."],"alternateNames":[],"family":"Parraga","given":"Grace","initials":"G"},{"affiliations":[],"alternateNames":[],"literal":"Canadian Respiratory Research Network"}],"database":"pubmed","date":{"month":4,"year":2018},"doi":"10.1117/1.jmi.5.2.026002","identifiers":[{"scheme":"pii","value":"17360RR"}],"issns":[{"kind":"print","value":"2329-4302"},{"kind":"linking","value":"2329-4302"}],"issue":"2","journal":"Journal of medical imaging (Bellingham, Wash.)","journalAbbreviation":"J Med Imaging (Bellingham)","keywords":["asthma","chronic obstructive lung disease","image processing, biomarkers","magnetic resonance imaging","thoracic computed tomography"],"languages":["eng"],"nativeID":"29963580","pages":"026002","pmcid":"PMC6022861","pmid":"29963580","publicationTypes":["Journal Article"],"subjects":[],"title":"Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.","url":"https://pubmed.ncbi.nlm.nih.gov/29963580/","volume":"5"}
        """#,
        // efetch_pubmed_structured_abstract.xml — PubMed: structured abstract, PII and NIHMS ids
        #"""
        {"abstract":"OBJECTIVES: Animal studies suggest that exposure to pesticides may alter thyroid function; however, few epidemiologic studies have examined this association. We evaluated the relationship between individual pesticides and thyroid function in 679 men enrolled in a substudy of the Agricultural Health Study, a cohort of licensed pesticide applicators.\n\nMETHODS: Self-reported lifetime pesticide use was obtained at cohort enrolment (1993-1997). Intensity-weighted lifetime days were computed for 33 pesticides, which adjusts cumulative days of pesticide use for factors that modify exposure (eg, use of personal protective equipment). Thyroid-stimulating hormone (TSH), thyroxine (T4), triiodothyronine (T3) and antithyroid peroxidase (anti-TPO) autoantibodies were measured in serum collected in 2010-2013. We used multivariate logistic regression to estimate ORs and 95% CIs for subclinical hypothyroidism (TSH >4.5 mIU/L) compared with normal TSH (0.4-<4.5 mIU/L) and for anti-TPO positivity. We also examined pesticide associations with TSH, T4 and T3 in multivariate linear regression models.\n\nRESULTS: Higher exposure to the insecticide aldrin (third and fourth quartiles of intensity-weighted days vs no exposure) was positively associated with subclinical hypothyroidism (ORQ3=4.15, 95% CI 1.56 to 11.01, ORQ4=4.76, 95% CI 1.53 to 14.82, ptrend <0.01), higher TSH (ptrend=0.01) and lower T4 (ptrend=0.04). Higher exposure to the herbicide pendimethalin was associated with subclinical hypothyroidism (fourth quartile vs no exposure: ORQ4=2.78, 95% CI 1.30 to 5.95, ptrend=0.02), higher TSH (ptrend=0.04) and anti-TPO positivity (ptrend=0.01). The fumigant methyl bromide was inversely associated with TSH (ptrend=0.02) and positively associated with T4 (ptrend=0.01).\n\nCONCLUSIONS: Our results suggest that long-term exposure to aldrin, pendimethalin and methyl bromide may alter thyroid function among male pesticide applicators.","authors":[{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA."],"alternateNames":[],"family":"Lerro","given":"Catherine C","initials":"CC"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA."],"alternateNames":[],"family":"Beane Freeman","given":"Laura E","initials":"LE"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA.","Environmental Working Group, Washington, DC, USA."],"alternateNames":[],"family":"DellaValle","given":"Curt T","initials":"CT"},{"affiliations":["Department of Public Health Sciences, The University of Chicago, Chicago, Illinois, USA."],"alternateNames":[],"family":"Kibriya","given":"Muhammad G","initials":"MG"},{"affiliations":["Department of Public Health Sciences, The University of Chicago, Chicago, Illinois, USA."],"alternateNames":[],"family":"Aschebrook-Kilfoy","given":"Briseis","initials":"B"},{"affiliations":["Department of Public Health Sciences, The University of Chicago, Chicago, Illinois, USA."],"alternateNames":[],"family":"Jasmine","given":"Farzana","initials":"F"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA."],"alternateNames":[],"family":"Koutros","given":"Stella","initials":"S"},{"affiliations":["National Institute of Environmental Health Sciences, Research Triangle Park, North Carolina, USA."],"alternateNames":[],"family":"Parks","given":"Christine G","initials":"CG"},{"affiliations":["National Institute of Environmental Health Sciences, Research Triangle Park, North Carolina, USA."],"alternateNames":[],"family":"Sandler","given":"Dale P","initials":"DP"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA.","Department of Biology, Hood College, Frederick, Maryland, USA."],"alternateNames":[],"family":"Alavanja","given":"Michael C R","initials":"MCR"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA."],"alternateNames":[],"family":"Hofmann","given":"Jonathan N","initials":"JN"},{"affiliations":["Division of Cancer Epidemiology and Genetics, National Cancer Institute, Rockville, Maryland, USA."],"alternateNames":[],"family":"Ward","given":"Mary H","initials":"MH"}],"database":"pubmed","date":{"month":2,"year":2018},"doi":"10.1136/oemed-2017-104431","identifiers":[{"scheme":"pii","value":"oemed-2017-104431"},{"scheme":"mid","value":"NIHMS932407"}],"issns":[{"kind":"electronic","value":"1470-7926"},{"kind":"linking","value":"1351-0711"}],"issue":"2","journal":"Occupational and environmental medicine","journalAbbreviation":"Occup Environ Med","keywords":["agriculture","hypothyroidism","pesticides","thyroid disease","thyroid stimulating hormone"],"languages":["eng"],"nativeID":"28775130","pages":"79-89","pmcid":"PMC5771820","pmid":"28775130","publicationTypes":["Journal Article"],"subjects":[],"title":"Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.","url":"https://pubmed.ncbi.nlm.nih.gov/28775130/","volume":"75"}
        """#,
        // efetch_pubmed_book_article.xml — PubMed: book (GeneReviews), no authors
        #"""
        {"abstract":"GeneReviews are expert-authored, peer-reviewed disease descriptions that apply genetic testing to the diagnosis, management, and genetic counseling of patients and families with specific inherited conditions. Published exclusively online, each GeneReview entry is: (1) peer reviewed for accuracy by (a) editorial staff experts in clinical genetics, laboratory genetics, and genetic counseling and by (b) acknowledged international subject experts; (2) updated by the author(s) in a formal comprehensive process every two to three years or as needed; and (3) revised by the author(s) or editorial staff whenever significant changes in clinically relevant information occur. GeneReviews are part of the GeneTests Web site, which also includes: a Laboratory Directory of US and international laboratories offering molecular genetic testing, specialized cytogenetic testing, and biochemical testing for inherited disorders; a Clinic Directory of US and international genetics clinics providing genetic evaluation and genetic counseling; Resources that are consumer health-oriented organizations and disease registries; Educational materials; and an Illustrated Glossary of genetic counseling and testing terms.","authors":[],"database":"pubmed","date":{"year":1993},"identifiers":[{"scheme":"bookaccession","value":"NBK1116"}],"issns":[],"keywords":[],"languages":["eng"],"nativeID":"20301295","pmid":"20301295","publicationTypes":[],"subjects":[],"title":"GeneReviews™","url":"https://pubmed.ncbi.nlm.nih.gov/20301295/"}
        """#,
        // efetch_pubmed_two_articles_season.xml — PubMed: season date (Spring), MeSH with major topics, abbreviated pages 113-25
        #"""
        {"authors":[{"affiliations":[],"alternateNames":[],"family":"Olivero","given":"J Michael","initials":"JM"}],"database":"pubmed","date":{"text":"Spring","year":1990},"identifiers":[],"issns":[{"kind":"print","value":"1043-1578"},{"kind":"linking","value":"1043-1578"}],"issue":"1","journal":"Social justice (San Francisco, Calif.)","journalAbbreviation":"Soc Justice","keywords":["Health Care and Public Health","Legal Approach"],"languages":["eng"],"nativeID":"12091962","pages":"113-25","pmid":"12091962","publicationTypes":["Journal Article","Review"],"subjects":[{"identifier":"D015492","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"AIDS Serodiagnosis"},{"identifier":"D000163","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"Acquired Immunodeficiency Syndrome"},{"identifier":"D002961","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Civil Rights"},{"identifier":"D006679","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"HIV Seropositivity"},{"identifier":"D006801","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Humans"},{"identifier":"D007603","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"Jurisprudence"},{"identifier":"D035846","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Law Enforcement"},{"identifier":"D008403","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Mass Screening"},{"identifier":"D008913","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Minority Groups"},{"identifier":"D016134","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Organizational Policy"},{"identifier":"D005791","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Patient Care"},{"identifier":"D011287","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Prejudice"},{"identifier":"D011329","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"Prisoners"},{"identifier":"D011640","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"Public Policy"},{"identifier":"D011790","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Quarantine"},{"identifier":"D012926","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Social Control, Formal"},{"identifier":"D013223","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Statistics as Topic"},{"identifier":"D013240","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Stereotyping"},{"identifier":"D014481","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"United States"}],"title":"The treatment of AIDS behind the walls of correctional facilities.","url":"https://pubmed.ncbi.nlm.nih.gov/12091962/","volume":"17"}
        """#,
        // efetch_pubmed_20_articles.xml — PubMed: Jul-Aug season
        #"""
        {"abstract":"A simple image-analysis method is described, whereby the distribution of hepatocytes that have entered S-phase, as distinguished by the incorporation of bromodeoxyuridine, can be related to the position of the central and portal veins of the hepatic lobule. Hepatocyte S-phase was induced in the livers of male and female F344 rats by administration of di(2-ethylhexyl)phthalate (DEHP) in the diet for 7 days at 2 dose levels, and these livers were used to develop the procedure. The distributions of the S-phase between control and DEHP-treated livers were compared using statistical techniques. The results showed notable differences in the distribution of S-phase between male and female rats as well as limited dose-related effects.","authors":[{"affiliations":["Zeneca Central Toxicology Laboratory, Alderley Park, Macclesfield, Cheshire, United Kingdom. Tony.Soames@ctl.zeneca.com"],"alternateNames":[],"family":"Soames","given":"A R","initials":"AR"},{"affiliations":[],"alternateNames":[],"family":"Cliffe","given":"S","initials":"S"},{"affiliations":[],"alternateNames":[],"family":"Pate","given":"I","initials":"I"},{"affiliations":[],"alternateNames":[],"family":"Foster","given":"J R","initials":"JR"}],"database":"pubmed","date":{"month":7,"text":"Jul-Aug","year":1999},"doi":"10.1177/019262339902700407","identifiers":[],"issns":[{"kind":"print","value":"0192-6233"},{"kind":"linking","value":"0192-6233"}],"issue":"4","journal":"Toxicologic pathology","journalAbbreviation":"Toxicol Pathol","keywords":[],"languages":["eng"],"nativeID":"10485824","pages":"436-40","pmid":"10485824","publicationTypes":["Journal Article"],"subjects":[{"identifier":"D000818","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Animals"},{"identifier":"D001835","isMajor":false,"qualifiers":[{"identifier":"Q000187","isMajor":false,"name":"drug effects"}],"scheme":"MeSH","term":"Body Weight"},{"identifier":"D001973","isMajor":false,"qualifiers":[{"identifier":"Q000378","isMajor":false,"name":"metabolism"}],"scheme":"MeSH","term":"Bromodeoxyuridine"},{"identifier":"D003627","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Data Interpretation, Statistical"},{"identifier":"D004032","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"Diet"},{"identifier":"D004051","isMajor":false,"qualifiers":[{"identifier":"Q000008","isMajor":true,"name":"administration & dosage"}],"scheme":"MeSH","term":"Diethylhexyl Phthalate"},{"identifier":"D004305","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Dose-Response Relationship, Drug"},{"identifier":"D002149","isMajor":false,"qualifiers":[{"identifier":"Q000187","isMajor":false,"name":"drug effects"}],"scheme":"MeSH","term":"Energy Intake"},{"identifier":"D005260","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Female"},{"identifier":"D008099","isMajor":false,"qualifiers":[{"identifier":"Q000166","isMajor":false,"name":"cytology"},{"identifier":"Q000187","isMajor":true,"name":"drug effects"},{"identifier":"Q000378","isMajor":false,"name":"metabolism"}],"scheme":"MeSH","term":"Liver"},{"identifier":"D008297","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Male"},{"identifier":"D051381","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Rats"},{"identifier":"D011916","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Rats, Inbred F344"},{"identifier":"D016196","isMajor":true,"qualifiers":[],"scheme":"MeSH","term":"S Phase"},{"identifier":"D012737","isMajor":false,"qualifiers":[],"scheme":"MeSH","term":"Sex Factors"}],"title":"Quantitative analysis of the lobular distribution of S-phase in rat liver following dietary administration of di(2-ethylhexyl)phthalate.","url":"https://pubmed.ncbi.nlm.nih.gov/10485824/","volume":"27"}
        """#,
        // efetch_pmc_full_article.xml — PMC: article number, no pages
        #"""
        {"abstract":"In light of observed changes in connectivity in schizophrenia and the highly heritable nature of the disease, neural connectivity may serve as an important intermediate phenotype for schizophrenia. However, how individual variants confer altered connectivity and which measure of brain connectivity is more proximal to the underlying genetic architecture (i.e., functional or structural) has not been well delineated. In this review we consider these issues and the relative sensitivity of imaging methodologies to schizophrenia-related changes in connectivity. We searched PubMed for studies considering schizophrenia risk genes AND functional or structural connectivity. Where data was available, summary statistics were used to determine an estimate of effect size (i.e., Cohen’s d). A random-effects meta-analysis was used to consider (1) the largest effect and (2) all significant effects between functional and structural studies. Schizophrenia risk variants involved in neurotransmission, neurodevelopment and myelin function were found to be associated with altered neural connectivity. On average, schizophrenia risk genes had a large effect on functional (mean d = 0.76) and structural connectivity (mean d = 1.04). The examination of the largest effect size indicated that the outcomes of functional and structural studies were comparable (Q = 2.17, p > 0.05). Conversely, consideration of effect size estimates for all significant effects suggest that reported effect sizes in structural connectivity studies were more variable than in functional connectivity studies, and that there was a significant lack of homogeneity across the modalities (Q = 6.928, p = 0.008). Given the more variable profile of effect sizes associated with structural connectivity, these data may suggest that structural imaging methods are more sensitive to a wider range of effects, as opposed to functional studies which may only be able to determine large effects. These conclusions are limited by methodological considerations, and require further investigation involving larger samples, multiple genes, and novel analysis techniques for confirmation.","articleNumber":"18","authors":[{"affiliations":["Neuropsychiatric Genetics Group, Department of Psychiatry, Trinity College Dublin, Dublin, Ireland","Trinity College Institute for Neuroscience, Trinity College Dublin, Dublin, Ireland"],"alternateNames":[],"family":"Mothersill","given":"Omar"},{"affiliations":["Neuropsychiatric Genetics Group, Department of Psychiatry, Trinity College Dublin, Dublin, Ireland","Trinity College Institute for Neuroscience, Trinity College Dublin, Dublin, Ireland"],"alternateNames":[],"family":"Kelly","given":"Sinead"},{"affiliations":["Neuropsychiatric Genetics Group, Department of Psychiatry, Trinity College Dublin, Dublin, Ireland","Trinity College Institute for Neuroscience, Trinity College Dublin, Dublin, Ireland"],"alternateNames":[],"family":"Rose","given":"Emma Jane"},{"affiliations":["Neuropsychiatric Genetics Group, Department of Psychiatry, Trinity College Dublin, Dublin, Ireland","Trinity College Institute for Neuroscience, Trinity College Dublin, Dublin, Ireland"],"alternateNames":[],"family":"Donohoe","given":"Gary"}],"database":"pmc","date":{"day":9,"month":3,"year":2012},"doi":"10.3389/fpsyt.2012.00018","identifiers":[],"issns":[{"kind":"electronic","value":"1664-0640"}],"journal":"Frontiers in Psychiatry","journalAbbreviation":"Front Psychiatry","keywords":["schizophrenia","functional connectivity","structural connectivity","genotype","effect size"],"languages":[],"nativeID":"PMC3299399","pmcid":"PMC3299399","pmid":"22416237","publicationTypes":["review-article"],"subjects":[],"title":"The Effects of Psychosis Risk Variants on Brain Connectivity: A Review","url":"https://pmc.ncbi.nlm.nih.gov/articles/PMC3299399/","volume":"3"}
        """#,    ]

    static let fixtureRecords: [Record] = fixtureJSON.map { json in
        // The literals are checked by `fixtureRecordsDecode`; a bad one shows up there.
        (try? JSONDecoder().decode(Record.self, from: Data(json.utf8))) ?? Record(database: "invalid", nativeID: "0")
    }

    /// A KCI-style Korean record built by hand: Korean title and authors, English other-language title,
    /// romanised names, abbreviated pages, structured Korean abstract.
    static let korean = Record(
        database: "kci", nativeID: "ART001234567",
        title: "근막통증증후군 환자에서 근육내 자극(IMS) 치료의 효과",
        otherTitle: "Effect of Intramuscular Stimulation (IMS) in Patients with Myofascial Pain Syndrome",
        authors: [
            Author(family: "이", given: "영재", alternateNames: ["Lee, Young Jae"]),
            Author(family: "안", given: "경희", alternateNames: ["Ahn, Kyung Hee"]),
            Author(literal: "대한통증학회 근막통증 연구회"),
        ],
        journal: "대한통증학회지", journalAbbreviation: "Korean J Pain", issns: [ISSN("1226-2579", kind: .print)],
        date: PublicationDate(year: 2006, month: 6), volume: "19", issue: "2", pages: "221-8",
        doi: "10.3344/kjp.2006.19.2.221",
        abstract: "목적: 근육내 자극 치료의 효과를 알아보았다.\n\n방법: 환자 40명을 대상으로 하였다.\n\n결과: 통증이 감소하였다.",
        keywords: ["근막통증증후군", "근육내 자극", "IMS"], languages: ["kor"],
        url: "https://www.kci.go.kr/kciportal/ci/sereArticleSearch/ciSereArtiView.kci?sereArticleSearchBean.artiId=ART001234567")

    /// Everything the formats must escape or quote: LaTeX specials, braces, quotes, commas, semicolons, a
    /// backslash, newlines and an `ER  - ` inside the abstract, a collective with "and", accents; a record from
    /// another database that has a PMID; an article number instead of pages.
    static let tricky = Record(
        database: "cochrane", nativeID: "CN-01234567",
        title: "Pain & \"stress\" in 50% of {ICU} patients_cohort: a #1 ~study^ of C:\\data, R&D; and more",
        authors: [
            Author(family: "O'Brien", given: "Seán"), Author(family: "Müller-Lüdenscheidt", given: "Hans Jürgen"),
            Author(family: "van der Berg", initials: "J"), Author(literal: "Smith and Jones Foundation"),
        ],
        journal: "Journal of R&D, \"Special\" Issue", date: PublicationDate(year: 2021, month: 12, day: 3),
        volume: "7", articleNumber: "e0123", doi: "10.1000/xyz_123(45)<6>;7", pmid: "31234567",
        abstract: "BACKGROUND: first line\nER  - not an end\n\nMETHODS: \"quoted\", commas; semicolons\tand tabs",
        keywords: ["risk, factors", "ICU"], languages: ["eng"], publicationTypes: ["Randomized Controlled Trial"])

    /// A record with nothing but its ids and a title.
    static let minimal = Record(database: "riss", nativeID: "T12345678", title: "Minimal")

    static let records = fixtureRecords + [korean, tricky, minimal]

    @Test func fixtureRecordsDecode() throws {
        for json in Self.fixtureJSON {
            _ = try JSONDecoder().decode(Record.self, from: Data(json.utf8))
        }
        #expect(Self.fixtureRecords.count == 6)
    }

    static let labels: DatabaseLabels = { id in
        id == "pubmed" ? DatabaseLabel(name: "MEDLINE/PubMed", platform: "NCBI E-utilities") : nil
    }

    @Test(arguments: [OutputFormat.ris, .nbib, .bibtex, .csv])
    func readBack(format: OutputFormat) throws {
        let sink = StringSink()
        var writer = format.writer(into: sink, databaseLabels: Self.labels)
        try writer.begin()
        for record in Self.records { try writer.write(record) }
        try writer.finish()

        let read = try ReadBack.run(format: format.rawValue, text: sink.text)
        try #require(read.count == Self.records.count, "\(format): \(read.count) records read back, \(Self.records.count) written")
        for (record, seen) in zip(Self.records, read) {
            let id = "\(format) \(record.database):\(record.nativeID)"
            #expect(seen["title"] as? String == Normalize.text(record.title), "\(id) title")
            #expect(seen["other_title"] as? String == Normalize.text(record.otherTitle), "\(id) other title")
            #expect(seen["authors"] as? [String] == Self.expectedAuthors(record, format: format), "\(id) authors")
            #expect(seen["year"] as? String == record.year.map(String.init), "\(id) year")
            #expect(seen["doi"] as? String == record.doi, "\(id) doi")
            #expect(seen["journal"] as? String == Normalize.text(record.journal), "\(id) journal")
            // MEDLINE has no pages for an article number: it is `LID - … [pii]`, as in PubMed.
            let pages = Pages(record.pages)?.expanded ?? (format == .nbib ? nil : record.articleNumber)
            #expect(seen["pages"] as? String == pages, "\(id) pages")
            #expect(seen["pmcid"] as? String == record.pmcid, "\(id) pmcid")
            switch format {
            case .ris:
                #expect(seen["native_id"] as? String == record.nativeID, "\(id) AN")
                #expect(seen["pmid"] as? String == (record.database == "pubmed" ? nil : record.pmid), "\(id) N1 PMID")
                #expect(seen["database"] as? String == (Self.labels(record.database)?.name ?? record.database), "\(id) DB")
                #expect(seen["type"] as? String == RISWriter.type(for: record), "\(id) TY")
            case .nbib:
                #expect(seen["pmid"] as? String == record.pmid, "\(id) PMID")
                let native = record.database == "pubmed" || record.nativeID == record.pmid || record.nativeID == record.pmcid
                    ? record.pmid : record.nativeID
                #expect(seen["native_id"] as? String == native, "\(id) native id")
            case .bibtex:
                #expect(seen["pmid"] as? String == record.pmid, "\(id) pmid")
                #expect(seen["type"] as? String == BibTeXWriter.entryType(for: record), "\(id) entry type")
            case .csv:
                #expect(seen["record_id"] as? String == "\(record.database):\(record.nativeID)", "\(id) record_id")
                #expect(seen["native_id"] as? String == record.nativeID, "\(id) native_id")
                #expect(seen["pmid"] as? String == record.pmid, "\(id) pmid")
                #expect(seen["database"] as? String == (Self.labels(record.database)?.name ?? record.database), "\(id) database")
            default:
                Issue.record("no reader for \(format)")
            }
        }
        if format == .bibtex {
            let keys = read.compactMap { $0["key"] as? String }
            #expect(Set(keys).count == Self.records.count, "BibTeX keys are unique: \(keys)")
        }
    }

    /// MEDLINE keeps persons (`FAU`) and collectives (`CN`) under separate tags, and readers group by tag.
    static func expectedAuthors(_ record: Record, format: OutputFormat) -> [String] {
        let names = { (authors: [Author]) in authors.compactMap { Normalize.text($0.displayName) } }
        if format == .nbib {
            return names(record.authors.filter { !$0.isLiteral }) + names(record.authors.filter(\.isLiteral))
        }
        return names(record.authors)
    }
}

/// Runs `Tests/Readers/read_back.py` on a temporary file.
enum ReadBack {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package's `Tests/Readers/read_back.py`, found from this source file.
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Readers/read_back.py")
    }

    /// The records the reader saw, as JSON objects. Fails (never skips) when Python or a reader module is
    /// missing, with what to install.
    static func run(format: String, text: String) throws -> [[String: Any]] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("litharvest-export-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("records.\(format)")
        let output = directory.appendingPathComponent("stdout.json")
        let errors = directory.appendingPathComponent("stderr.txt")
        try Data(text.utf8).write(to: input)
        if let keep = ProcessInfo.processInfo.environment["LITHARVEST_EXPORT_KEEP"] {
            // Debugging aid: leave a copy of each export where a person can look at it.
            try? Data(text.utf8).write(to: URL(fileURLWithPath: keep).appendingPathComponent("records.\(format)"))
        }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let python = ProcessInfo.processInfo.environment["LITHARVEST_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, format, input.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()

        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        switch process.terminationStatus {
        case 0:
            break
        case 3:
            throw Failure(description: "a Python reader is missing (the export tests need them):\n\(stderr)")
        case 127:
            throw Failure(description: "\(python) not found: install Python 3 and `python3 -m pip install rispy==0.10.0 biopython==1.88 bibtexparser==1.4.4` (or set LITHARVEST_PYTHON)")
        default:
            throw Failure(description: "read_back.py \(format) exited \(process.terminationStatus):\n\(stderr)")
        }
        let data = try Data(contentsOf: output)
        guard let records = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw Failure(description: "read_back.py printed no JSON list")
        }
        return records
    }
}
