import Foundation
package import LitharvestCore

/// The commented review config `litharvest init` writes: one search with a query for each chosen database,
/// in that database's own syntax, with the settings and keys each needs.
package enum ReviewTemplate {
    /// The databases `init` chooses when none are named (PubMed needs no key, so the first run works).
    package static let defaultDatabases = ["pubmed"]
    /// The title written when none is given.
    package static let defaultTitle = "My systematic review"

    /// What the template writes for one database: its settings lines, an example query and a note on its
    /// query syntax.
    struct Database {
        var settings: [String] = []
        var query: String
        var queryNote: String?
    }

    /// Example queries (one topic, the seed review's, in each syntax) and the settings the seed config uses.
    static let databases: [String: Database] = [
        "pubmed": Database(
            settings: ["requests_per_second: 3       # NCBI allows 3/s without a key, 10/s with one"],
            query: #""intramuscular stimulation"[tiab] OR "dry needling"[tiab] OR "Dry Needling"[Mesh]"#,
            queryNote: "PubMed: field tags such as [tiab] (title/abstract) and [Mesh]; quote phrases with \"…\""),
        "pmc": Database(
            settings: ["requests_per_second: 3       # shares the NCBI budget with pubmed"],
            query: #""intramuscular stimulation"[Abstract] OR "dry needling"[Abstract]"#,
            queryNote: "PMC has no [tiab]: search [Title] and [Abstract], or passing mentions in full texts flood the results"),
        "cochrane": Database(
            settings: [
                "# cochranelibrary.com answers automated requests with Cloudflare challenges (the job fails as",
                "# \"blocked\"): search CENTRAL by hand and `litharvest import --database cochrane` its RIS or CSV",
                "# export. Remove this line to try the web route.",
                "enabled: false",
            ],
            query: #""intramuscular stimulation" OR "dry needling""#),
        "koreamed": Database(
            query: #""intramuscular stimulation" OR "dry needling""#,
            queryNote: "KoreaMed refuses nested Boolean strings: a flat OR list"),
        "kmbase": Database(
            query: #"근육내자극 OR "근육내 자극" OR "dry needling""#,
            queryNote: "KMbase: long Boolean strings are split into terms and combined"),
        "riss": Database(
            settings: ["options: { material: re_a_kor }   # domestic articles; bib_t for theses"],
            query: #"근육내자극 OR "근육내 자극" OR "intramuscular stimulation""#),
        "riss-api": Database(query: "근육내자극"),
        "kiss": Database(
            query: #"근육내자극 OR "근육내 자극""#,
            queryNote: "KISS is import-only: `run` skips it; search by hand and `litharvest import --database kiss` the export"),
        "kci": Database(
            settings: ["options: { route: rest }     # the keyless OAI route harvests the whole article set: give it limits"],
            query: "근육내자극",
            queryNote: "KCI REST: plain text searches titles (`keyword: …; author: …` searches other fields)"),
        "scienceon": Database(
            settings: [#"# options: { mac_address: "00-1A-2B-3C-4D-5E", target: ARTI }   # the MAC address registered with KISTI"#],
            query: #"근육내자극 OR "intramuscular stimulation""#),
        "nal": Database(
            settings: ["options: { material_type: 국내기사 }   # journal articles; /detail is also what takes year limits"],
            query: "기사명,근육내자극",
            queryNote: "NAL: `field,value` terms (기사명, 저자명, 수록지명, 키워드); no OR (`|` means AND)"),
        "oak": Database(
            query: #""intramuscular stimulation" OR "dry needling""#,
            queryNote: "OAI-PMH has no search: the query filters the harvested records (blank or * keeps all)"),
        "clinicaltrials": Database(
            query: #""dry needling" OR "intramuscular stimulation""#,
            queryNote: "ClinicalTrials.gov: Essie syntax (AND, OR, NOT, quoted phrases, AREA[Condition]…), sent as query.term"),
        "nlk": Database(query: "근육내 자극"),
        "crossref": Database(
            settings: [#"# options: { filter: "type:journal-article" }   # narrow the relevance-ranked search with filters"#],
            query: "intramuscular stimulation dry needling",
            queryNote: "Crossref: words ranked by relevance (query.bibliographic), no Boolean syntax; use it to find DOIs"),
        "kolisnet": Database(query: "근육내자극"),
        "europepmc": Database(
            settings: ["# options: { date_field: index, sources: MED,PMC,PPR }   # limits filter on INDEX_DATE (date indexed)"],
            query: #"TITLE:"dry needling" OR ABSTRACT:"dry needling" OR ABSTRACT:"intramuscular stimulation""#,
            queryNote: "Europe PMC: fields such as TITLE:, ABSTRACT:, AUTH:, KW:; SRC:PPR for preprints only"),
    ]

    /// The query written for a database the template has no example for (a spec of the user's own).
    static let genericQuery = #""your topic" OR "a synonym""#

    /// The config text for `databases` (ids of `registry`, in the order given), titled `title`.
    ///
    /// - Throws: ``UsageProblem`` for an unknown or repeated id, or no id at all.
    package static func render(databases: [String], title: String, registry: ConnectorRegistry) throws(UsageProblem)
        -> String
    {
        guard !databases.isEmpty else { throw UsageProblem("--databases: name at least one database") }
        var descriptors: [ConnectorDescriptor] = []
        for id in databases {
            guard let descriptor = registry[id]?.descriptor else {
                throw UsageProblem(
                    "unknown database '\(id)'; `litharvest connectors` lists them: \(registry.ids.joined(separator: ", "))")
            }
            guard !descriptors.contains(where: { $0.id == id }) else {
                throw UsageProblem("--databases: '\(id)' is named twice")
            }
            descriptors.append(descriptor)
        }
        var lines = header(databases: databases)
        lines += ["", "review: \(quoted(title))", ""]
        lines += [
            "# SQLite store of runs, snapshots and records (beside this file).",
            "store: litharvest.sqlite",
            "",
            "# Contact address NCBI asks for with E-utilities requests (or set LITHARVEST_EMAIL).",
            "# email: reviewer@example.org",
            "",
            "# Keep every raw response, secrets masked (uncomment to enable).",
            "# archive: raw-responses",
            "",
            "# Retries of failed requests (429, 5xx, network errors); the defaults suit NCBI.",
            "# retry: { max_attempts: 5, base_delay: 1, max_delay: 30 }",
            "",
            "databases:",
        ]
        for descriptor in descriptors {
            lines += databaseBlock(descriptor)
        }
        lines += [
            "",
            "searches:",
            "  - name: main                  # a short name: `new --search main`, exports and reports use it",
            "    queries:                    # one query per database, in its own syntax (replace these examples)",
        ]
        for descriptor in descriptors {
            let example = template(for: descriptor.id)
            if let note = example.queryNote { lines.append("      # \(note)") }
            lines.append("      \(descriptor.id): \(quoted(example.query))")
        }
        lines += [
            "    # Optional date limits (until: …); what they filter depends on the database (README, Databases).",
            "    # For an update search leave `until` out.",
            "    # limits: { from: 2000-01-01 }",
            "    notes: where the strategy came from (optional; it goes into the search log)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(databases: [String]) -> [String] {
        [
            "# litharvest review config (written by `litharvest init` for \(databases.joined(separator: ", "))).",
            "#",
            "# Edit the review title and each query, then:",
            "#   litharvest validate   check this file: every problem with its line and column; writes nothing",
            "#   litharvest run        run every search on every database and store a snapshot",
            "#   litharvest new        list the records to screen",
            "#",
            "# Paths (store, archive) are relative to this file's folder. Queries are sent exactly as written, in",
            "# each database's own syntax; quote them with '…' (NCBI phrases use \"…\"; write '' for a ').",
            "# Never put API keys here: `api_key_env` names the environment variable that holds the key.",
            "# LITHARVEST_<ID>_ENDPOINT overrides a database's endpoint. The README's \"Review harvests\" section",
            "# explains every setting; `litharvest connectors` lists every database id.",
        ]
    }

    private static func template(for id: String) -> Database {
        databases[id] ?? Database(query: genericQuery)
    }

    private static func databaseBlock(_ descriptor: ConnectorDescriptor) -> [String] {
        var lines = ["  # \(descriptor.name) (\(descriptor.access.rawValue))"]
        var settings = template(for: descriptor.id).settings
        if let key = descriptor.key {
            let variables = ([key.environmentVariable] + key.additionalVariables).map { "$" + $0 }.joined(separator: ", ")
            let need = key.isRequired ? "needs" : "can use"
            lines += wrappedComment("\(need) \(variables): \(key.howToObtain)", indent: "  ")
            settings.insert("api_key_env: \(key.environmentVariable)", at: 0)
        }
        if settings.isEmpty {
            lines.append("  \(descriptor.id): {}")
        } else {
            lines.append("  \(descriptor.id):")
            lines += settings.map { "    \($0)" }
        }
        return lines
    }

    /// `text` as comment lines of at most about 110 characters (a word longer than that stays whole).
    static func wrappedComment(_ text: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = indent + "#"
        for word in text.split(separator: " ") {
            if line.count + 1 + word.count > 110, line.count > indent.count + 1 {
                lines.append(line)
                line = indent + "#  "
            }
            line += " " + word
        }
        lines.append(line)
        return lines
    }

    /// `text` as a single-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// `litharvest init`: writes a new review config.
package enum InitReview {
    /// What was written.
    package struct Outcome: Sendable {
        /// The file written.
        package var path: String
        /// The databases it searches.
        package var databases: [String]
        /// The keys the databases need or can use, each variable once.
        package var keys: [KeyRequirement]
    }

    /// Writes the template for `databases` to `path`; an existing file is replaced only with `force`.
    ///
    /// - Throws: ``UsageProblem`` for unknown ids, ``CommandFailure`` when the file exists (without `force`)
    ///   or cannot be written, ``ConfigurationProblems`` for broken connector specs beside `path`.
    package static func write(databases: [String], title: String, to path: String, force: Bool) throws -> Outcome {
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandFailure("\(path) exists; --force replaces it (or --output names another file)")
        }
        let registry = try ConnectorCatalog.registry(configPath: path)
        let text = try ReviewTemplate.render(databases: databases, title: title, registry: registry)
        // The template must be a config `validate` accepts; checking it here keeps a broken one from being written.
        do {
            _ = try ReviewConfig.parse(yaml: text, path: path, knownDatabases: Set(registry.ids))
        } catch {
            throw ConfigurationProblems(error, in: "the config litharvest init made", consequence: "nothing was written")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        var seen = Set<String>()
        let keys = databases.compactMap { registry[$0]?.descriptor.key }.filter { seen.insert($0.environmentVariable).inserted }
        return Outcome(path: path, databases: databases, keys: keys)
    }
}
