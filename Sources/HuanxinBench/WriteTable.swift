import Sheets

/// The write benchmark's table: the submission table's shape with content
/// computed from the row index, so that huanxin, C libxlsxwriter and Python
/// XlsxWriter write the same cells (bench/peers/write_libxlsxwriter.c and
/// write_table.py compute the same; change all three together).
///
/// Row i (0-based, after the header): county `i % 8`, indicator `(i / 8) % 6`,
/// month `(i / 48) % 40` from 2023-01, 数值 `(i * 7919) % 5000` for counted
/// indicators and `((i * 104729) % 20000000) / 100` for amounts, remark
/// `i % 5` (the first is empty: no cell).
enum WriteTable {
    static let header = ["地区代码", "地区名称", "部门", "指标代码", "期间", "数值", "单位", "备注"]
    static let counties = [
        ("370102", "历下区"), ("370215", "即墨区"), ("370503", "河口区"), ("370702", "潍城区"),
        ("370830", "汶上县"), ("371102", "东港区"), ("371403", "陵城区"), ("371602", "滨城区"),
    ]
    /// Code, department, unit, whether the figure has decimals.
    static let indicators = [
        ("nev_stock", "商务局", "辆", false),
        ("used_car_trades", "商务局", "辆", false),
        ("industrial_output", "工业和信息化局", "万元", true),
        ("tech_upgrade_investment", "工业和信息化局", "万元", true),
        ("farm_machinery_purchased", "农业农村局", "台", false),
        ("crop_sown_area", "农业农村局", "亩", true),
    ]
    static let remarks = ["", "已核实", "含以旧换新补贴车辆，已报市局", "按\"以旧换新\"口径统计", "第二批次\n待复核"]

    /// Writes `rows` data rows under the header into a new workbook at
    /// `path`: constant memory (inline strings), default compression.
    static func write(rows: Int, to path: String) throws {
        let options = WorkbookWriter.Options(
            inlineStrings: true,
            properties: DocumentProperties(created: .init(year: 2024, month: 6, day: 1)))
        let workbook = try WorkbookWriter(path: path, options: options)
        let sheet = try workbook.addSheet("报送表")
        try sheet.beginRow()
        for name in header { try sheet.writeText(name) }

        // Every text as bytes once, so that the row loop allocates nothing.
        let countyCells = counties.map { (Array($0.0.utf8), Array($0.1.utf8)) }
        let indicatorCells = indicators.map { (Array($0.0.utf8), Array($0.1.utf8), Array($0.2.utf8), $0.3) }
        let remarkCells = remarks.map { Array($0.utf8) }
        let periods = (0..<40).map { month in
            Array("\(2023 + month / 12)-\(month % 12 < 9 ? "0" : "")\(month % 12 + 1)".utf8)
        }

        for i in 0..<rows {
            let (code, name) = countyCells[i % 8]
            let (indicator, department, unit, hasDecimals) = indicatorCells[(i / 8) % 6]
            try sheet.beginRow()
            try text(code, sheet)
            try text(name, sheet)
            try text(department, sheet)
            try text(indicator, sheet)
            try text(periods[(i / 48) % 40], sheet)
            if hasDecimals {
                try sheet.writeNumber(Double((i &* 104_729) % 20_000_000) / 100)
            } else {
                try sheet.writeNumber((i &* 7919) % 5000)
            }
            try text(unit, sheet)
            if i % 5 != 0 { try text(remarkCells[i % 5], sheet) }
        }
        try workbook.close()
    }

    private static func text(_ bytes: [UInt8], _ sheet: WorksheetWriter) throws {
        try bytes.withUnsafeBytes { try sheet.writeText(bytes: $0) }
    }
}
