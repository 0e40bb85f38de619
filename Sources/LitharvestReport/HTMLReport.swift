import Foundation
package import LitharvestModel

/// One self-contained HTML file for a run: summary, the PRISMA 2020 flow diagram (inline SVG), the
/// per-database table, the PRISMA-S search log and the run's new records with links.
///
/// Inline CSS only, no scripts, no fetched resources (a Content-Security-Policy says so to the browser), so it
/// opens offline and can be attached to a protocol. Every text from databases or the config is escaped.
/// Secrets never enter it: the search log and records carry none, and ``redact`` masks any that slip in.
package struct HTMLReport: Sendable {
    /// The run's PRISMA-S search log.
    package var log: SearchLog
    /// The flow numbers.
    package var flow: PrismaFlow
    /// Records first seen in the run.
    package var newRecords: [Record]
    /// Names databases in the record list.
    package var labels: DatabaseLabels
    /// Applied to the finished page; the CLI passes a redactor that knows the configured keys.
    package var redact: @Sendable (String) -> String

    /// Creates a report.
    package init(
        log: SearchLog, flow: PrismaFlow, newRecords: [Record], labels: @escaping DatabaseLabels = { _ in nil },
        redact: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.log = log
        self.flow = flow
        self.newRecords = newRecords
        self.labels = labels
        self.redact = redact
    }

    /// The page.
    package var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="litharvest \(e(log.toolVersion))">
            <title>\(e("Search report: \(log.review), run \(log.run)"))</title>
            <style>\(Self.css)</style>
            </head>
            <body>

            """
        out += "<h1>\(e("Search report: \(log.review)"))</h1>\n"
        out += summary()
        out += "<h2 id=\"prisma\">PRISMA 2020 flow diagram</h2>\n"
        out += "<p class=\"hint\">The identification stage is filled from this run; the boxes with dashed borders "
            + "are for the review team to complete.</p>\n"
        out += "<figure class=\"diagram\">\n\(PrismaFlowDiagram(flow: flow).svg)</figure>\n"
        out += databaseTable()
        out += searchLog()
        out += recordList()
        out += "<footer>Written by litharvest \(e(log.toolVersion)) from run \(log.run).</footer>\n</body>\n</html>\n"
        return redact(out)
    }

    private func e(_ text: String) -> String { MarkupText.escape(text) }

    /// ` lang="ko"` for text with Hangul: the page is `lang="en"`, and without the tag a browser may draw
    /// Korean with a Chinese or Japanese font's forms (or not pick the Korean font at all).
    private func lang(_ text: String?) -> String {
        guard let text, text.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) || (0x1100...0x11FF).contains($0.value) })
        else { return "" }
        return " lang=\"ko\""
    }

    private func summary() -> String {
        let ok = log.entries.filter { $0.status == "ok" }.count
        var out = "<section id=\"summary\"><h2>Run summary</h2>\n<dl class=\"summary\">\n"
        let rows: [(String, String)] = [
            ("Review", log.review),
            ("Run", "\(log.run) (\(log.runStatus))"),
            ("Started (UTC)", log.startedAt),
            ("Searches", "\(log.entries.count) database searches, \(ok) ok"),
            ("Records identified", String(flow.identified)),
            ("Duplicates removed", flow.duplicatesRemoved.map(String.init) ?? "not determined"),
            ("New records to screen", String(flow.screened)),
            ("litharvest", log.toolVersion),
        ]
        for (term, value) in rows { out += "<dt>\(e(term))</dt><dd>\(e(value))</dd>\n" }
        return out + "</dl></section>\n"
    }

    private func databaseTable() -> String {
        var out = "<section id=\"databases\"><h2>Databases searched</h2>\n<div class=\"wide\"><table>\n<thead><tr>"
        for column in [
            "Database (platform)", "Search", "Query as sent", "Query as translated", "Date window", "Searched (UTC)",
            "Reported", "Retrieved", "New", "Status", "Warnings",
        ] {
            out += "<th>\(e(column))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for entry in log.entries {
            let platform = entry.platform.isEmpty ? "" : " (\(entry.platform))"
            var window = entry.limits ?? "none"
            if !entry.dateWindows.isEmpty { window += "; searched in \(entry.dateWindows.count) date windows" }
            let status = entry.status + (entry.reason.map { ": \($0)" } ?? "")
            out += "<tr class=\"status-\(e(entry.status))\">"
            out += "<td>\(e(entry.databaseName + platform))</td><td>\(e(entry.search))</td>"
            out += "<td><code\(lang(entry.query))>\(e(entry.query ?? "(none)"))</code></td>"
            out += "<td><code>\(e(entry.queryTranslation ?? "–"))</code></td>"
            out += "<td>\(e(window))</td><td>\(e(entry.searchedAt))</td>"
            out += "<td class=\"n\">\(entry.reported.map(String.init) ?? "–")</td>"
            out += "<td class=\"n\">\(entry.retrieved)</td><td class=\"n\">\(entry.new)</td>"
            out += "<td>\(e(status))</td>"
            let warnings = entry.warnings.map { "<li>\(e($0))</li>" }.joined()
            out += warnings.isEmpty ? "<td></td>" : "<td><ul>\(warnings)</ul></td>"
            out += "</tr>\n"
        }
        return out + "</tbody></table></div></section>\n"
    }

    private func searchLog() -> String {
        var out = "<section id=\"search-log\"><h2>PRISMA-S search log</h2>\n"
        for entry in log.entries {
            let platform = entry.platform.isEmpty ? entry.database : entry.platform
            out += "<article class=\"log-entry\"><h3>\(e("\(entry.databaseName) (\(platform)) — search “\(entry.search)”"))</h3>\n<ul>\n"
            var items: [(String, String)] = [
                ("Searched", "\(entry.searchedAt) UTC"), ("Method", entry.method), ("Limits", entry.limits ?? "none"),
            ]
            if !entry.dateWindows.isEmpty {
                let windows = entry.dateWindows.map { "\($0.from)–\($0.until): \($0.reportedCount)" }.joined(separator: "; ")
                items.append(("Date windows", "\(entry.dateWindows.count): \(windows)"))
            }
            items.append(
                ("Records", "\(entry.reported.map { "\($0) reported, " } ?? "")\(entry.retrieved) retrieved, \(entry.new) new"))
            items.append(("Status", entry.status + (entry.reason.map { " — \($0)" } ?? "")))
            items.append(("Connector version", entry.connectorVersion))
            for (label, value) in items { out += "<li><strong>\(e(label)):</strong> \(e(value))</li>\n" }
            out += "</ul>\n<p>Query as sent:</p>\n<pre\(lang(entry.query))>\(e(entry.query ?? "(none)"))</pre>\n"
            if let translation = entry.queryTranslation {
                out += "<p>Query as the database translated it:</p>\n<pre>\(e(translation))</pre>\n"
            }
            if !entry.warnings.isEmpty {
                out += "<p>Warnings and notes:</p>\n<ul>" + entry.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            }
            out += "</article>\n"
        }
        out += "<h3>Deduplication</h3>\n<p>\(e(flow.deduplication))</p>\n"
        return out + "</section>\n"
    }

    private func recordList() -> String {
        var out = "<section id=\"new-records\"><h2>\(e("New records (\(newRecords.count))"))</h2>\n"
        guard !newRecords.isEmpty else { return out + "<p>No record was first seen in this run.</p></section>\n" }
        out += "<ol class=\"records\">\n"
        for record in newRecords {
            out += "<li>" + recordItem(record) + "</li>\n"
        }
        return out + "</ol></section>\n"
    }

    private func recordItem(_ record: Record) -> String {
        var out = "<span class=\"title\"\(lang(record.title))>\(e(record.title ?? "(no title)"))</span>"
        if let other = record.otherTitle { out += " <span class=\"other-title\"\(lang(other))>\(e(other))</span>" }
        // A Korean name with its romanised form: `노영신 (Roh, Young-Sin)`.
        let names = record.authors.map { author in
            author.alternateNames.first.map { "\(author.displayName) (\($0))" } ?? author.displayName
        }.filter { !$0.isEmpty }
        if !names.isEmpty {
            let shown = names.count > 6 ? names.prefix(6).joined(separator: "; ") + "; et al." : names.joined(separator: "; ")
            out += "<br><span class=\"authors\"\(lang(shown))>\(e(shown))</span>"
        }
        var source: [String] = []
        if let journal = record.journal { source.append(journal) }
        if let year = record.year { source.append(String(year)) }
        var locator = record.volume ?? ""
        if let issue = record.issue { locator += "(\(issue))" }
        if let pages = record.pages ?? record.articleNumber { locator += (locator.isEmpty ? "" : ":") + pages }
        if !locator.isEmpty { source.append(locator) }
        if !source.isEmpty { out += "<br><span class=\"source\">\(e(source.joined(separator: ". ")))</span>" }
        let database = labels(record.database)?.name ?? record.database
        out += "<br><span class=\"id\">\(e("\(database): \(record.nativeID)"))</span>"
        let links = Self.links(for: record)
        if !links.isEmpty {
            out += " " + links.map { "<a href=\"\(e($0.url))\">\(e($0.label))</a>" }.joined(separator: " · ")
        }
        return out
    }

    /// Links to a record: DOI, PubMed, PMC, and the database's own page (http and https only).
    package static func links(for record: Record) -> [(label: String, url: String)] {
        var links: [(label: String, url: String)] = []
        if let doi = record.doi, let path = doi.addingPercentEncoding(withAllowedCharacters: doiAllowed) {
            links.append(("DOI \(doi)", "https://doi.org/\(path)"))
        }
        if let pmid = record.pmid, !pmid.isEmpty, pmid.allSatisfy({ $0.isASCII && $0.isNumber }) {
            links.append(("PubMed \(pmid)", "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"))
        }
        if let pmcid = record.pmcid, !pmcid.isEmpty, pmcid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            let id = pmcid.uppercased().hasPrefix("PMC") ? pmcid.uppercased() : "PMC" + pmcid
            links.append((id, "https://pmc.ncbi.nlm.nih.gov/articles/\(id)/"))
        }
        // Only web links: a `javascript:` or `file:` URL from a source must not become clickable.
        if let url = record.url, let scheme = URL(string: url)?.scheme?.lowercased(), scheme == "https" || scheme == "http",
            !links.contains(where: { $0.url == url })
        {
            links.append(("record page", url))
        }
        return links
    }

    private static let doiAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#%")
        return set
    }()

    private static let css = """
        body{font-family:'Noto Sans','Noto Sans CJK KR','Nanum Gothic','DejaVu Sans',Arial,sans-serif;margin:24px;\
        color:#1b1b1b;background:#fff;line-height:1.45;font-size:14px}
        h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}
        h3{font-size:15px;margin:18px 0 6px}.hint{color:#555}
        dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{font-weight:bold}dd{margin:0}
        figure.diagram{margin:8px 0;overflow-x:auto}figure.diagram svg{max-width:100%;height:auto}
        .wide{overflow-x:auto}table{border-collapse:collapse;font-size:12px}
        th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}th{background:#eef3f8}
        td.n{text-align:right;font-variant-numeric:tabular-nums}td ul{margin:0;padding-left:16px}
        tr.status-partial td,tr.status-failed td,tr.status-skipped td{background:#fff4e5}
        code,pre{font-family:'DejaVu Sans Mono',monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
        pre{background:#f5f5f5;padding:6px 8px;border:1px solid #ddd}
        ol.records li{margin-bottom:8px}.title{font-weight:bold}.authors,.source{color:#333}.id{color:#666}
        footer{margin-top:32px;color:#777;font-size:12px}
        """
}
