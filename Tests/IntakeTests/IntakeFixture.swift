import Catalog
import Foundation
import Sheets
import Vocabulary

@testable import Intake

/// The real catalog, submitters from it, and files built by the tests.
enum IntakeFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Schemas/` of the repository, loaded once per process.
    static let catalog: Catalog = CatalogLoader(schemas: packageRoot.appendingPathComponent("Schemas")).load().catalog

    /// 嘉祥县商务局 and 嘉祥县交通运输局 (济宁市).
    static let commerce = Submitter(region: "370829", department: "commerce")
    static let transport = Submitter(region: "370829", department: "transport")

    /// Reports are read as in April 2025, so that 2025-03 is past and 2025-05 to come.
    static let reader = SubmissionReader(catalog: catalog, today: Period("2025-04")!)

    /// A fresh folder for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-intake-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `name` in a fresh folder and returns its path.
    static func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = try directory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A CSV file with `lines` joined by CRLF, as Excel writes them, in UTF-8.
    static func csv(_ lines: [String], name: String = "report.csv") throws -> String {
        try file(name, bytes: Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A])
    }

    /// An XLSX workbook with one sheet of `rows`, written by our writer.
    static func xlsx(_ rows: [[CellValue]], sheet: String = "明细", name: String = "report.xlsx") throws -> String {
        let path = try directory().appendingPathComponent(name).path
        let workbook = try WorkbookWriter(path: path)
        let writer = try workbook.addSheet(sheet)
        for row in rows { try writer.addRow(row) }
        try workbook.close()
        return path
    }

    /// An XML Spreadsheet 2003 file with one sheet of text and number cells.
    static func xml2003(_ rows: [[CellValue]], sheet: String = "明细", name: String = "report.xml") throws -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="\(sheet)"><Table>

            """
        for row in rows {
            text += "<Row>"
            for value in row {
                switch value {
                case .number(let number): text += "<Cell><Data ss:Type=\"Number\">\(number)</Data></Cell>"
                case .text(let string): text += "<Cell><Data ss:Type=\"String\">\(string)</Data></Cell>"
                default: text += "<Cell/>"
                }
            }
            text += "</Row>\n"
        }
        text += "</Table></Worksheet></Workbook>\n"
        return try file(name, bytes: Array(text.utf8))
    }

    static let recordsHeader = "地区代码,指标代码,期间,数值,单位,备注"
}

extension IntakeResult {
    /// The issues with `code`.
    func issues(_ code: String) -> [Issue] { issues.filter { $0.code == code } }

    /// Codes of all issues, for failure messages.
    var codes: [String] { issues.map(\.code) }
}

extension CellValue {
    static func t(_ text: String) -> CellValue { .text(text) }
    static func n(_ number: Double) -> CellValue { .number(number) }
}
