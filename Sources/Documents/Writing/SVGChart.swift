import Foundation

/// Draws a `DocumentChart` as inline SVG for the printable HTML: black outlines and grey fills that print on a
/// black-and-white printer, every text escaped, no script, no external reference; it scales to the page's width
/// (A4, portrait or landscape) and is never split across pages.
enum SVGChart {
    /// The fills of the series, in order: from black to white, so that neighbours differ on a grey printout.
    static let fills = ["#000000", "#7f7f7f", "#d9d9d9", "#404040", "#bfbfbf", "#ffffff", "#595959", "#a6a6a6", "#f2f2f2", "#262626"]

    static func svg(_ chart: DocumentChart) -> String {
        let categories = chart.categories
        guard !categories.isEmpty, !chart.series.isEmpty else { return "" }
        let width = 720.0
        let left = 70.0, right = 10.0, top = 28.0
        // Labels turn when they would not fit under their bar (about 6 units a character at this size).
        let rotated = categories.contains { Double($0.count) * 6 > (width - left - right) / Double(categories.count) }
        let labelHeight = rotated ? min(Double(categories.map(\.count).max() ?? 0) * 4.6 + 10, 110) : 22
        let legendColumns = 3
        let legendRows = chart.series.count > 1 ? (chart.series.count + legendColumns - 1) / legendColumns : 0
        let plotHeight = 200.0
        let height = top + plotHeight + labelHeight + Double(legendRows) * 18 + 8
        let plotWidth = width - left - right
        let value = { (series: Int, category: Int) -> Double in
            let values = chart.series[series].values
            return category < values.count ? max(values[category], 0) : 0
        }
        let maximum: Double = switch chart.kind {
        case .bar: categories.indices.flatMap { c in chart.series.indices.map { value($0, c) } }.max() ?? 0
        case .stacked: categories.indices.map { c in chart.series.indices.reduce(0) { $0 + value($1, c) } }.max() ?? 0
        }
        let step = niceStep(maximum / 5)
        let axisTop = max(step * (maximum / step).rounded(.up), step)
        let y = { (v: Double) -> Double in top + plotHeight - v / axisTop * plotHeight }

        var svg = "<figure class=\"chart\" style=\"margin: 3mm 0; break-inside: avoid; page-break-inside: avoid\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(format(width)) \(format(height))\" "
            + "width=\"100%\" style=\"max-width: 170mm; max-height: 80mm\" preserveAspectRatio=\"xMidYMin meet\" font-family=\"Times New Roman, Liberation Serif, serif\" font-size=\"11\">\n"
        svg += "<title>\(XMLText.escaped(chart.title))</title>\n"
        svg += "<text x=\"\(format(width / 2))\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"12\">\(XMLText.escaped(chart.title))</text>\n"
        // The value axis: grid lines and their values.
        var tick = 0.0
        while tick <= axisTop + step / 2 {
            let ty = y(tick)
            svg += "<line x1=\"\(format(left))\" y1=\"\(format(ty))\" x2=\"\(format(width - right))\" y2=\"\(format(ty))\" stroke=\"#bfbfbf\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(format(left - 4))\" y=\"\(format(ty + 4))\" text-anchor=\"end\">\(XMLText.escaped(number(tick)))</text>\n"
            tick += step
        }
        if !chart.unit.isEmpty {
            svg += "<text x=\"4\" y=\"\(format(top - 8))\" font-style=\"italic\">\(XMLText.escaped(chart.unit))</text>\n"
        }
        // The bars.
        let slot = plotWidth / Double(categories.count)
        let barsPerSlot = chart.kind == .bar ? Double(chart.series.count) : 1
        let barWidth = min(max(slot * 0.7 / barsPerSlot, 1), 60)
        for (c, category) in categories.enumerated() {
            let slotLeft = left + slot * Double(c) + (slot - barWidth * barsPerSlot) / 2
            var base = 0.0
            for s in chart.series.indices {
                let v = value(s, c)
                let x = chart.kind == .bar ? slotLeft + barWidth * Double(s) : slotLeft
                let lower = chart.kind == .bar ? 0 : base
                let upper = lower + v
                base = upper
                guard v > 0 else { continue }
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y(upper)))\" width=\"\(format(barWidth))\" height=\"\(format(y(lower) - y(upper)))\" "
                    + "fill=\"\(fills[s % fills.count])\" stroke=\"#000000\" stroke-width=\"0.6\"><title>\(XMLText.escaped(chart.series[s].name)): \(XMLText.escaped(number(v)))</title></rect>"
            }
            let cx = left + slot * (Double(c) + 0.5)
            let ly = top + plotHeight + 12
            if rotated {
                svg += "<text x=\"\(format(cx))\" y=\"\(format(ly))\" text-anchor=\"end\" transform=\"rotate(-40 \(format(cx)) \(format(ly)))\">\(XMLText.escaped(category))</text>\n"
            } else {
                svg += "<text x=\"\(format(cx))\" y=\"\(format(ly + 2))\" text-anchor=\"middle\">\(XMLText.escaped(category))</text>\n"
            }
        }
        svg += "<line x1=\"\(format(left))\" y1=\"\(format(top + plotHeight))\" x2=\"\(format(width - right))\" y2=\"\(format(top + plotHeight))\" stroke=\"#000000\" stroke-width=\"1\"/>\n"
        // The legend, when there is more than one series.
        if legendRows > 0 {
            let legendTop = top + plotHeight + labelHeight + 4
            let columnWidth = (width - left) / Double(legendColumns)
            for (s, series) in chart.series.enumerated() {
                let lx = left + columnWidth * Double(s % legendColumns)
                let ly = legendTop + Double(s / legendColumns) * 18
                svg += "<rect x=\"\(format(lx))\" y=\"\(format(ly))\" width=\"12\" height=\"10\" fill=\"\(fills[s % fills.count])\" stroke=\"#000000\" stroke-width=\"0.6\"/>"
                svg += "<text x=\"\(format(lx + 16))\" y=\"\(format(ly + 9))\">\(XMLText.escaped(String(series.name.prefix(40))))</text>\n"
            }
        }
        return svg + "</svg></figure>\n"
    }

    /// A step of 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where power * factor >= rough { return max(power * factor, 1) }
        return max(power * 10, 1)
    }

    /// A value as printed by the axis: whole, with Vietnamese thousands separators.
    static func number(_ value: Double) -> String { CellFormatting.money(Int(value.rounded())) }

    /// A coordinate with at most one decimal.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
