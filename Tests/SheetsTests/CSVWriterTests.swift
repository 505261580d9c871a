import Foundation
import Testing

@testable import Sheets

@Suite struct CSVWriterTests {
    /// The bytes of a CSV file written by `body`.
    private func written(_ options: CSVWriter.Options = .init(), _ body: (CSVWriter) throws -> Void) throws -> [UInt8] {
        let path = try temporaryDirectory().appendingPathComponent("out.csv").path
        let writer = try CSVWriter(path: path, options: options)
        try body(writer)
        try writer.close()
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func utf8WithBOMAndCRLFByDefault() throws {
        let bytes = try written {
            try $0.writeRecord([.text("地区"), .text("数值")])
            try $0.writeRecord([.text("嘉祥县"), .number(12.5)])
        }
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("地区,数值\r\n嘉祥县,12.5\r\n".utf8))
    }

    @Test func quotesFollowRFC4180() throws {
        let bytes = try written(.init(encoding: .utf8, lineEnding: .lf)) {
            try $0.writeRecord([
                .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text("plain"), .empty, .text(""),
            ])
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain,,\n")
    }

    @Test func formulaInjectionIsGuardedAndNumbersAreNot() throws {
        let bytes = try written(.init(encoding: .utf8, lineEnding: .lf)) {
            try $0.writeRecord([
                .text("=SUM(A1:A9)"), .text("+1"), .text("-1"), .text("@cmd"), .text("\tx"), .text("\rx"),
            ])
            try $0.writeRecord([.number(-5), .number(1e-7), .text("a=b"), .text("1+1")])
            try $0.writeRecord([.text("=HYPERLINK(\"http://x\",\"y\")")])
        }
        #expect(
            String(decoding: bytes, as: UTF8.self) == """
                '=SUM(A1:A9),'+1,'-1,'@cmd,'\tx,"'\rx"
                -5,1e-07,a=b,1+1
                "'=HYPERLINK(""http://x"",""y"")"

                """)
    }

    @Test func guardCanBeTurnedOff() throws {
        let bytes = try written(.init(encoding: .utf8, lineEnding: .lf, guardsFormulas: false)) {
            try $0.writeRecord([.text("=1+1")])
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "=1+1\n")
    }

    @Test func datesBooleansAndErrorsAsText() throws {
        let bytes = try written(.init(encoding: .utf8, lineEnding: .lf)) {
            let day = ExcelDate.serial(.init(year: 2025, month: 7, day: 1))
            try $0.writeRecord([.dateTime(day), .dateTime(day + 0.5), .boolean(true), .error("#N/A")])
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "2025-07-01,2025-07-01 12:00:00,TRUE,#N/A\n")
    }

    @Test func gb18030OnRequestAcrossBlockBoundaries() throws {
        // 30,000 three-byte characters cross the 64 KiB buffer boundary mid-character.
        let text = "x" + String(repeating: "中", count: 30_000)
        let bytes = try written(.init(encoding: .gb18030, lineEnding: .lf)) {
            try $0.writeRecord([.text(text), .text("€")])
        }
        let expected: [UInt8] =
            [0x78] + Array(repeating: [0xD6, 0xD0], count: 30_000).flatMap { $0 }
            + [0x2C, 0xA2, 0xE3, 0x0A]  // GB18030 has € at A2E3
        #expect(bytes == expected)
    }
}
