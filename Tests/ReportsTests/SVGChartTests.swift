import Foundation
import Testing

@testable import Reports
@testable import Sheets

/// The SVG images of charts: well-formed, from the spec's values, the same bytes every time.
@Suite struct SVGChartTests {
    static let cells = ChartCells(sheet: "趋势图", CellRange("B2:B7")!)

    /// A target's monthly actuals (two months not reported) against the straight path to its target.
    static let trend = ChartSpec(
        kind: .line, title: "新能源汽车保有量 · 实际与目标路径",
        categories: ChartCategories(
            cells: cells, labels: .texts(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"])),
        series: [
            ChartSeries(
                name: "实际", values: [100, 140, nil, nil, 260, 300], cells: cells, dataLabels: true, markers: true),
            ChartSeries(
                name: "目标路径", values: [100, 150, 200, 250, 300, 350], cells: cells,
                color: Color(rgb: 0xC00000), line: .dash),
        ],
        valueAxisTitle: "辆", valueFormat: .thousands, legend: .bottom)

    /// Element names and texts, read by our libxml2 parser (which refuses malformed XML).
    final class Collector: XMLStreamHandler {
        var elements: [String: Int] = [:]
        var texts: [String] = []
        var current = ""
        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            elements[String(decoding: name.qualifiedName, as: UTF8.self), default: 0] += 1
            current = ""
        }
        func endElement(_ name: XMLName) throws {
            if String(decoding: name.qualifiedName, as: UTF8.self) == "text" { texts.append(current) }
        }
        func characters(_ text: UnsafeBufferPointer<UInt8>) throws { current += String(decoding: text, as: UTF8.self) }
    }

    static func parse(_ svg: String) throws -> Collector {
        let collector = Collector()
        try XMLStreamParser(handler: collector, namespaces: []).parse(Array(svg.utf8))
        return collector
    }

    @Test func lineChartWithTargetPath() throws {
        let svg = SVGChart(Self.trend).render()
        let parsed = try Self.parse(svg)
        // The actuals break at the gap: two polylines; the path is one, dashed.
        #expect(parsed.elements["polyline"] == 3)
        #expect(svg.components(separatedBy: #"stroke-dasharray="6 4""#).count - 1 == 2)  // the path and its legend key
        #expect(svg.contains(##"stroke="#C00000""##))
        #expect(parsed.elements["circle"] == 4)
        #expect(parsed.texts.contains("新能源汽车保有量 · 实际与目标路径"))
        #expect(parsed.texts.contains("辆"))
        #expect(parsed.texts.contains("2025-01") && parsed.texts.contains("2025-06"))
        // Value axis 0–400 in steps of 100, labels as #,##0; data labels at the four actuals.
        for tick in ["0", "100", "200", "300", "400"] { #expect(parsed.texts.contains(tick), "\(tick)") }
        #expect(parsed.texts.filter { $0 == "140" || $0 == "260" }.count == 2)
        #expect(parsed.texts.contains("实际") && parsed.texts.contains("目标路径"))
        #expect(svg == SVGChart(Self.trend).render())
    }

    @Test func columnAndBarChartsWithPercentages() throws {
        let counties = ["东昌府区", "茌平区", "阳谷县"]
        let cells = ChartCells(sheet: "分区县", CellRange("C2:C4")!)
        var spec = ChartSpec(
            kind: .column, title: "完成率", categories: ChartCategories(cells: cells, labels: .texts(counties)),
            series: [ChartSeries(name: "完成率", values: [0.85, 1.2, nil], cells: cells, dataLabels: true)],
            valueFormat: .percentOneDecimal, legend: nil)
        let column = try Self.parse(SVGChart(spec).render())
        // Two bars (the third county has no figure), the white background, no legend.
        #expect(column.elements["rect"] == 3)
        #expect(column.texts.contains("85.0%") && column.texts.contains("120.0%"))
        // round steps past the largest
        #expect(column.texts.suffix(from: 1).prefix(4) == ["0.0%", "50.0%", "100.0%", "150.0%"])
        for county in counties { #expect(column.texts.contains(county)) }

        spec.kind = .bar
        let svg = SVGChart(spec).render()
        let bar = try Self.parse(svg)
        #expect(bar.elements["rect"] == 3)
        // Horizontal: the first county lowest, as Excel draws a bar chart.
        let y = { (name: String) -> Double in
            let line = svg.split(separator: "\n").first { $0.hasSuffix(">\(name)</text>") }!
            return Double(line.split(separator: "\"")[3])!
        }
        #expect(y("东昌府区") > y("阳谷县"))

        // Reversed, top down as in the table; the bars follow their labels.
        spec.reversedCategories = true
        let reversed = SVGChart(spec).render()
        let reversedY = { (name: String) -> Double in
            let line = reversed.split(separator: "\n").first { $0.hasSuffix(">\(name)</text>") }!
            return Double(line.split(separator: "\"")[3])!
        }
        #expect(reversedY("东昌府区") < reversedY("茌平区") && reversedY("茌平区") < reversedY("阳谷县"))
        let bars = reversed.split(separator: "\n").filter { $0.hasPrefix("<rect x=") && !$0.contains("100%") }
            .map { Double($0.split(separator: "\"")[3])! }
        #expect(bars.count == 2 && bars[0] < reversedY("东昌府区") && reversedY("东昌府区") < bars[1])
    }

    /// 聊城's eleven counties and zones side by side: every name is written, turned 45° to fit its
    /// column; a line's months are thinned out instead.
    @Test func crowdedColumnLabelsAreTurnedNotLeftOut() throws {
        let counties = [
            "聊城市", "东昌府区", "茌平区", "阳谷县", "莘县", "东阿县", "冠县", "高唐县", "临清市",
            "聊城经济技术开发区", "聊城高新技术产业开发区", "江北水城旅游度假区",
        ]
        let cells = ChartCells(sheet: "分区县对比数据", CellRange("E2:P2")!)
        let spec = ChartSpec(
            kind: .column, title: "新能源汽车保有量（辆）",
            categories: ChartCategories(cells: cells, labels: .texts(counties)),
            series: [ChartSeries(name: "新能源汽车保有量", values: counties.indices.map { Double($0 * 100) }, cells: cells)],
            valueFormat: .thousands, legend: nil)
        let svg = SVGChart(spec).render()
        let parsed = try Self.parse(svg)
        for county in counties { #expect(parsed.texts.contains(county), "\(county)") }
        let turned = svg.split(separator: "\n").filter { $0.contains("rotate(-45") }
        #expect(turned.count == counties.count)
        // The labels stay inside the image: the longest reaches 11 × 11 × sin 45° ≈ 86 below the axis.
        let axis = try #require(svg.split(separator: "\n").last { $0.hasPrefix("<line") })
        let axisY = try #require(Double(axis.split(separator: "\"")[3]))
        #expect(axisY + 86 < 360 && axisY < 360 - 34)

        // Three short names fit their columns and are written level.
        var few = spec
        few.categories = ChartCategories(cells: cells, labels: .texts(Array(counties.prefix(3))))
        few.series[0].values = [1, 2, 3]
        #expect(!SVGChart(few).render().contains("rotate(-45"))
        // Months along a line are thinned out, not turned.
        let months = (1...36).map { String(format: "2024-%02d", $0) }
        var line = Self.trend
        line.categories = ChartCategories(cells: Self.cells, labels: .texts(months))
        line.series = [ChartSeries(name: "实际", values: months.indices.map(Double.init), cells: Self.cells)]
        let lineTexts = try Self.parse(SVGChart(line).render()).texts
        #expect(!SVGChart(line).render().contains("rotate(-45") && lineTexts.filter(months.contains).count < 36)
    }

    @Test func valueScalesAreRound() {
        let scale = ValueScale(values: [3, 17.5])
        #expect((scale.minimum, scale.maximum, scale.step) == (0, 20, 5))
        #expect(scale.ticks == [0, 5, 10, 15, 20])
        let negative = ValueScale(values: [-0.12, 0.3])
        #expect(negative.minimum == -0.2 && abs(negative.maximum - 0.3) < 1e-12 && negative.step == 0.1)
        #expect(ValueText.format(1_234_567, .thousands) == "1,234,567")
        #expect(ValueText.format(-9876.5, .thousandsTwoDecimals) == "-9,876.50")
        #expect(ValueText.format(0.875, .percentOneDecimal) == "87.5%")
        #expect(ValueText.format(2.5, .general) == "2.5")
        #expect(SVGText.escaped("R&D <1>") == "R&amp;D &lt;1&gt;")
    }
}
