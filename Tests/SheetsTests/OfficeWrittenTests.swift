import Foundation
import Testing

@testable import Sheets

/// Files LibreOffice writes (XLSX, XLS, ODS, and XML Spreadsheet 2003
/// through its "MS Excel 2003 XML" filter) read the same as the CSV they came from:
/// text stays text (`001`), numbers and dates keep their types.
@Suite struct OfficeWrittenTests {
    static let source = "地区代码,地区名称,数值,日期,备注\n370829,嘉祥县,1234.5,2026-10-31,\"含,逗号\"\n001,测试,0.1,2026-01-01,\n"
    static let expected = "地区代码,地区名称,数值,日期,备注\n370829,嘉祥县,1234.5,2026-10-31,\"含,逗号\"\n001,测试,0.1,2026-01-01\n"

    @Test(
        .enabled(if: OfficeReadBackTests.soffice != nil, "soffice is not installed; run make test-office"),
        arguments: ["xlsx", "xls", "ods", "xml:MS Excel 2003 XML"])
    func officeFilesReadAsTheirSource(filter: String) throws {
        let csv = try ReaderFixtures.temporaryFile("source.csv", Array(Self.source.utf8))
        let directory = URL(fileURLWithPath: csv).deletingLastPathComponent()
        // Column 1 as text, 2 standard, 3 standard, 4 a YMD date, 5 text.
        let status = OfficeReadBackTests.office([
            "--infilter=CSV:44,34,76,1,1/2/2/2/3/1/4/5/5/2", "--convert-to", filter, "--outdir", directory.path, csv,
        ])
        #expect(status == 0)
        let written = directory.appendingPathComponent("source." + filter.prefix { $0 != ":" }).path
        var output: [UInt8] = []
        try CanonicalCSVWriter.write(sheet: 0, of: openWorkbook(atPath: written)) { output.append(contentsOf: $0) }
        #expect(String(decoding: output, as: UTF8.self) == Self.expected)
    }
}
