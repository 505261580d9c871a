import Foundation
import TestSupport
import Testing

@testable import Sheets

/// Builds the workbook with every feature the writer has.
private func writeEveryFeature(to path: String, inlineStrings: Bool = false) throws {
    let properties = DocumentProperties(
        title: "以旧换新月报", author: "专班办公室",
        created: .init(year: 2025, month: 7, day: 1, hour: 8))
    let workbook = try WorkbookWriter(path: path, options: .init(inlineStrings: inlineStrings, properties: properties))
    let header = workbook.addStyle(.header)
    let thousands = workbook.addStyle(CellStyle(numberFormat: .thousands))
    let money = workbook.addStyle(CellStyle(numberFormat: .thousandsTwoDecimals))
    let percent = workbook.addStyle(CellStyle(numberFormat: .percentOneDecimal))
    let input = workbook.addStyle(CellStyle(border: .thin, locked: false))
    let custom = workbook.addStyle(CellStyle(italic: true, fontColor: .red, numberFormat: NumberFormat("0.000")))
    #expect(workbook.addStyle(CellStyle(numberFormat: .thousands)) == thousands)

    let sheet = try workbook.addSheet("总览")
    try sheet.setColumn(1, width: ColumnWidth.fitting("嘉祥县商务局"))
    try sheet.setColumns(2...3, width: 14)
    try sheet.freezePanes(rows: 1)
    try sheet.addRow(
        [.text("单位"), .text("数量"), .text("金额"), .text("完成率"), .text("日期"), .text("填报")],
        styles: Array(repeating: header, count: 6), height: 30)
    try sheet.beginRow()
    try sheet.writeText("嘉祥县商务局")
    try sheet.writeNumber(1_234_567, style: thousands)
    try sheet.writeNumber(9876.5, style: money)
    try sheet.writeNumber(0.123, style: percent)
    try sheet.writeDate(.init(year: 2025, month: 6, day: 30))
    try sheet.writeBlank(style: input)
    try sheet.beginRow()
    try sheet.writeText("001")
    try sheet.writeBoolean(true)
    try sheet.writeFormula("=B2*2", cached: .number(2_469_134))
    try sheet.writeNumber(3.14159, style: custom)
    try sheet.writeDate(.init(year: 2025, month: 6, day: 30, hour: 14, minute: 5))
    try sheet.writeText("  a < b & \"c\"  ")
    try sheet.beginRow(5)
    try sheet.writeText("合计")
    try sheet.writeFormula("SUM(B2:B3)", cached: .number(1_234_568))
    try sheet.writeFormula("IF(B2>0,\"是\",\"否\")", cached: .text("是"))
    try sheet.moveToColumn(6)
    try sheet.writeNumber(-0.5)
    try sheet.mergeCells(CellRange("A7:C7")!)
    try sheet.setAutoFilter(CellRange("A1:F3")!)
    try sheet.addValidation(
        DataValidation(
            range: CellRange("F2:F20")!, rule: .list(["是", "否"]),
            prompt: ("填报", "请选择")))
    try sheet.addValidation(
        DataValidation(range: CellRange("A2:A20")!, rule: .listRange(sheet: "选项", range: CellRange("A1:A3")!)))
    try sheet.addValidation(DataValidation(range: CellRange("B2:B20")!, rule: .wholeNumber(minimum: 0)))
    try sheet.addValidation(DataValidation(range: CellRange("C2:C20")!, rule: .decimal(minimum: 0, maximum: 1e9)))
    try sheet.addConditionalFormat(.dataBar(CellRange("D2:D20")!))
    try sheet.addConditionalFormat(
        ConditionalFormat(
            range: CellRange("B2:B20")!,
            rule: .cellValue(
                .lessThan, formulas: ["0"], style: CellStyle(fontColor: .red, fill: .lightRed))))
    try sheet.protect(password: "huanxin")

    let options = try workbook.addSheet("选项", visibility: .hidden)
    for unit in ["嘉祥县商务局", "任城区商务局", "曲阜市商务局"] { try options.addRow([.text(unit)]) }
    let meta = try workbook.addSheet("meta", visibility: .veryHidden)
    try meta.addRow([.text("layout"), .text("form-v1")])
    try workbook.close()
}

@Suite struct XLSXWriterTests {
    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func everyFeatureReadBackByOpenpyxlAndCalamine() throws {
        let path = try temporaryDirectory().appendingPathComponent("features.xlsx").path
        try writeEveryFeature(to: path)
        let json = try PythonReadBack.read(path)
        #expect(json["zip", "testzip"] is NSNull)

        let book = json["openpyxl"] as! [String: Any]
        #expect(book["title"] as? String == "以旧换新月报")
        #expect(book["creator"] as? String == "专班办公室")
        #expect(book["created"] as? String == "2025-07-01T08:00:00")
        #expect((book["sheets"] as! [[String: Any]]).map { $0["name"] as! String } == ["总览", "选项", "meta"])
        #expect(book["sheets", 1, "state"] as? String == "hidden")
        #expect(book["sheets", 2, "state"] as? String == "veryHidden")

        let sheet = book["sheets", 0] as! [String: Any]
        #expect(sheet["freeze"] as? String == "A2")
        #expect(sheet["merged"] as? [String] == ["A7:C7"])
        #expect(sheet["autofilter"] as? String == "A1:F3")
        #expect(sheet["protected"] as? Bool == true)
        #expect(sheet["widths", "A"] as? Double == 14)
        #expect(sheet["widths", "B"] as? Double == 14)  // openpyxl keys the B:C group by B
        #expect(sheet["heights", "1"] as? Double == 30)
        func cell(_ ref: String, _ key: String) -> Any? { sheet["cells", ref, key] }
        #expect(cell("A1", "bold") as? Bool == true)
        #expect(cell("A1", "fill") as? String == "FFD9D9D9")
        #expect(cell("A1", "border") as? String == "thin")
        #expect(cell("A1", "wrap") as? Bool == true)
        #expect(cell("A1", "horizontal") as? String == "center")
        #expect(cell("A2", "value") as? String == "嘉祥县商务局")
        #expect(cell("B2", "value") as? Int == 1_234_567)
        #expect(cell("B2", "format") as? String == "#,##0")
        #expect(cell("C2", "format") as? String == "#,##0.00")
        #expect(cell("D2", "value") as? Double == 0.123)
        #expect(cell("D2", "format") as? String == "0.0%")
        #expect(cell("E2", "value") as? String == "2025-06-30T00:00:00")
        #expect(cell("E2", "format") as? String == "yyyy-mm-dd")
        #expect(cell("F2", "locked") as? Bool == false)
        #expect(cell("A3", "value") as? String == "001")
        #expect(cell("B3", "value") as? Bool == true)
        #expect(cell("C3", "value") as? String == "=B2*2")
        #expect(cell("D3", "format") as? String == "0.000")
        #expect(cell("E3", "value") as? String == "2025-06-30T14:05:00")
        #expect(cell("E3", "format") as? String == "yyyy-mm-dd hh:mm:ss")
        #expect(cell("F3", "value") as? String == "  a < b & \"c\"  ")
        #expect(cell("F5", "value") as? Double == -0.5)

        let validations = sheet["validations"] as! [[String: Any]]
        #expect(validations.map { $0["formula1"] as? String } == ["\"是,否\"", "'选项'!$A$1:$A$3", "0", "0"])
        #expect(validations.map { $0["type"] as? String } == ["list", "list", "whole", "decimal"])
        #expect(validations[3]["formula2"] as? String == "1000000000")
        #expect(validations[2]["operator"] as? String == "greaterThanOrEqual")
        let conditional = sheet["conditional"] as! [[String: Any]]
        #expect(conditional.map { $0["type"] as? String } == ["dataBar", "cellIs"])
        #expect(conditional[1]["operator"] as? String == "lessThan")
        #expect(conditional[1]["dxf_fill"] as? String == "FFFFC7CE")

        // calamine: cached formula values, dates, the rows as a grid.
        let rows = json["calamine", "sheets", 0, "rows"] as! [[Any]]
        #expect(rows[1][0] as? String == "嘉祥县商务局")
        #expect(rows[1][4] as? String == "2025-06-30")
        #expect(rows[2][0] as? String == "001")
        #expect(rows[2][2] as? Double == 2_469_134)
        #expect(rows[2][4] as? String == "2025-06-30T14:05:00")
        #expect(rows[4][1] as? Double == 1_234_568)
        #expect(rows[4][2] as? String == "是")
        #expect(json["calamine", "sheets", 1, "rows", 2, 0] as? String == "曲阜市商务局")
        #expect((json["calamine", "visibility"] as? [String: String])?["meta"]?.lowercased().contains("very") ?? true)
    }

    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func inlineStringsReadBackTheSame() throws {
        let path = try temporaryDirectory().appendingPathComponent("inline.xlsx").path
        try writeEveryFeature(to: path, inlineStrings: true)
        let json = try PythonReadBack.read(path)
        #expect((json["zip", "entries"] as! [String: Any])["xl/sharedStrings.xml"] == nil)
        #expect(json["openpyxl", "sheets", 0, "cells", "A3", "value"] as? String == "001")
        #expect(json["openpyxl", "sheets", 0, "cells", "F3", "value"] as? String == "  a < b & \"c\"  ")
        #expect(json["calamine", "sheets", 0, "rows", 1, 0] as? String == "嘉祥县商务局")
    }

    @Test func sameCallsGiveIdenticalBytes() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("1.xlsx")
        let second = directory.appendingPathComponent("2.xlsx")
        try writeEveryFeature(to: first.path)
        try writeEveryFeature(to: second.path)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func tableWithStyledHeaderInOneCall() throws {
        let path = try temporaryDirectory().appendingPathComponent("table.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        try workbook.addTable(
            name: "汇总", header: ["地区", "新能源汽车保有量（辆）", "完成率"],
            rows: [
                [.text("嘉祥县"), .number(12_345), .number(0.875)],
                [.text("济宁市高新技术产业开发区"), .number(678), .number(1.02)],
            ],
            columnStyles: [nil, CellStyle(numberFormat: .thousands), CellStyle(numberFormat: .percentOneDecimal)])
        try workbook.close()
        let sheet = try PythonReadBack.read(path)["openpyxl", "sheets", 0] as! [String: Any]
        #expect(sheet["freeze"] as? String == "A2")
        #expect(sheet["autofilter"] as? String == "A1:C3")
        #expect(sheet["cells", "B1", "bold"] as? Bool == true)
        #expect(sheet["cells", "C3", "format"] as? String == "0.0%")
        // CJK counts double: 11 wide characters (full-width brackets too), plus padding.
        #expect(sheet["widths", "B"] as? Double == 24)
        #expect(sheet["widths", "A"] as? Double == 26)
    }

    @Test func sheetNamesFollowExcelsRules() throws {
        let workbook = try WorkbookWriter(path: try temporaryDirectory().appendingPathComponent("names.xlsx").path)
        _ = try workbook.addSheet("汇总")
        func code(_ name: String) -> SheetError.Code? {
            do {
                _ = try workbook.addSheet(name)
                return nil
            } catch let error as SheetError { return error.code } catch { return nil }
        }
        #expect(code("") == .invalidSheetName)
        #expect(code("   ") == .invalidSheetName)
        #expect(code(String(repeating: "表", count: 32)) == .invalidSheetName)
        for bad in ["a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'quoted", "end'", "History"] {
            #expect(code(bad) == .invalidSheetName, "\(bad)")
        }
        #expect(code("汇总") == .duplicateSheetName)
        #expect(code("Data") == nil)
        #expect(code("DATA") == .duplicateSheetName)
        #expect(code(String(repeating: "表", count: 31)) == nil)
        #expect(SheetName.sanitized("2025/06 [draft]", existing: []) == "2025_06 _draft_")
        #expect(SheetName.sanitized("data", existing: ["Data"]) == "data (2)")
    }

    @Test func callsOutOfOrderAreRefused() throws {
        let workbook = try WorkbookWriter(path: try temporaryDirectory().appendingPathComponent("order.xlsx").path)
        let sheet = try workbook.addSheet("表1")
        try sheet.addRow([.number(1)])
        #expect(throws: SheetError.self) { try sheet.setColumn(1, width: 10) }
        #expect(throws: SheetError.self) { try sheet.freezePanes(rows: 1) }
        #expect(throws: SheetError.self) { try sheet.beginRow(1) }
        try sheet.beginRow()
        try sheet.moveToColumn(3)
        #expect(throws: SheetError.self) { try sheet.moveToColumn(2) }
        try sheet.mergeCells(CellRange("A5:B6")!)
        #expect(throws: SheetError.self) { try sheet.mergeCells(CellRange("B6:C7")!) }
        #expect(throws: SheetError.self) {
            try sheet.addValidation(DataValidation(range: CellRange("A1")!, rule: .list(["a,b"])))
        }
        #expect(throws: SheetError.self) {
            try sheet.addValidation(
                DataValidation(range: CellRange("A1")!, rule: .list(Array(repeating: "选项很长", count: 60))))
        }
        _ = try workbook.addSheet("表2")
        #expect(throws: SheetError.self) { try sheet.beginRow() }
        try workbook.close()
    }

    @Test func workbookWithoutVisibleSheetIsRefused() throws {
        let workbook = try WorkbookWriter(path: try temporaryDirectory().appendingPathComponent("hidden.xlsx").path)
        _ = try workbook.addSheet("隐藏", visibility: .hidden)
        #expect { try workbook.close() } throws: { ($0 as? SheetError)?.code == .noVisibleSheet }
    }

    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func awkwardTextSurvives() throws {
        let path = try temporaryDirectory().appendingPathComponent("text.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("文本")
        let texts = [
            "tab\there", "line\nbreak", "cr\rreturn", "bell\u{07}char", "_x0041_ literal", "emoji 😀", "", "]]>",
        ]
        for text in texts { try sheet.addRow([.text(text)]) }
        try workbook.close()
        let rows = try PythonReadBack.read(path)["calamine", "sheets", 0, "rows"] as! [[Any]]
        #expect(rows.map { $0.first as? String } == texts.map { $0 })
    }

    @Test func numbersUseTheShortestRoundTrip() throws {
        let directory = try temporaryDirectory()
        let stream = ByteStream(sink: try FileDescriptorSink(path: directory.appendingPathComponent("n").path))
        for value in [0.1, 1e-7, 123_456_789_012_345.0, -0.0, 1e21, 0.30000000000000004, 2.5] {
            try stream.appendNumber(value)
            try stream.append(UInt8(ascii: " "))
        }
        try stream.flush()
        let text = try String(contentsOf: directory.appendingPathComponent("n"), encoding: .utf8)
        #expect(text == "0.1 1e-07 123456789012345 0 1e+21 0.30000000000000004 2.5 ")
    }

    @Test func fontsAreTheThemesMinorFontAsChineseExcelWritesThem() throws {
        let path = try temporaryDirectory().appendingPathComponent("fonts.xlsx").path
        try writeEveryFeature(to: path)
        let zip = try ZipArchive(path: path)
        let styles = String(decoding: try zip.readEntry("xl/styles.xml"), as: UTF8.self)
        // As Chinese Excel writes its default font (the corpus's picture.xlsx): 等线 with GB2312 (134)
        // as the East Asian character set, the theme's minor font, the theme's dark text colour.
        #expect(
            styles.contains(
                #"<fonts count="3"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font><font><b/><sz val="11"/>"#
            ))
        #expect(styles.contains(#"<font><i/><sz val="11"/><color rgb="FF9C0006"/><name val="等线"/>"#))
        #expect(!styles.contains("Calibri"))
        // The theme the fonts refer to is part of the package, as Excel links it.
        let relationships = String(decoding: try zip.readEntry("xl/_rels/workbook.xml.rels"), as: UTF8.self)
        #expect(
            relationships.contains(
                #"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            ))
        let types = String(decoding: try zip.readEntry("[Content_Types].xml"), as: UTF8.self)
        #expect(
            types.contains(
                #"<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#
            ))
    }

    /// The theme part is the one Chinese Excel 2016 and later write (the
    /// corpus's Excel-made `xlsx-calamine/picture.xlsx`), byte for byte after
    /// the declaration line (Excel ends it with CR LF). The `xlsx-excel` files
    /// carry Excel 2007's theme (Cambria, Calibri, 宋体), not today's.
    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func themeIsChineseExcels() throws {
        let path = try temporaryDirectory().appendingPathComponent("theme.xlsx").path
        try writeEveryFeature(to: path)
        let ours = try ZipArchive(path: path).readEntry("xl/theme/theme1.xml")
        let excel = try ZipArchive(
            path: TestFiles.corpus!.appendingPathComponent("xlsx-calamine/picture.xlsx").path
        ).readEntry("xl/theme/theme1.xml")
        // Bytes, not characters: Swift takes CR LF for one character.
        func body(_ bytes: [UInt8]) -> String {
            String(decoding: bytes.drop { $0 != UInt8(ascii: "\n") }.dropFirst(), as: UTF8.self)
        }
        #expect(body(ours) == body(excel))
        let theme = body(ours)
        for font in [
            #"<a:majorFont><a:latin typeface="Calibri Light" panose="020F0302020204030204"/>"#,
            #"<a:minorFont><a:latin typeface="Calibri" panose="020F0502020204030204"/>"#,
            #"<a:font script="Hans" typeface="等线 Light"/>"#, #"<a:font script="Hans" typeface="等线"/>"#,
        ] {
            #expect(theme.contains(font))
        }
    }

    @Test func legacyPasswordHashMatchesExcel() {
        // libxlsxwriter's protect02 test: "password" hashes to 83AF.
        #expect(WorksheetWriter.legacyPasswordHash("password") == 0x83AF)
    }
}

/// LibreOffice reads what we wrote (`make test-office` installs it).
@Suite struct OfficeReadBackTests {
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `soffice --headless` with its own user profile: two LibreOffice
    /// processes sharing one profile (tests run in parallel) lock each other out.
    static func office(_ arguments: [String]) -> Int32 {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lo-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        return PythonReadBack.run(
            soffice!, ["-env:UserInstallation=\(profile.absoluteString)", "--headless"] + arguments)
    }

    @Test(.enabled(if: soffice != nil, "soffice is not installed; run make test-office"))
    func officeConvertsWhatWeWroteToCSV() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("office.xlsx").path
        try writeEveryFeature(to: path)
        let status = Self.office([
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", directory.path, path,
        ])
        #expect(status == 0)
        let csv = try String(contentsOf: directory.appendingPathComponent("office.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "单位,数量,金额,完成率,日期,填报")
        #expect(lines[1] == "嘉祥县商务局,\"1,234,567\",\"9,876.50\",12.3%,2025-06-30,")
        #expect(lines[2].hasPrefix("001,TRUE,2469134,3.142,2025-06-30 14:05:00,"))
    }
}

/// A million rows in constant memory: run with `HUANXIN_LONG_TESTS=1`
/// (best in release: `swift test -c release --filter XLSXWriterLongTests`).
@Suite struct XLSXWriterLongTests {
    static let enabled = ProcessInfo.processInfo.environment["HUANXIN_LONG_TESTS"] == "1"

    @Test(.enabled(if: enabled, "set HUANXIN_LONG_TESTS=1"))
    func millionRowsInConstantMemory() throws {
        let path = try temporaryDirectory().appendingPathComponent("million.xlsx").path
        let start = ContinuousClock.now
        let workbook = try WorkbookWriter(path: path, options: .init(inlineStrings: true))
        let date = workbook.addStyle(CellStyle(numberFormat: .isoDate))
        let percent = workbook.addStyle(CellStyle(numberFormat: .percentOneDecimal))
        let sheet = try workbook.addSheet("明细")
        let regions = ["嘉祥县", "任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县"]
        for row in 1...1_000_000 {
            try sheet.beginRow()
            try sheet.writeNumber(row)
            try sheet.writeText("R\(row)")
            try sheet.writeText(regions[row & 7])
            try sheet.writeNumber(Double(row) * 1.25)
            try sheet.writeNumber(row % 977)
            try sheet.writeNumber(45_658 + row % 365, style: date)
            try sheet.writeNumber(Double(row % 1000) / 1000, style: percent)
            try sheet.writeText("备注")
        }
        try workbook.close()
        let elapsed = ContinuousClock.now - start
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM: ?"
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        print("1,000,000 rows × 8 columns: \(elapsed), \(size) bytes, peak \(peak)")
        let kilobytes = Int(peak.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "") ?? .max
        #expect(kilobytes < 200_000)
    }
}
