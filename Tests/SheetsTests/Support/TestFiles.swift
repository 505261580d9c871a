import Foundation
import TestSupport
import Testing

@testable import Sheets

/// Where tests find the corpus and put the files they build.
enum TestFiles {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpus` beside the package, or nil when absent (which
    /// fails the asking test under CI: see `Prerequisite`).
    static var corpus: URL? {
        guard FileManager.default.fileExists(atPath: corpusURL.path) else {
            Prerequisite.missing("the shared corpus \(corpusURL.path)")
            return nil
        }
        return corpusURL
    }

    private static let corpusURL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static let expected = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/expected")

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The canonical CSV of one sheet, as a String.
    static func canonicalCSV(_ workbook: any Workbook, sheet: Int = 0) throws -> String {
        var bytes: [UInt8] = []
        try CanonicalCSVWriter.write(sheet: sheet, of: workbook) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A minimal workbook package around one worksheet's XML, for tests that
/// need a particular part content.
struct XLSXBuilder {
    var sheetData: String
    var sharedStrings: [String]? = nil
    /// The `<cellXfs>` number formats, by style index; custom codes by id.
    var styles: (formatIDs: [Int], custom: [Int: String])? = nil
    var workbookPr = ""
    var rawSheet: String? = nil

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    func archive() -> ZipBuilder {
        var zip = ZipBuilder()
        zip.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        zip.add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="\(Self.main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            \(workbookPr)<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        zip.add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        zip.add(
            "xl/worksheets/sheet1.xml",
            rawSheet ?? """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="\(Self.main)"><sheetData>\(sheetData)</sheetData></worksheet>
                """)
        if let sharedStrings {
            zip.add(
                "xl/sharedStrings.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <sst xmlns="\(Self.main)">\(sharedStrings.joined())</sst>
                """)
        }
        if let styles {
            let custom = styles.custom.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value)\"/>" }.joined()
            let xfs = styles.formatIDs.map { "<xf numFmtId=\"\($0)\"/>" }.joined()
            zip.add(
                "xl/styles.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <styleSheet xmlns="\(Self.main)"><numFmts>\(custom)</numFmts><cellXfs>\(xfs)</cellXfs></styleSheet>
                """)
        }
        return zip
    }

    /// Writes the package into `folder` and returns its path.
    func write(in folder: URL, name: String = "book.xlsx") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try archive().write(to: path)
        return path
    }
}
