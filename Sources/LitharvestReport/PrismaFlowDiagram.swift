import Foundation

/// A PRISMA 2020 flow diagram as SVG, laid out like the template for new reviews (databases and registers
/// only) or, for an update, the template for updated reviews with its "Previous studies" column.
///
/// litharvest fills the identification stage from a ``PrismaFlow``; the screening and inclusion boxes show
/// "n = ___" for the review team to complete, and the diagram says so. Hand-written SVG 1.1, no scripts,
/// every text escaped; Korean names wrap by their wider glyphs.
package struct PrismaFlowDiagram: Sendable {
    /// The numbers drawn.
    package var flow: PrismaFlow

    /// Creates a diagram of `flow`.
    package init(flow: PrismaFlow) {
        self.flow = flow
    }

    /// A standalone SVG file (with the XML declaration).
    package var svgDocument: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }

    /// The `<svg>` element alone, for embedding in HTML.
    package var svg: String {
        var layout = Layout(flow: flow)
        return layout.render()
    }

    /// The placeholder in boxes for the team to fill.
    package static let blank = "___"
}

extension PrismaFlowDiagram {
    /// One box: its lines, and whether litharvest filled it or the team must.
    fileprivate struct Box {
        var id: String
        var x: Double
        var width: Double
        var lines: [String]
        var filledByLitharvest: Bool
        var y = 0.0
        var height = 0.0
        var bottom: Double { y + height }
        var centerX: Double { x + width / 2 }
        var centerY: Double { y + height / 2 }
    }

    /// Positions boxes row by row, then writes the SVG.
    fileprivate struct Layout {
        let flow: PrismaFlow
        static let fontSize = 12.0
        static let lineHeight = 16.0
        static let padding = 8.0
        static let rowGap = 34.0
        static let columnGap = 50.0
        static let stageBarX = 10.0
        static let stageBarWidth = 26.0
        static let minimumStageHeight = 84.0

        var body: [String] = []

        init(flow: PrismaFlow) {
            self.flow = flow
        }

        private static func n(_ value: Int?) -> String { "(n = \(value.map(String.init) ?? PrismaFlowDiagram.blank))" }

        /// Wraps to the box; a count "(n = 12)" is never split from itself, so it reads as one.
        private static func wrapped(_ lines: [String], width: Double) -> [String] {
            let ems = (width - 2 * padding) / fontSize
            let glue = "\u{1F}"
            return lines.flatMap {
                MarkupText.wrap($0.replacingOccurrences(of: "(n = ", with: "(n\(glue)=\(glue)"), ems: ems)
                    .map { $0.replacingOccurrences(of: glue, with: " ") }
            }
        }

        mutating func render() -> String {
            let isUpdate = flow.isUpdate
            let left = Self.stageBarX + Self.stageBarWidth + 14
            let previousColumn = (x: left, width: 250.0)
            let mainX = isUpdate ? previousColumn.x + previousColumn.width + Self.columnGap : left
            let main = (x: mainX, width: 340.0)
            let side = (x: main.x + main.width + Self.columnGap, width: 340.0)
            let totalWidth = side.x + side.width + 16

            var y = 14.0
            // Column headers.
            let headerHeight = 30.0
            if isUpdate {
                header("Previous studies", x: previousColumn.x, y: y, width: previousColumn.width, height: headerHeight)
            }
            header(
                isUpdate ? "Identification of new studies via databases and registers"
                    : "Identification of studies via databases and registers",
                x: main.x, y: y, width: side.x + side.width - main.x, height: headerHeight)
            y += headerHeight + 16

            // Identification.
            let identificationTop = y
            var identified = Box(
                id: "box-identified", x: main.x, width: main.width, lines: identifiedLines(), filledByLitharvest: true)
            var removed = Box(
                id: "box-removed", x: side.x, width: side.width, lines: removedLines(), filledByLitharvest: true)
            var previous = Box(
                id: "box-previous", x: previousColumn.x, width: previousColumn.width, lines: previousLines(),
                filledByLitharvest: true)
            var row = [identified, removed] + (isUpdate ? [previous] : [])
            y = place(&row, at: y)
            identified = row[0]
            removed = row[1]
            if isUpdate { previous = row[2] }
            let identificationBottom = y
            y += Self.rowGap

            // Screening.
            let screeningTop = y
            var screened = Box(
                id: "box-screened", x: main.x, width: main.width,
                lines: [
                    "Records screened \(Self.n(flow.screened))",
                    flow.isUpdate
                        ? "(records first seen in run \(flow.run), not in the previous version)"
                        : "(unique records of run \(flow.run))",
                ], filledByLitharvest: true)
            var excluded = team("box-excluded", side, ["Records excluded \(Self.n(nil))"])
            y = placeRow(&screened, &excluded, at: y) + Self.rowGap
            var sought = team("box-sought", main, ["Reports sought for retrieval \(Self.n(nil))"])
            var notRetrieved = team("box-not-retrieved", side, ["Reports not retrieved \(Self.n(nil))"])
            y = placeRow(&sought, &notRetrieved, at: y) + Self.rowGap
            var assessed = team("box-assessed", main, ["Reports assessed for eligibility \(Self.n(nil))"])
            var reportsExcluded = team(
                "box-reports-excluded", side,
                ["Reports excluded:", "Reason 1 \(Self.n(nil))", "Reason 2 \(Self.n(nil))", "Reason 3 \(Self.n(nil))"])
            y = placeRow(&assessed, &reportsExcluded, at: y)
            let screeningBottom = y
            y += Self.rowGap

            // Included.
            let includedTop = y
            var included = team(
                "box-included", main,
                isUpdate
                    ? ["New studies included in review \(Self.n(nil))", "Reports of new included studies \(Self.n(nil))"]
                    : ["Studies included in review \(Self.n(nil))", "Reports of included studies \(Self.n(nil))"])
            y = placeRow(&included, at: y)
            var total: Box?
            if isUpdate {
                y += Self.rowGap
                var box = team(
                    "box-total", main,
                    ["Total studies included in review \(Self.n(nil))", "Reports of total included studies \(Self.n(nil))"])
                y = placeRow(&box, at: y)
                total = box
            }
            // A stage bar must be tall enough for its rotated name, even when the stage is one short box.
            y = max(y, includedTop + Self.minimumStageHeight)
            let includedBottom = y

            stage("Identification", top: identificationTop, bottom: identificationBottom)
            stage("Screening", top: screeningTop, bottom: screeningBottom)
            stage("Included", top: includedTop, bottom: includedBottom)

            for box in [identified, removed, screened, excluded, sought, notRetrieved, assessed, reportsExcluded, included] {
                draw(box)
            }
            if isUpdate { draw(previous) }
            if let total { draw(total) }

            arrow(from: (main.x + main.width, identified.centerY), to: (side.x, identified.centerY), id: "arrow-removed")
            arrowDown(identified, screened)
            arrow(from: (main.x + main.width, screened.centerY), to: (side.x, screened.centerY))
            arrowDown(screened, sought)
            arrow(from: (main.x + main.width, sought.centerY), to: (side.x, sought.centerY))
            arrowDown(sought, assessed)
            arrow(from: (main.x + main.width, assessed.centerY), to: (side.x, assessed.centerY))
            arrowDown(assessed, included)
            if let total {
                arrowDown(included, total)
                path(
                    [(previous.centerX, previous.bottom), (previous.centerX, total.centerY), (total.x, total.centerY)],
                    id: "arrow-previous")
            }

            // The note on who fills what, under the diagram.
            y += 24
            let note = [
                "Identification stage filled by litharvest from run \(flow.run) of \(flow.review) (searched \(flow.searchedAt) UTC).",
                "Boxes with dashed borders and “n = \(PrismaFlowDiagram.blank)” are for the review team to complete after screening.",
                flow.deduplication,
            ]
            let noteLines = Self.wrapped(note, width: totalWidth - left)
            body.append("<g id=\"note\" font-size=\"11\" fill=\"#333\">")
            for line in noteLines {
                body.append("<text x=\"\(Self.fmt(left))\" y=\"\(Self.fmt(y))\">\(MarkupText.escape(line))</text>")
                y += 15
            }
            body.append("</g>")
            let height = y + 10

            var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.fmt(totalWidth))\" "
                + "height=\"\(Self.fmt(height))\" viewBox=\"0 0 \(Self.fmt(totalWidth)) \(Self.fmt(height))\" "
                + "font-family=\"'Noto Sans', 'Noto Sans CJK KR', 'Nanum Gothic', 'DejaVu Sans', Arial, sans-serif\" "
                + "font-size=\"\(Self.fmt(Self.fontSize))\" role=\"img\" aria-labelledby=\"prisma-title\">\n"
            out += "<title id=\"prisma-title\">\(MarkupText.escape("PRISMA 2020 flow diagram: \(flow.review), run \(flow.run)"))</title>\n"
            out += "<defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#222\"/></marker></defs>\n"
            out += "<rect x=\"0\" y=\"0\" width=\"\(Self.fmt(totalWidth))\" height=\"\(Self.fmt(height))\" fill=\"#ffffff\"/>\n"
            out += body.joined(separator: "\n")
            out += "\n</svg>\n"
            return out
        }

        private func team(_ id: String, _ column: (x: Double, width: Double), _ lines: [String]) -> Box {
            Box(id: id, x: column.x, width: column.width, lines: lines, filledByLitharvest: false)
        }

        /// Gives the boxes of one row their wrapped lines, a common top and their heights; returns the row's bottom.
        private func place(_ row: inout [Box], at y: Double) -> Double {
            var bottom = y
            for index in row.indices {
                row[index].lines = Self.wrapped(row[index].lines, width: row[index].width)
                row[index].y = y
                row[index].height = Double(row[index].lines.count) * Self.lineHeight + 2 * Self.padding
                bottom = max(bottom, row[index].bottom)
            }
            return bottom
        }

        private func placeRow(_ main: inout Box, _ side: inout Box, at y: Double) -> Double {
            var row = [main, side]
            let bottom = place(&row, at: y)
            main = row[0]
            side = row[1]
            return bottom
        }

        private func placeRow(_ box: inout Box, at y: Double) -> Double {
            var row = [box]
            let bottom = place(&row, at: y)
            box = row[0]
            return bottom
        }

        private mutating func header(_ title: String, x: Double, y: Double, width: Double, height: Double) {
            body.append(
                "<g class=\"header\"><rect x=\"\(Self.fmt(x))\" y=\"\(Self.fmt(y))\" width=\"\(Self.fmt(width))\" "
                    + "height=\"\(Self.fmt(height))\" rx=\"8\" fill=\"#f6c85f\" stroke=\"#8a6d1d\"/>"
                    + "<text x=\"\(Self.fmt(x + width / 2))\" y=\"\(Self.fmt(y + height / 2 + 4))\" text-anchor=\"middle\" "
                    + "font-weight=\"bold\">\(MarkupText.escape(title))</text></g>")
        }

        private mutating func stage(_ name: String, top: Double, bottom: Double) {
            let x = Self.stageBarX
            let centerX = x + Self.stageBarWidth / 2
            let centerY = (top + bottom) / 2
            body.append(
                "<g class=\"stage\"><rect x=\"\(Self.fmt(x))\" y=\"\(Self.fmt(top))\" width=\"\(Self.fmt(Self.stageBarWidth))\" "
                    + "height=\"\(Self.fmt(bottom - top))\" rx=\"6\" fill=\"#9dc3e6\" stroke=\"#41719c\"/>"
                    + "<text x=\"\(Self.fmt(centerX))\" y=\"\(Self.fmt(centerY))\" text-anchor=\"middle\" dominant-baseline=\"middle\" "
                    + "font-weight=\"bold\" transform=\"rotate(-90 \(Self.fmt(centerX)) \(Self.fmt(centerY)))\">"
                    + "\(MarkupText.escape(name))</text></g>")
        }

        private mutating func draw(_ box: Box) {
            let style = box.filledByLitharvest
                ? "fill=\"#ffffff\" stroke=\"#222\" stroke-width=\"1.2\""
                : "fill=\"#f7f7f7\" stroke=\"#777\" stroke-width=\"1\" stroke-dasharray=\"5 3\""
            var group = "<g id=\"\(box.id)\" class=\"\(box.filledByLitharvest ? "filled" : "team")\">"
            group += "<rect x=\"\(Self.fmt(box.x))\" y=\"\(Self.fmt(box.y))\" width=\"\(Self.fmt(box.width))\" "
                + "height=\"\(Self.fmt(box.height))\" \(style)/>"
            var lineY = box.y + Self.padding + Self.lineHeight - 4
            for line in box.lines {
                group += "<text x=\"\(Self.fmt(box.x + Self.padding))\" y=\"\(Self.fmt(lineY))\">\(MarkupText.escape(line))</text>"
                lineY += Self.lineHeight
            }
            body.append(group + "</g>")
        }

        private mutating func arrowDown(_ upper: Box, _ lower: Box) {
            arrow(from: (upper.centerX, upper.bottom), to: (lower.centerX, lower.y))
        }

        private mutating func arrow(from start: (Double, Double), to end: (Double, Double), id: String? = nil) {
            path([start, end], id: id)
        }

        private mutating func path(_ points: [(Double, Double)], id: String? = nil) {
            let d = points.enumerated().map { "\($0.offset == 0 ? "M" : "L") \(Self.fmt($0.element.0)) \(Self.fmt($0.element.1))" }
                .joined(separator: " ")
            body.append(
                "<path\(id.map { " id=\"\($0)\"" } ?? "") d=\"\(d)\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.3\" "
                    + "marker-end=\"url(#arrowhead)\"/>")
        }

        private static func fmt(_ value: Double) -> String {
            let tenths = (value * 10).rounded() / 10
            return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
        }

        private func identifiedLines() -> [String] {
            var lines = ["Records identified from:", "Databases \(Self.n(flow.identifiedFromDatabases))"]
            func sourceLines(_ kind: PrismaFlow.SourceKind) -> [String] {
                flow.sources.filter { $0.kind == kind }.map { source in
                    "• \(source.name): \(source.identified)" + (source.note.map { " (\($0))" } ?? "")
                }
            }
            lines += sourceLines(.database)
            lines.append("Registers \(Self.n(flow.identifiedFromRegisters))")
            lines += sourceLines(.register)
            lines.append("Total identified \(Self.n(flow.identified))")
            return lines
        }

        private func removedLines() -> [String] {
            var lines = ["Records removed before screening:"]
            if let duplicates = flow.duplicatesRemoved {
                lines.append("Duplicate records removed \(Self.n(duplicates))")
                if flow.isUpdate || flow.seenBefore > 0 {
                    lines.append("Records already in the previous version \(Self.n(flow.seenBefore))")
                }
            } else {
                lines.append("Duplicate records removed (n = not determined: no cross-database deduplication ran)")
                if flow.isUpdate || flow.seenBefore > 0 {
                    lines.append(
                        "Records retrieved again (seen in an earlier run, or by two searches of one database) "
                            + "\(Self.n(flow.seenBefore))")
                }
            }
            lines.append("Records marked as ineligible by automation tools \(Self.n(nil))")
            lines.append("Records removed for other reasons \(Self.n(nil))")
            return lines
        }

        private func previousLines() -> [String] {
            guard let previous = flow.previous else { return [] }
            let runs = previous.runs.count == 1
                ? "run \(previous.runs[0])"
                : previous.runs.isEmpty ? "earlier runs" : "runs \(previous.runs.map(String.init).joined(separator: ", "))"
            return [
                "Studies included in previous version of review \(Self.n(nil))",
                "Reports of studies included in previous version of review \(Self.n(nil))",
                "Records found by the previous version's searches (\(runs)) \(Self.n(previous.records))",
            ]
        }
    }
}
