import Foundation
import Sheets

/// A `records`-layout submission (header row, then one row per region ×
/// indicator × period) in one of the three formats departments send.
struct RecordsFile {
    enum Format {
        case csv(CSVWriter.Encoding)
        case xml2003
        case xlsx

        var fileExtension: String {
            switch self {
            case .csv: "csv"
            case .xml2003: "xml"
            case .xlsx: "xlsx"
            }
        }
    }

    /// Header spellings departments use; intake knows them all as aliases.
    static let headers = [
        ["地区代码", "指标代码", "期间", "数值", "单位", "备注"],
        ["region", "indicator", "period", "value", "unit", "note"],
        ["区划代码", "指标", "月份", "本月数值", "计量单位", "说明"],
    ]

    var title: String
    var header: [String]
    var rows: [[CellValue]]
    /// The document date of the XLSX form (fixed, for identical bytes).
    var date: ExcelDate.Components

    func write(to path: String, format: Format) throws {
        switch format {
        case .csv(let encoding): try writeCSV(to: path, encoding: encoding)
        case .xml2003: try Data(xml2003.utf8).write(to: URL(fileURLWithPath: path))
        case .xlsx: try writeXLSX(to: path)
        }
    }

    private func writeCSV(to path: String, encoding: CSVWriter.Encoding) throws {
        let writer = try CSVWriter(path: path, options: .init(encoding: encoding))
        try writer.writeRecord(header.map(CellValue.text))
        for row in rows { try writer.writeRecord(row) }
        try writer.close()
    }

    private func writeXLSX(to path: String) throws {
        let properties = DocumentProperties(
            title: title, subject: "示例数据 Demo data", author: "焕新 huanxin 示例", created: date)
        let workbook = try WorkbookWriter(path: path, options: .init(properties: properties))
        try workbook.addTable(name: "明细", header: header, rows: rows)
        try workbook.close()
    }

    /// XML Spreadsheet 2003, written as text the way ERP exports do.
    private var xml2003: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <o:DocumentProperties><o:Title>\(Self.escaped(title))</o:Title><o:Author>示例数据</o:Author></o:DocumentProperties>
             <Worksheet ss:Name="明细">
              <Table>

            """
        func cell(_ value: CellValue) -> String {
            switch value {
            case .number(let number): "<Cell><Data ss:Type=\"Number\">\(Self.numberText(number))</Data></Cell>"
            case .text(let text): "<Cell><Data ss:Type=\"String\">\(Self.escaped(text))</Data></Cell>"
            default: "<Cell/>"
            }
        }
        for row in [header.map(CellValue.text)] + rows {
            xml += "   <Row>" + row.map(cell).joined() + "</Row>\n"
        }
        xml += "  </Table>\n </Worksheet>\n</Workbook>\n"
        return xml
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// `12`, `3.5`: no trailing `.0`.
    static func numberText(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        return "\(value)"
    }
}
