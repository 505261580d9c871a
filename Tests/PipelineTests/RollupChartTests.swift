import Foundation
import Sheets
import Testing

@testable import Reports

/// The roll-up's charts and printing, read back from the workbook and the images.
@Suite struct RollupChartTests {
    typealias Deployment = RollupOutputTests.Deployment

    static func part(_ zip: ZipArchive, _ name: String) throws -> String {
        String(decoding: try zip.readEntry(name), as: UTF8.self)
    }

    @Test func trendSheetHasOneChartPerTargetOverItsDataRows() throws {
        let deployment = try Deployment()
        let written = try deployment.run()
        let path = written[0]
        let zip = try ZipArchive(path: path)
        let book = try openWorkbook(atPath: path)
        let names = try book.sheets.map(\.name)
        let chartSheet = try #require(names.firstIndex(of: "趋势图")) + 1
        #expect(names.suffix(4) == ["趋势图", "趋势图数据", "分区县对比", "分区县对比数据"])

        // The NEV target of the city's plan: its chart draws rows of 趋势图数据 holding its months and figures.
        let data = try RollupOutputTests.cells(of: path, sheet: "趋势图数据")
        #expect(data["A1"] == .text("指标代码") && data["F1"] == .text("系列"))
        let monthsRow = try #require(
            (2...400).first { data["A\($0)"] == .text("nev_stock") && data["F\($0)"] == .text("月份") })
        #expect(data["F\(monthsRow + 1)"] == .text("实际") && data["F\(monthsRow + 2)"] == .text("目标路径"))
        #expect(data["E\(monthsRow)"] == .text("≥ 180,000（2025年）"))
        // A stock's way: 2024-01 to 2025-12; March 2025 (the 15th month) holds the counties' 1,700.
        #expect(data["G\(monthsRow)"] == .text("2024-01") && data["AD\(monthsRow)"] == .text("2025-12"))
        #expect(data["U\(monthsRow + 1)"] == .number(1700))
        #expect(data["V\(monthsRow + 1)"] == nil)  // April: after the period
        #expect(data["AD\(monthsRow + 2)"] == .number(180_000))

        let charts = (1...200).lazy.map { try? Self.part(zip, "xl/charts/chart\($0).xml") }.prefix { $0 != nil }
            .compactMap { $0 }
        let chart = try #require(charts.first { $0.contains("新能源汽车保有量（辆）目标") })
        #expect(chart.contains("<c:lineChart>"))
        #expect(chart.contains("新能源汽车保有量（辆）目标 ≥ 180,000（2025年）"))
        #expect(chart.contains("<c:f>'趋势图数据'!$G$\(monthsRow):$AD$\(monthsRow)</c:f>"))
        #expect(chart.contains("<c:f>'趋势图数据'!$G$\(monthsRow + 1):$AD$\(monthsRow + 1)</c:f>"))
        #expect(chart.contains(#"<a:prstDash val="dash"/>"#))
        #expect(chart.contains(#"<c:dispBlanksAs val="gap"/>"#))

        // Every target has its chart on 趋势图, and its SVG image beside the workbook.
        let rels = try Self.part(zip, "xl/worksheets/_rels/sheet\(chartSheet).xml.rels")
        let drawing = try #require(rels.firstMatch(of: /drawings\/(drawing\d+)\.xml/)?.1)
        let anchors =
            try Self.part(zip, "xl/drawings/\(drawing).xml").components(separatedBy: "<xdr:twoCellAnchor>").count - 1
        let svgs = written.filter { $0.hasSuffix(".svg") && !$0.hasSuffix("-parts.svg") }
        #expect(anchors == (data.count { $0.value == .text("月份") }))
        #expect(svgs.count == anchors)
        #expect(written.count { $0.hasSuffix("-parts.svg") } == anchors)
        let svg = try String(
            contentsOfFile: try #require(svgs.first { $0.hasSuffix("-nev_stock.svg") }), encoding: .utf8)
        #expect(svg.contains("新能源汽车保有量（辆）目标 ≥ 180,000（2025年）"))
        #expect(
            svgs.allSatisfy { $0.hasPrefix(deployment.outbox.root + "/rollups/2025-03/371500-聊城市-2025-03/charts/") })
    }

    @Test func everySheetPrintsOnA4LandscapeWithItsHeaderRepeated() throws {
        let deployment = try Deployment()
        let path = try deployment.run()[0]
        let zip = try ZipArchive(path: path)
        let names = try openWorkbook(atPath: path).sheets.map(\.name)
        let book = try Self.part(zip, "xl/workbook.xml")
        for (index, name) in names.enumerated() {
            let sheet = try Self.part(zip, "xl/worksheets/sheet\(index + 1).xml")
            #expect(
                sheet.contains(#"<pageSetup paperSize="9""#) && sheet.contains(#"orientation="landscape"/>"#), "\(name)"
            )
            #expect(sheet.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"), "\(name)")
            #expect(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#), "\(name)")
            if !["趋势图", "一页纸", "分区县对比"].contains(name) {
                #expect(
                    book.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">'\#(name)'!"#),
                    "\(name)")
            }
        }
        // 报送情况 is shrunk to one page wide; 月度趋势 (27 months) goes over two, its first columns repeated.
        let reports = names.firstIndex(of: "报送情况")!
        let trend = names.firstIndex(of: "月度趋势")!
        #expect(
            try Self.part(zip, "xl/worksheets/sheet\(reports + 1).xml").contains(
                #"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        #expect(
            try Self.part(zip, "xl/worksheets/sheet\(trend + 1).xml").contains(
                #"<pageSetup paperSize="9" fitToWidth="2" fitToHeight="0" orientation="landscape"/>"#))
        #expect(
            book.contains(
                #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(trend)">'月度趋势'!$A:$B,'月度趋势'!$1:$1</definedName>"#
            ))
        // The charts sheet has no grid and starts a page every two rows of charts.
        let charts = try Self.part(zip, "xl/worksheets/sheet\(names.firstIndex(of: "趋势图")! + 1).xml")
        #expect(charts.contains(#"showGridLines="0""#))
        #expect(charts.contains(#"<brk id="32" max="16383" man="1"/>"#))
    }

    @Test func summarySheetComesFirstOnOnePage() throws {
        let deployment = try Deployment()
        let path = try deployment.run()[0]
        let zip = try ZipArchive(path: path)
        #expect(try openWorkbook(atPath: path).sheets.first?.name == "一页纸")
        let cells = try RollupOutputTests.cells(of: path, sheet: "一页纸")
        #expect(cells["A1"] == .text("聊城市 2025-03 设备更新和消费品以旧换新 · 一页纸"))
        let about = try RollupOutputTests.cells(of: path, sheet: "说明")
        func text(_ value: CellValue?) -> String? { if case .text(let text)? = value { text } else { nil } }
        let asOf = try #require((2...10).first { about["A\($0)"] == .text("台账截至") }.flatMap { text(about["B\($0)"]) })
        #expect(text(cells["A2"])?.hasPrefix("统计期间 2025年1–3月；台账截至 \(asOf)；报送覆盖 ") == true)
        // The status counts add up to the city's targets, and agree with 总览.
        let counts = try #require({ if case .text(let text) = cells["A3"] { text } else { nil } }())
        let numbers = counts.split(separator: "·").map {
            Int($0.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })!
        }
        let overview = try RollupOutputTests.cells(of: path, sheet: "总览")
        let status = try #require(
            overview.first {
                $0.key.hasSuffix("1") && $0.key.dropLast().allSatisfy(\.isLetter) && $0.value == .text("状态")
            }?.key.dropLast())
        let cityRows = (2...400).filter { overview["A\($0)"] == .text("371500") && overview["\(status)\($0)"] != nil }
        #expect(numbers.reduce(0, +) == cityRows.count)
        #expect(counts.contains("项滞后"))
        // The NEV target is behind (1,700 of 180,000) with its lead department; 阳谷县's rejected report is owed, listed first.
        let nevRow = try #require((7...20).first { cells["A\($0)"] == .text("新能源汽车保有量") })
        #expect(cells["B\(nevRow)"] == .text("≥ 180,000（2025年）") && cells["C\(nevRow)"] == .number(1700))
        #expect(cells["E\(nevRow)"] == .number(1700.0 / 180_000) && cells["F\(nevRow)"] == .text("商务局"))
        #expect(cells["H7"] == .text("阳谷县") && cells["I7"] == .text("商务局") && cells["J7"] == .text("退回"))
        #expect(cells["J8"] == .text("未报"))

        let sheet = try Self.part(zip, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape"/>"#))  // fit 1 × 1: both defaults
        #expect(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#) && sheet.contains(#"showGridLines="0""#))
        #expect(
            try Self.part(zip, "xl/workbook.xml").contains(
                #"<definedName name="_xlnm.Print_Area" localSheetId="0">'一页纸'!$A$1:$J$"#))
        let drawing = try Self.part(zip, "xl/drawings/drawing1.xml")
        #expect(drawing.components(separatedBy: "<xdr:twoCellAnchor>").count - 1 == 2)
        #expect(try Self.part(zip, "xl/charts/chart1.xml").contains("滞后目标的达成率"))
        #expect(try Self.part(zip, "xl/charts/chart2.xml").contains("<c:f>'一页纸'!$M$7:$M$"))
    }

    @Test func countyComparisonHasAColumnChartPerTarget() throws {
        let deployment = try Deployment()
        let path = try deployment.run()[0]
        let zip = try ZipArchive(path: path)
        let names = try openWorkbook(atPath: path).sheets.map(\.name)
        let cells = try RollupOutputTests.cells(of: path, sheet: "分区县对比数据")
        #expect(cells["E1"] == .text("东昌府区") && cells["F1"] == .text("茌平区"))
        let row = try #require((2...60).first { cells["A\($0)"] == .text("nev_stock") })
        #expect(cells["E\(row)"] == .number(1200) && cells["F\(row)"] == .number(500))
        let sheetNumber = names.firstIndex(of: "分区县对比")! + 1
        let rels = try Self.part(zip, "xl/worksheets/_rels/sheet\(sheetNumber).xml.rels")
        let drawing = try #require(rels.firstMatch(of: /drawings\/(drawing\d+)\.xml/)?.1)
        let anchors =
            try Self.part(zip, "xl/drawings/\(drawing).xml").components(separatedBy: "<xdr:twoCellAnchor>").count - 1
        #expect(anchors == cells.count { $0.key.hasPrefix("A") && $0.key != "A1" })
        let charts = (1...300).lazy.map { try? Self.part(zip, "xl/charts/chart\($0).xml") }.prefix { $0 != nil }
            .compactMap { $0 }
        let nev = try #require(charts.first { $0.contains("<c:barChart>") && $0.contains("'分区县对比数据'!$E$\(row):") })
        #expect(nev.contains("<c:f>'分区县对比数据'!$E$1:$"))
    }

    @Test func printingRuleGoesOverPagesOnlyForWideTables() {
        let narrow = RollupPrinting.pageSetup(
            title: "聊城市", columnWidths: Array(repeating: 12, count: 16), repeatedColumns: 4)
        #expect(narrow.fit == .init(width: 1, height: 0) && narrow.titleColumns == nil && narrow.centeredHorizontally)
        // 月度趋势 over 46 months: too wide to shrink onto one page.
        let wide = RollupPrinting.pageSetup(
            title: "聊城市", columnWidths: [20, 30, 8] + Array(repeating: 10, count: 46),
            repeatedColumns: 2)
        #expect(wide.fit == .init(width: 3, height: 0) && wide.titleColumns == 1...2 && wide.titleRows == 1...1)
        #expect(wide.header == "&L聊城市&R&A")
    }
}
