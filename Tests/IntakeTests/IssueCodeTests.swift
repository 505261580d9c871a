import Catalog
import Foundation
import Sheets
import Testing
import Vocabulary

@testable import Intake

/// Each issue code, triggered by a real file in every format that can carry
/// it: CSV written as bytes, XLSX by our writer, XML Spreadsheet 2003 as text.
@Suite struct IssueCodeTests {
    enum Format: String, CaseIterable { case csv, xlsx, xml2003 }

    /// The same rows as a file of `format`; CSV cells are their text.
    static func file(_ rows: [[CellValue]], _ format: Format) throws -> String {
        switch format {
        case .csv:
            return try IntakeFixture.csv(
                rows.map { row in
                    row.map { value -> String in
                        switch value {
                        case .text(let text): text.contains(",") ? "\"\(text)\"" : text
                        case .number(let number): CellReading.format(number)
                        default: ""
                        }
                    }.joined(separator: ",")
                })
        case .xlsx: return try IntakeFixture.xlsx(rows)
        case .xml2003: return try IntakeFixture.xml2003(rows)
        }
    }

    static let header: [CellValue] = ["地区代码", "指标代码", "期间", "数值", "单位", "备注"].map(CellValue.text)

    /// Reads `rows` in every format as 嘉祥县商务局 and checks `code` at `cells`.
    func expect(
        _ code: String, _ severity: Severity, at cells: [String], in rows: [[CellValue]],
        submitter: Submitter = IntakeFixture.commerce, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for format in Format.allCases {
            let path = try Self.file(rows, format)
            let result = IntakeFixture.reader.read(path: path, submitter: submitter)
            let found = result.issues(code)
            #expect(
                found.map { $0.location.cell ?? "row \($0.location.row ?? 0)" } == cells,
                "\(format): \(result.issues.map { "\($0.code) \($0.location.cell ?? "") \($0.messageEn)" })",
                sourceLocation: sourceLocation)
            #expect(
                found.allSatisfy { $0.severity == severity && !$0.messageZh.isEmpty && !$0.messageEn.isEmpty },
                sourceLocation: sourceLocation)
            let sheet = format == .csv ? nil : "明细"
            #expect(found.allSatisfy { $0.location.sheet == sheet }, "\(format)", sourceLocation: sourceLocation)
        }
    }

    static func row(
        _ region: String = "370829", _ indicator: String = "nev_stock", _ period: String = "2025-03",
        value: CellValue = .number(100), unit: String = ""
    ) -> [CellValue] {
        [.text(region), .text(indicator), .text(period), value, unit.isEmpty ? .empty : .text(unit)]
    }

    @Test func headerLabels() throws {
        let noPeriod: [CellValue] = ["地区代码", "指标代码", "数值"].map(CellValue.text)
        try expect(
            "missing-label", .error, at: ["row 1"], in: [noPeriod, [.text("370829"), .text("nev_stock"), .number(1)]])
        let twice: [CellValue] = ["地区代码", "指标代码", "期间", "数值", "value"].map(CellValue.text)
        try expect("duplicate-label", .error, at: ["E1"], in: [twice, Self.row()])
        let extra: [CellValue] = ["地区代码", "指标代码", "期间", "数值", "联系人"].map(CellValue.text)
        try expect("extra-label", .warning, at: ["E1"], in: [extra, Self.row()])
        let gap: [CellValue] = [.text("地区代码"), .text("指标代码"), .empty, .text("期间"), .text("数值")]
        try expect(
            "blank-label", .warning, at: ["C1"],
            in: [gap, [.text("370829"), .text("nev_stock"), .empty, .text("2025-03"), .number(5)]])
    }

    @Test func rowShape() throws {
        let header: [CellValue] = ["地区代码", "指标代码", "期间", "数值"].map(CellValue.text)
        try expect(
            "extra-cell", .error, at: ["F3"],
            in: [header, Self.row(), Self.row("370829", "used_car_trades") + [.text("多余")]])
        // The row ends before its period; its value is a blank naming the indicator.
        try expect("missing-cell", .error, at: ["C2"], in: [header, [.text("370829"), .text("nev_stock")]])
        try expect("blank-required", .error, at: ["D2"], in: [header, [.text("370829"), .text("nev_stock")]])
        try expect(
            "blank-row", .warning, at: ["row 3", "row 4"],
            in: [Self.header, Self.row(), [.text("-")], [], Self.row("370829", "used_car_trades")])
    }

    /// A records row's blank value names the row's indicator, by its name
    /// and code, as the form's does.
    @Test func aBlankValueNamesItsIndicator() throws {
        for format in Format.allCases {
            let path = try Self.file(
                [
                    Self.header, Self.row("370829", "used_car_trades", value: .empty) + [.text("备注")],
                    Self.row("370829", "nev_stocks", value: .empty) + [.text("备注")],
                ], format)
            let issues = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
                .issues("blank-required")
            #expect(issues.map(\.location.cell) == ["D2", "D3"], "\(format)")
            #expect(
                issues.map(\.messageZh) == [
                    "D2 的“数值”为空（指标“二手车交易量” used_car_trades）。请填写；没有发生请填 0，不适用请填“无”或“不适用”。",
                    "D3 的“数值”为空（指标 nev_stocks）。请填写；没有发生请填 0，不适用请填“无”或“不适用”。",
                ], "\(format)")
            #expect(
                issues.first?.messageEn
                    == "D2: value is empty (indicator used_car_trades); fill it in, or write 0, or 无 / 不适用 when nothing applies."
            )
        }
    }

    /// `3.67万` in a value cell is answered with the figure in the
    /// indicator's unit and the 万 unit to pick instead; a unit typed into
    /// the value cell with the unit column to use; other text stays a type error.
    @Test func aNumberWithWanIsAnsweredWithTheUnitToPick() throws {
        for format in Format.allCases {
            let path = try Self.file(
                [
                    Self.header, Self.row("370829", "nev_stock", value: .text("3.67万")),
                    Self.row("370829", "used_car_trades", value: .text("3.5万辆")),
                    Self.row("370829", "scrapped_vehicles", value: .text("120辆")),
                    Self.row("370829", "industrial_output", value: .text("1.2亿")),
                    Self.row("370829", "new_car_sales", value: .text("约100")),
                    Self.row("370829", "new_car_sales", "2025-02", value: .text("3.67万吨")),
                ], format)
            let result = IntakeFixture.reader.read(path: path, submitter: nil)
            let issues = result.issues("value-with-unit")
            #expect(issues.map(\.location.cell) == ["D2", "D3", "D4", "D5"], "\(format): \(result.codes)")
            #expect(
                issues.map(\.messageZh) == [
                    "D2 的“数值”写成了“3.67万”，数值格只能填数字。本指标“新能源汽车保有量”的单位是辆，请填 36700；或填 3.67 并在“单位”列填“万辆”。",
                    "D3 的“数值”写成了“3.5万辆”，数值格只能填数字。请填 3.5 并在“单位”列填“万辆”；或直接填 35000（单位辆）。",
                    "D4 的“数值”写成了“120辆”，数值格只能填数字。请只填数字 120（单位已是辆）。",
                    "D5 的“数值”写成了“1.2亿”，数值格只能填数字。本指标“规模以上工业总产值”的单位是万元，请填 12000；或填 1.2 并在“单位”列填“亿元”。",
                ], "\(format)")
            #expect(
                issues.first?.messageEn
                    == "D2: value holds “3.67万”, a number with a unit or 万 in it; the unit of nev_stock is 辆: write 36700, or 3.67 with unit 万辆."
            )
            #expect(issues.allSatisfy { $0.severity == .error })
            // 约100, and a unit that does not fit the indicator, are not numbers.
            #expect(result.issues("type-error").map(\.location.cell) == ["D6", "D7"], "\(format)")
        }
    }

    /// A region written as its name is answered with its code, a malformed
    /// code with what a code looks like: never with a regular expression.
    @Test func aRegionNameIsAnsweredWithItsCode() throws {
        let path = try Self.file([Self.header, Self.row("冠县"), Self.row("3715")], .csv)
        let issues = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce).issues("constraint-error")
        #expect(
            issues.map(\.messageZh) == [
                "A2 的“地区代码”“冠县”是地区名称，请改填其代码 371525。",
                "A3 的“地区代码”“3715”不是地区代码：应填6位或9位行政区划代码，如 371502（本地单位如 371500-L01）。",
            ])
    }

    /// A month as Excel stores and shows it once it made it a date:
    /// `2026/11/1` as text, a date serial in a plain number cell.
    @Test func monthsAsExcelShowsThemAreMonths() throws {
        for format in Format.allCases {
            let path = try Self.file(
                [
                    Self.header, Self.row("370829", "nev_stock", "2025/3/1"),
                    Self.row("370829", "used_car_trades", "2025年3月"),
                    [.text("370829"), .text("scrapped_vehicles"), .number(45717), .number(5)],
                ], format)
            let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
            #expect(result.isAccepted, "\(format): \(result.issues.map(\.messageZh))")
            #expect(result.observations.map(\.period.description) == ["2025-03", "2025-03", "2025-03"], "\(format)")
        }
    }

    /// A transport file in the commerce folder: one issue saying where it
    /// belongs, not one 请删除该行 per row.
    @Test func aFileInTheWrongDepartmentsFolderIsOneIssue() throws {
        let path = try Self.file(
            [
                Self.header, Self.row("370829", "new_buses"), Self.row("370829", "buses"),
                Self.row("370829", "electric_buses"),
            ], .csv)
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(result.issues.map(\.code) == ["authority-folder"])
        #expect(
            result.issues.first?.messageZh == "这份文件的 3 行指标（new_buses、buses、electric_buses）都不由商务局报送，"
                + "文件可能放错了文件夹。请放到 Inbox/370829/transport/（交通运输局）中重新报送。")
        // One row of another department's among its own stays a row's issue.
        let mixed = try Self.file(
            [Self.header, Self.row("370829", "nev_stock"), Self.row("370829", "new_buses")], .csv)
        #expect(
            IntakeFixture.reader.read(path: mixed, submitter: IntakeFixture.commerce).issues.map(\.code) == [
                "authority-indicator"
            ])
    }

    /// 东昌府区's commerce file in 嘉祥县's folder: one issue naming the
    /// folder, the file's region and where it belongs, at its first row, in
    /// every format; not one per row.
    @Test func aFileInAnotherRegionsFolderIsOneIssue() throws {
        let rows = [Self.header] + ["nev_stock", "used_car_trades", "new_car_sales"].map { Self.row("371502", $0) }
        try expect("authority-region", .error, at: ["A2"], in: rows)
        let result = IntakeFixture.reader.read(path: try Self.file(rows, .csv), submitter: IntakeFixture.commerce)
        #expect(result.issues.map(\.code) == ["authority-region"])
        #expect(
            result.issues.first?.messageZh
                == "A2：这份文件全部 3 行的地区 371502（东昌府区）不在本单位辖区 370829（嘉祥县）内。"
                + "文件可能放错了文件夹，请放到 Inbox/371502/commerce/（东昌府区商务局）中重新报送；如确是本单位的数据，请改正地区代码。")
        #expect(
            result.issues.first?.messageEn
                == "A2: all 3 rows of the file: region 371502 is outside the submitter's region 370829. "
                + "It probably belongs in Inbox/371502/commerce/; if the figures are the folder's own, correct the region codes."
        )

        // Rows of two other regions: split by region.
        let two = [Self.header, Self.row("371502"), Self.row("371503", "used_car_trades")]
        let split = IntakeFixture.reader.read(path: try Self.file(two, .xlsx), submitter: IntakeFixture.commerce)
        #expect(split.issues.map(\.code) == ["authority-region"])
        #expect(split.issues.first?.location == IssueLocation(sheet: "明细", a1: "A2", row: 2, column: 1))
        #expect(
            split.issues.first?.messageZh.hasPrefix(
                "A2：这份文件全部 2 行的地区 371502（东昌府区）、371503（茌平区）不在本单位辖区 370829（嘉祥县）内。文件可能放错了文件夹，请按地区分开")
                == true, "\(split.issues.map(\.messageZh))")

        // One row of another region's among the folder's own stays a row's issue.
        let mixed = [Self.header, Self.row("370829"), Self.row("371502", "used_car_trades"), Self.row("371502")]
        try expect("authority-region", .error, at: ["A3", "A4"], in: mixed)
    }

    /// The same past the 100 issues a code keeps: 150 transport rows in the
    /// commerce folder are one authority-folder, nothing counted beside it.
    @Test func aLongFileInTheWrongDepartmentsFolderIsOneIssue() throws {
        let months = (0..<50).map { Period("2020-01")!.advanced(by: $0).description }
        let rows =
            [Self.header]
            + months.flatMap { month in ["new_buses", "buses", "electric_buses"].map { Self.row("370829", $0, month) } }
        let result = IntakeFixture.reader.read(path: try Self.file(rows, .csv), submitter: IntakeFixture.commerce)
        #expect(result.issues.map(\.code) == ["authority-folder"], "\(result.codes)")
        #expect(
            result.issues.first?.messageZh.hasPrefix("这份文件的 150 行指标（new_buses、buses、electric_buses）都不由商务局报送") == true)
    }

    /// Past the 100 issues a code keeps, the file's one issue still stands
    /// alone: no `more-issues` counting the rows it speaks for.
    @Test func aLongFileInAnotherRegionsFolderIsOneIssue() throws {
        let months = (0..<150).map { Period("2012-01")!.advanced(by: $0).description }
        let rows = [Self.header] + months.map { Self.row("371502", "nev_stock", $0) }
        let result = IntakeFixture.reader.read(path: try Self.file(rows, .csv), submitter: IntakeFixture.commerce)
        #expect(result.issues.map(\.code) == ["authority-region"], "\(result.issues.map(\.messageZh))")
        #expect(result.issues.first?.messageZh.hasPrefix("A2：这份文件全部 150 行的地区 371502（东昌府区）") == true)
    }

    @Test func cellTypesAndConstraints() throws {
        try expect(
            "type-error", .error, at: ["D2", "D3"],
            in: [
                Self.header, Self.row(value: .text("约100")),
                Self.row("370829", "used_car_trades", value: .text("35%")),
            ])
        try expect(
            "constraint-error", .error, at: ["A2", "D3"],
            in: [
                Self.header, Self.row("37-0829"), Self.row("370829", "used_car_trades", value: .number(-5)),
            ])
        // A required cell left empty, or holding a missing-value marker where no marker stands for a value.
        try expect(
            "blank-required", .error, at: ["B2", "D3"],
            in: [
                Self.header, [.text("370829"), .text("-"), .text("2025-03"), .number(3)],
                Self.row("370829", "used_car_trades", value: .empty) + [.text("备注")],
            ])
        // 无 and 不适用 in a number cell: nothing to report, no error and no figure.
        try expect(
            "blank-required", .error, at: [],
            in: [
                Self.header, Self.row("370829", "used_car_trades", value: .text("无")),
                Self.row("370829", "nev_stock", value: .text("不适用")),
                Self.row("370829", "scrapped_vehicles", value: .number(0)),
            ])
        try expect("period-invalid", .error, at: ["C2"], in: [Self.header, Self.row("370829", "nev_stock", "三月")])
        try expect("period-future", .error, at: ["C2"], in: [Self.header, Self.row("370829", "nev_stock", "2025-05")])
        try expect(
            "primary-key", .error, at: ["row 4"],
            in: [Self.header, Self.row(), Self.row("370829", "used_car_trades"), Self.row()])
    }

    @Test func domain() throws {
        try expect(
            "indicator-unknown", .error, at: ["B2", "B3"],
            in: [
                Self.header, Self.row("370829", "nev_stok"),
                Self.row("370829", "used_car_ratio"),
            ])
        try expect("region-unknown", .error, at: ["A2"], in: [Self.header, Self.row("370899")])
        try expect("unit-unknown", .error, at: ["E2"], in: [Self.header, Self.row(unit: "部车")])
        try expect("unit-mismatch", .error, at: ["E2"], in: [Self.header, Self.row(unit: "万元")])
        try expect("value-range", .error, at: ["D2"], in: [Self.header, Self.row(value: .number(2_000), unit: "万辆")])
    }

    @Test func authority() throws {
        try expect("authority-indicator", .error, at: ["B2"], in: [Self.header, Self.row("370829", "new_buses")])
        try expect("authority-region", .error, at: ["A2"], in: [Self.header, Self.row("370811")])
        // A city department reports for its counties.
        let city = Submitter(region: "370800", department: "commerce")
        try expect("authority-region", .error, at: [], in: [Self.header, Self.row("370829")], submitter: city)
    }

    @Test func percentIsUnderstoodWhereTheUnitIsPercent() throws {
        let agriculture = Submitter(region: "370829", department: "agriculture")
        for format in Format.allCases {
            let path = try Self.file(
                [
                    Self.header, Self.row("370829", "crop_mechanisation_rate", value: .text("35%")),
                    Self.row("370829", "crop_mechanisation_rate", "2025-02", value: .text("135%")),
                ], format)
            let result = IntakeFixture.reader.read(path: path, submitter: agriculture)
            #expect(result.observations.map(\.value) == [35], "\(format)")
            #expect(result.issues("value-range").map(\.location.cell) == ["D3"], "\(format)")
        }
    }

    @Test func fileLevelIssuesKeepTheReadersCode() throws {
        let reader = IntakeFixture.reader
        let missing = reader.read(path: "/nonexistent/report.csv", submitter: nil)
        #expect(missing.codes == ["file-unreadable"] && missing.issues[0].messageEn.contains("[file-unreadable]"))

        let truncated = try IntakeFixture.file(
            "cut.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 60))
        #expect(reader.read(path: truncated, submitter: nil).codes == ["file-corrupt"])

        let brokenCompound = try IntakeFixture.file(
            "old.xls", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        #expect(reader.read(path: brokenCompound, submitter: nil).codes == ["file-corrupt"])

        let misnamed = try IntakeFixture.file("report.xls", bytes: Array("地区代码,数值\n370829,1\n".utf8))
        let refused = reader.read(path: misnamed, submitter: nil)
        #expect(refused.codes == ["format-unsupported"] && refused.issues[0].messageEn.contains("[format-mismatch]"))

        let doctype = try IntakeFixture.file(
            "evil.xml",
            bytes: Array(
                """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>
                """.utf8))
        let unsafe = reader.read(path: doctype, submitter: nil)
        #expect(unsafe.codes == ["file-unsafe"] && unsafe.issues[0].messageEn.contains("xml-doctype"))

        let big = try IntakeFixture.csv([IntakeFixture.recordsHeader, "370829,nev_stock,2025-03,1,,"])
        var limits = ReadLimits()
        limits.maxFileBytes = 10
        #expect(
            SubmissionReader(catalog: IntakeFixture.catalog, limits: limits, today: Period("2025-04")!).read(
                path: big, submitter: nil
            ).codes == ["file-unsafe"])

        let utf16 = try IntakeFixture.file("odd.csv", bytes: [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])
        #expect(reader.read(path: utf16, submitter: nil).codes == ["encoding-error"])

        let empty = try IntakeFixture.csv([IntakeFixture.recordsHeader])
        #expect(reader.read(path: empty, submitter: nil).codes == ["file-empty"])
        let nothing = try IntakeFixture.file("nothing.csv", bytes: [])
        #expect(reader.read(path: nothing, submitter: nil).codes == ["file-empty"])
    }

    @Test func csvRowsAreThePhysicalLines() throws {
        // A quoted note spanning two lines pushes the next record to line 4.
        let path = try IntakeFixture.file(
            "multiline.csv",
            bytes: Array(
                """
                \(IntakeFixture.recordsHeader)\r
                370829,nev_stock,2025-03,100,,"第一行\r
                第二行"\r
                370829,used_car_trades,2025-03,abc,,\r

                """.utf8))
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        let issue = try #require(result.issues("type-error").first)
        #expect(issue.location == IssueLocation(cell: CellReference("D4")))
        #expect(issue.location.row == 4 && issue.location.column == 4)
    }
}
