import Foundation
import Sheets

/// Draws a `ChartSpec` as a standalone SVG image, for people without a
/// spreadsheet program (the portal shows the roll-up's `charts/*.svg`): the
/// same chart the workbook carries, from the same values. Coordinates are
/// rounded to tenths and nothing depends on the clock or the machine's
/// fonts, so the same chart gives the same bytes.
public struct SVGChart {
    public let spec: ChartSpec
    public var width = 640.0
    public var height = 360.0

    public init(_ spec: ChartSpec, width: Double = 640, height: Double = 360) {
        self.spec = spec
        self.width = width
        self.height = height
    }

    /// Excel's default series colours, in order.
    static let palette: [UInt32] = [0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47]
    static let fontFamily = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, DengXian, sans-serif"
    static let fontSize = 11.0
    static let gridColor = "#D9D9D9", axisColor = "#808080"

    public func render() -> String {
        var svg = SVGText()
        svg.line(
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(SVGText.number(width))" height="\#(SVGText.number(height))" viewBox="0 0 \#(SVGText.number(width)) \#(SVGText.number(height))" font-family="\#(Self.fontFamily)" font-size="\#(SVGText.number(Self.fontSize))">"#
        )
        svg.line(#"<rect width="100%" height="100%" fill="white"/>"#)
        let plot = plotArea
        if let title = spec.title {
            svg.text(title, x: width / 2, y: 22, anchor: "middle", extra: #" font-size="15" font-weight="bold""#)
        }
        let scale = ValueScale(values: spec.series.flatMap { $0.values.compactMap { $0 } })
        drawValueAxis(scale, plot: plot, into: &svg)
        drawCategories(plot: plot, into: &svg)
        for (index, series) in spec.series.enumerated() {
            switch spec.kind {
            case .line: drawLine(series, index: index, scale: scale, plot: plot, into: &svg)
            case .column, .bar: drawBars(series, index: index, scale: scale, plot: plot, into: &svg)
            }
        }
        if spec.legend != nil { drawLegend(into: &svg) }
        svg.line("</svg>")
        return svg.text
    }

    // MARK: Layout

    struct Box {
        var left, top, right, bottom: Double
        var width: Double { right - left }
        var height: Double { bottom - top }
    }

    private var categoryCount: Int {
        max(spec.categories?.count ?? 0, spec.series.map(\.values.count).max() ?? 0)
    }

    private var categoryLabels: [String] {
        let labels = spec.categories?.texts ?? []
        return (0..<categoryCount).map { $0 < labels.count ? labels[$0] : String($0 + 1) }
    }

    private var longestCategory: Double { categoryLabels.map(SVGText.width).max() ?? 0 }

    /// A column chart names every category, as Excel does: labels too wide
    /// for their column are turned 45° (a county's name left out would hide
    /// whose bar is whose). A line's months are thinned out instead.
    private func turnsLabels(left: Double, right: Double) -> Bool {
        spec.kind == .column && categoryCount > 0
            && longestCategory + 6 > (right - left) / Double(categoryCount)
    }

    /// Room for the title, the axes' labels and titles, and a legend below.
    private var plotArea: Box {
        var left = 56.0
        let right = width - 18
        var bottom = height - 34
        if spec.kind == .bar { left = min(width / 3, max(56, longestCategory + 14)) }
        if spec.valueAxisTitle != nil && spec.kind != .bar || spec.categoryAxisTitle != nil && spec.kind == .bar {
            left += 18
        }
        // Turned labels reach down by their width times sin 45°, at most a third of the image.
        if turnsLabels(left: left, right: right) { bottom -= min(longestCategory * 0.71 + 4, height / 3) - 14 }
        if spec.legend != nil { bottom -= 22 }
        if spec.categoryAxisTitle != nil && spec.kind != .bar || spec.valueAxisTitle != nil && spec.kind == .bar {
            bottom -= 18
        }
        return Box(left: left, top: spec.title == nil ? 14 : 38, right: right, bottom: bottom)
    }

    // MARK: Axes

    /// Gridlines and labels of the value axis (left, or below for bars) and its title.
    private func drawValueAxis(_ scale: ValueScale, plot: Box, into svg: inout SVGText) {
        for tick in scale.ticks {
            let label = ValueText.format(tick, spec.valueFormat)
            if spec.kind == .bar {
                let x = plot.left + scale.fraction(tick) * plot.width
                svg.line(
                    #"<line x1="\#(SVGText.number(x))" y1="\#(SVGText.number(plot.top))" x2="\#(SVGText.number(x))" y2="\#(SVGText.number(plot.bottom))" stroke="\#(Self.gridColor)"/>"#
                )
                svg.text(label, x: x, y: plot.bottom + 14, anchor: "middle")
            } else {
                let y = plot.bottom - scale.fraction(tick) * plot.height
                svg.line(
                    #"<line x1="\#(SVGText.number(plot.left))" y1="\#(SVGText.number(y))" x2="\#(SVGText.number(plot.right))" y2="\#(SVGText.number(y))" stroke="\#(Self.gridColor)"/>"#
                )
                svg.text(label, x: plot.left - 6, y: y + 4, anchor: "end")
            }
        }
        let (verticalTitle, horizontalTitle) =
            spec.kind == .bar
            ? (spec.categoryAxisTitle, spec.valueAxisTitle) : (spec.valueAxisTitle, spec.categoryAxisTitle)
        if let verticalTitle {
            let x = 14.0
            let y = (plot.top + plot.bottom) / 2
            svg.text(
                verticalTitle, x: x, y: y, anchor: "middle",
                extra: #" transform="rotate(-90 \#(SVGText.number(x)) \#(SVGText.number(y)))""#)
        }
        if let horizontalTitle {
            // Above the legend, below the category labels however far they reach.
            let y = height - 20 - (spec.legend == nil ? 0 : 22)
            svg.text(horizontalTitle, x: (plot.left + plot.right) / 2, y: y, anchor: "middle")
        }
    }

    /// The category labels, turned or thinned out so that they do not overlap.
    private func drawCategories(plot: Box, into svg: inout SVGText) {
        let labels = categoryLabels
        guard !labels.isEmpty else { return }
        let slot = (spec.kind == .bar ? plot.height : plot.width) / Double(labels.count)
        let turned = turnsLabels(left: plot.left, right: plot.right)
        let needed = spec.kind == .bar || turned ? Self.fontSize + 2 : longestCategory + 6
        let every = max(1, Int((needed / slot).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 {
            let middle = Double(index) + 0.5
            if spec.kind == .bar {
                svg.text(label, x: plot.left - 6, y: categoryY(middle * slot, plot: plot) + 4, anchor: "end")
            } else if turned {
                let (x, y) = (plot.left + middle * slot + 4, plot.bottom + 12)
                svg.text(
                    label, x: x, y: y, anchor: "end",
                    extra: #" transform="rotate(-45 \#(SVGText.number(x)) \#(SVGText.number(y)))""#)
            } else {
                svg.text(label, x: plot.left + middle * slot, y: plot.bottom + 14, anchor: "middle")
            }
        }
        svg.line(
            #"<line x1="\#(SVGText.number(plot.left))" y1="\#(SVGText.number(plot.bottom))" x2="\#(SVGText.number(spec.kind == .bar ? plot.left : plot.right))" y2="\#(SVGText.number(spec.kind == .bar ? plot.top : plot.bottom))" stroke="\#(Self.axisColor)"/>"#
        )
    }

    // MARK: Series

    private func color(_ series: ChartSeries, _ index: Int) -> String {
        let rgb = series.color?.rgb ?? Self.palette[index % Self.palette.count]
        return "#" + String(format: "%06X", rgb)
    }

    /// A polyline per run of values without a gap, markers and labels at the points.
    private func drawLine(_ series: ChartSeries, index: Int, scale: ValueScale, plot: Box, into svg: inout SVGText) {
        let slot = plot.width / Double(max(1, categoryCount))
        let stroke = color(series, index)
        let dash = series.line == .dash ? #" stroke-dasharray="6 4""# : ""
        let points: [(x: Double, y: Double, value: Double)?] = series.values.enumerated().map { offset, value in
            value.map {
                (plot.left + (Double(offset) + 0.5) * slot, plot.bottom - scale.fraction($0) * plot.height, $0)
            }
        }
        var run: [String] = []
        func flush() {
            if run.count > 1 {
                svg.line(
                    #"<polyline points="\#(run.joined(separator: " "))" fill="none" stroke="\#(stroke)" stroke-width="2"\#(dash)/>"#
                )
            }
            run = []
        }
        for point in points {
            guard let point else {
                flush()
                continue
            }
            run.append(SVGText.number(point.x) + "," + SVGText.number(point.y))
        }
        flush()
        for case let point? in points {
            if series.markers || series.values.count == 1 {
                svg.line(
                    #"<circle cx="\#(SVGText.number(point.x))" cy="\#(SVGText.number(point.y))" r="3" fill="\#(stroke)"/>"#
                )
            }
            if series.dataLabels {
                svg.text(ValueText.format(point.value, spec.valueFormat), x: point.x, y: point.y - 7, anchor: "middle")
            }
        }
    }

    /// The height `offset` along a bar chart's category axis: Excel draws
    /// the first category at the bottom, or at the top with the categories reversed.
    private func categoryY(_ offset: Double, plot: Box) -> Double {
        spec.reversedCategories ? plot.top + offset : plot.bottom - offset
    }

    /// Bars side by side within each category, from zero.
    private func drawBars(_ series: ChartSeries, index: Int, scale: ValueScale, plot: Box, into svg: inout SVGText) {
        let horizontal = spec.kind == .bar
        let slot = (horizontal ? plot.height : plot.width) / Double(max(1, categoryCount))
        let group = slot * 0.7
        let thickness = group / Double(spec.series.count)
        let fill = color(series, index)
        for (offset, value) in series.values.enumerated() {
            guard let value else { continue }
            let start = Double(offset) * slot + (slot - group) / 2 + Double(index) * thickness
            let zero = scale.fraction(max(scale.minimum, 0))
            let end = scale.fraction(value)
            let label = ValueText.format(value, spec.valueFormat)
            if horizontal {
                let x = plot.left + min(zero, end) * plot.width
                let length = abs(end - zero) * plot.width
                let y = min(categoryY(start, plot: plot), categoryY(start + thickness, plot: plot))
                svg.line(
                    #"<rect x="\#(SVGText.number(x))" y="\#(SVGText.number(y))" width="\#(SVGText.number(length))" height="\#(SVGText.number(thickness))" fill="\#(fill)"/>"#
                )
                if series.dataLabels {
                    svg.text(label, x: x + length + 4, y: y + thickness / 2 + 4, anchor: "start")
                }
            } else {
                let y = plot.bottom - max(zero, end) * plot.height
                let length = abs(end - zero) * plot.height
                let x = plot.left + start
                svg.line(
                    #"<rect x="\#(SVGText.number(x))" y="\#(SVGText.number(y))" width="\#(SVGText.number(thickness))" height="\#(SVGText.number(length))" fill="\#(fill)"/>"#
                )
                if series.dataLabels {
                    svg.text(label, x: x + thickness / 2, y: y - 4, anchor: "middle")
                }
            }
        }
    }

    /// One entry per series, centred along the bottom.
    private func drawLegend(into svg: inout SVGText) {
        let entries = spec.series.enumerated().map { ($1.name ?? "系列\($0 + 1)", color($1, $0), $1.line) }
        let widths = entries.map { 26 + SVGText.width($0.0) + 16 }
        var x = (width - widths.reduce(0, +)) / 2
        let y = height - 12
        for (entry, entryWidth) in zip(entries, widths) {
            let dash = entry.2 == .dash ? #" stroke-dasharray="6 4""# : ""
            svg.line(
                #"<line x1="\#(SVGText.number(x))" y1="\#(SVGText.number(y - 4))" x2="\#(SVGText.number(x + 20))" y2="\#(SVGText.number(y - 4))" stroke="\#(entry.1)" stroke-width="\#(spec.kind == .line ? 2 : 8)"\#(dash)/>"#
            )
            svg.text(entry.0, x: x + 26, y: y, anchor: "start")
            x += entryWidth
        }
    }
}

/// The value axis from zero (or below, for negative values) to a round maximum.
struct ValueScale {
    let minimum: Double
    let maximum: Double
    let step: Double

    init(values: [Double]) {
        let low = min(0, values.min() ?? 0)
        let high = max(0, values.max() ?? 0)
        let span = high - low > 0 ? high - low : 1
        // A step of 1, 2 or 5 times a power of ten giving about five intervals.
        let raw = span / 5
        let power = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        self.step = step
        minimum = (low / step).rounded(.down) * step
        maximum = max((high / step).rounded(.up) * step, minimum + step)
    }

    var ticks: [Double] {
        stride(from: minimum, through: maximum + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    func fraction(_ value: Double) -> Double { (value - minimum) / (maximum - minimum) }
}

/// A value as its number format shows it, for the formats the roll-up uses:
/// percentages, thousands separators, a fixed number of decimals.
enum ValueText {
    static func format(_ value: Double, _ format: NumberFormat) -> String {
        let code = format.code
        let percent = code.contains("%")
        let shown = percent ? value * 100 : value
        let decimals = code.split(separator: ".").dropFirst().first.map { $0.prefix { $0 == "0" }.count }
        var text: String
        if let decimals {
            text = String(format: "%.\(decimals)f", shown)
        } else if format == .general {
            text = shown.rounded() == shown ? String(Int(shown)) : String(format: "%g", shown)
        } else {
            text = String(format: "%.0f", shown)
        }
        if code.contains(",") { text = grouped(text) }
        return percent ? text + "%" : text
    }

    /// `1234567.5` → `1,234,567.5`
    private static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let whole = digits.prefix { $0 != "." }
        let fraction = digits.dropFirst(whole.count)
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (negative ? "-" : "") + out + fraction
    }
}

/// SVG source built line by line, with escaped texts and rounded numbers.
struct SVGText {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }

    mutating func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") {
        line(
            #"<text x="\#(Self.number(x))" y="\#(Self.number(y))" text-anchor="\#(anchor)"\#(extra)>\#(Self.escaped(content))</text>"#
        )
    }

    /// Tenths are enough on screen, and rounding keeps the output identical across runs.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0
            ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A text's width at the chart's font size: CJK characters a full em, others about half.
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (ColumnWidth.isWide($1) ? 1 : 0.55) } * SVGChart.fontSize
    }
}
