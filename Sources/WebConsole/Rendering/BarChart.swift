import Foundation
import Scheduler

/// Horizontal bars as inline SVG for a page (the list's composition on the overview): one bar per label with its
/// value written after it, every text escaped, no script and no style attribute (the console's CSP allows neither;
/// the colours come from uytin.css, with a fill for a browser without it).
enum BarChart {
    /// One bar: its label and value.
    struct Bar {
        let label: String
        let value: Int
    }

    /// The chart of `bars` (in the order given), titled `title`; empty when there is nothing to draw.
    static func svg(title: String, bars: [Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22, labelWidth = 150, barWidth = 220, valueWidth = 60
        let width = labelWidth + barWidth + valueWidth
        let height = rowHeight * bars.count + 4
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        var svg = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
            + "height=\"\(height)\" font-size=\"13\"><title>\(escaped(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 2
            let length = bar.value > 0 ? max(Int((Double(bar.value) / Double(largest) * Double(barWidth)).rounded()), 1) : 0
            let label = bar.label.count > 22 ? String(bar.label.prefix(21)) + "…" : bar.label
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escaped(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"#8a1c1c\">"
                + "<title>\(escaped(bar.label)): \(bar.value)</title></rect>"
            svg += "<text x=\"\(labelWidth + length + 4)\" y=\"\(y + 15)\">\(Money.format(bar.value))</text>"
        }
        return svg + "</svg>"
    }

    /// The first `count` bars, the rest added up under `others`.
    static func top(_ bars: [Bar], _ count: Int, others: String) -> [Bar] {
        guard bars.count > count + 1 else { return bars }
        return Array(bars.prefix(count)) + [Bar(label: others, value: bars.dropFirst(count).reduce(0) { $0 + $1.value })]
    }

    /// Text safe inside SVG markup.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
