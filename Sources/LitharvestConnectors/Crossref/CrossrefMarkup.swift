import Foundation
import LitharvestModel
import LitharvestXML

/// Text of the markup Crossref passes through from publishers' deposits: JATS abstracts
/// (`<jats:title>Abstract</jats:title><jats:p>…</jats:p>`, inline `jats:italic`, `jats:ext-link`, MathML) and
/// the HTML some publishers deposit instead (`<p>…</p>`, `<i>`). Read with libxml2, never by pattern, so
/// escaped characters come out as characters and markup never leaks into a record.
enum CrossrefMarkup {
    /// The prefixes Crossref's snippets use without declaring them (the deposit declared them once, higher up).
    private static let declarations = [
        #"xmlns:jats="http://www.ncbi.nlm.nih.gov/JATS1""#, #"xmlns:mml="http://www.w3.org/1998/Math/MathML""#,
        #"xmlns:xlink="http://www.w3.org/1999/xlink""#, #"xmlns:ali="http://www.niso.org/schemas/ali/1.0/""#,
    ].joined(separator: " ")

    /// Block elements: each becomes a paragraph of its own.
    private static let blocks: Set<String> = ["p", "sec", "list", "disp-quote", "def-list", "boxed-text", "div"]

    /// An abstract as plain text: paragraphs separated by blank lines, a section as `Title: text`, the
    /// heading "Abstract" dropped. Nil when nothing is left.
    static func abstract(_ markup: String?) -> String? {
        guard let markup, let parsed = container(of: markup) else { return Normalize.text(markup) }
        let found = withExtendedLifetime(parsed.document) { paragraphTexts(of: parsed.node) }
        return found.isEmpty ? nil : found.joined(separator: "\n\n")
    }

    /// A title or other short field as plain text (inline markup such as `<i>` reduced to its text).
    static func inline(_ markup: String?) -> String? {
        guard let markup, let parsed = container(of: markup) else { return Normalize.text(markup) }
        return withExtendedLifetime(parsed.document) { Normalize.text(parsed.node.text) }
    }

    /// The element holding `markup`, or nil when it holds no markup or entity to read.
    private static func container(of markup: String) -> (document: XMLDocument, node: XMLNode)? {
        guard markup.contains("<") || markup.contains("&") else { return nil }
        let wrapped = "<crossref-markup \(declarations)>\(markup)</crossref-markup>"
        if let document = try? XMLDocument.parse(Data(wrapped.utf8)), let node = document.root {
            return (document, node)
        }
        // Not well-formed XML (an HTML entity such as `&nbsp;`, a bare `&`, an unclosed tag): read it the
        // tolerant way HTML is read.
        let page = "<html><head><meta charset=\"utf-8\"></head><body>\(markup)</body></html>"
        if let document = try? XMLDocument.parseHTML(Data(page.utf8), encoding: "UTF-8"),
            let body = try? document.first("//body")
        {
            return (document, body)
        }
        return nil
    }

    private static func paragraphTexts(of node: XMLNode) -> [String] {
        let children = node.children
        guard children.contains(where: { blocks.contains($0.localName) }) else {
            // Mixed text and inline markup only: one paragraph, without a leading "Abstract" heading.
            let titles = children.filter { $0.localName == "title" }.map(\.text)
            var text = node.text
            for title in titles where text.hasPrefix(title) { text = String(text.dropFirst(title.count)) }
            return Normalize.text(text).map { [$0] } ?? []
        }
        var paragraphs: [String] = []
        for child in children {
            switch child.localName {
            case "title", "label":
                // The abstract's own heading ("Abstract"); a section's title is read with its section.
                continue
            case "sec":
                let body = paragraphTexts(of: child)
                guard !body.isEmpty else { continue }
                if let title = child.child("title").flatMap({ Normalize.text($0.text) }) {
                    paragraphs.append("\(title): " + body.joined(separator: " "))
                } else {
                    paragraphs.append(contentsOf: body)
                }
            default:
                if let text = Normalize.text(child.text) { paragraphs.append(text) }
            }
        }
        return paragraphs
    }
}
