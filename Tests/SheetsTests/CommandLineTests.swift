import Foundation
import TestSupport
import Testing

@testable import Sheets

/// `huanxin cat` and `huanxin convert` as a technician runs them: the built
/// binary `.build/debug/huanxin`, its stdout bytes, stderr and exit status.
/// Skipped (with a note) when the binary has not been built.
@Suite struct CommandLineTests {
    static let binary = TestFiles.packageRoot.appendingPathComponent(".build/debug/huanxin").path

    struct Outcome {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    /// Runs huanxin with `arguments`, or nil (with a note) when it is not built.
    func huanxin(_ arguments: String...) throws -> Outcome? {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            Prerequisite.missing("\(Self.binary) (swift build)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both before waiting, so that a full pipe cannot stall the child.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }

    // MARK: cat

    @Test(.needsCorpus) func catDecodesUTF16CSV() throws {
        guard let path = ReaderFixtures.corpusFile("csv", "premiere.utf16lebom.csv"),
            let outcome = try huanxin("cat", path)
        else { return }
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Array("première,second,troisième\nQuatrième,cinquième,sixième\n".utf8))
        #expect(outcome.stderr.isEmpty)
    }

    @Test(.needsCorpus) func catReadsXML2003() throws {
        guard let path = ReaderFixtures.corpusFile("xml2003", "excel2003.iso8859-1.xml"),
            let outcome = try huanxin("cat", path)
        else { return }
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Array("Voilà\nPhpSpreadsheet\n".utf8))
    }

    @Test(.needsCorpus) func catOfABrokenFileFailsWithTheCode() throws {
        guard let path = ReaderFixtures.corpusFile("xml2003", "CorruptedXmlFile.xml"),
            let outcome = try huanxin("cat", path)
        else { return }
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("无法读取 cannot read"))
        #expect(outcome.stderr.contains("[xml-malformed]"))
    }

    @Test(.needsCorpus) func catOfAMissingSheetListsTheSheets() throws {
        guard let path = ReaderFixtures.corpusFile("xml2003", "ArrayFormula.xml"),
            let outcome = try huanxin("cat", path, "--sheet", "2")
        else { return }
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("[sheet-not-found]") && outcome.stderr.contains("'Sheet1'"))
    }

    // MARK: convert

    @Test(.needsCorpus) func convertWritesAWorkbookAndACSVBySheetName() throws {
        guard let source = ReaderFixtures.corpusFile("xml2003", "ArrayFormula.xml") else { return }
        let folder = try TestFiles.temporaryFolder()
        let xlsx = folder.appendingPathComponent("转换.xlsx").path
        guard let outcome = try huanxin("convert", source, xlsx) else { return }
        #expect(outcome.status == 0)
        #expect(try TestFiles.canonicalCSV(XLSXWorkbook(path: xlsx)) == "a,a-1,1\nb,b-2,2\nc,c-3,3\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["转换.xlsx"])  // no temporary left

        let csv = folder.appendingPathComponent("表.csv").path
        let second = try huanxin("convert", xlsx, csv, "--sheet", "Sheet1")
        #expect(second?.status == 0)
        #expect(
            try Array(Data(contentsOf: URL(fileURLWithPath: csv))) == [0xEF, 0xBB, 0xBF]
                + Array("a,a-1,1\r\nb,b-2,2\r\nc,c-3,3\r\n".utf8))
    }

    @Test(.needsCorpus) func convertFailuresLeaveTheOutputAlone() throws {
        guard let broken = ReaderFixtures.corpusFile("xml2003", "CorruptedXmlFile.xml"),
            let good = ReaderFixtures.corpusFile("xml2003", "ArrayFormula.xml")
        else { return }
        let folder = try TestFiles.temporaryFolder()
        let output = folder.appendingPathComponent("out.csv")
        try Data("previous\n".utf8).write(to: output)

        let unreadable = try huanxin("convert", broken, output.path)
        #expect(unreadable?.status == 2)
        #expect(unreadable?.stderr.contains("[xml-malformed]") == true)
        let noSheet = try huanxin("convert", good, output.path, "--sheet", "9")
        #expect(noSheet?.status == 3)
        let badFormat = try huanxin("convert", good, folder.appendingPathComponent("out.ods").path)
        #expect(badFormat?.status == 4)
        #expect(badFormat?.stderr.contains("[unsupported-output]") == true)
        let badFolder = try huanxin("convert", good, output.appendingPathComponent("x.xlsx").path)
        #expect(badFolder?.status == 4)
        #expect(badFolder?.stderr.contains("无法写入 cannot write") == true)

        #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }
}
