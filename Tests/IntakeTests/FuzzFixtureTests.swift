import Foundation
import Testing
import Vocabulary

@testable import Intake

/// Inputs the fuzzer (`make fuzz`) stopped on, each named after what it
/// holds, read as the `intake` target reads them: within the per-file
/// bounds and well inside the fuzzer's 10-second time-out.
@Suite struct FuzzFixtureTests {
    static let folder = IntakeFixture.packageRoot.appendingPathComponent("Tests/IntakeTests/Fixtures/fuzz")
    static let submitter = Submitter(region: "370829", department: "commerce")

    /// A demo records workbook, mutated: its 60 rows are of 聊城 (371500-L03),
    /// outside 嘉祥县's authority: one issue for the file, not 60. Reported as
    /// a time-out by an ASan build at nice 10 on a machine loaded 20-fold;
    /// 0.16 s in a debug build.
    @Test func recordsOutsideTheSubmittersRegionAreOneAuthorityError() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = IntakeFixture.reader.read(
            path: Self.folder.appendingPathComponent("records-60-rows-outside-authority.xlsx").path,
            submitter: Self.submitter)
        #expect(clock.now - start < .seconds(10))
        #expect(result.issues.map(\.code) == ["authority-region", "authority-folder"])
        let first = try #require(result.issues.first { $0.code == "authority-region" })
        #expect(first.location.sheet == "明细" && first.location.cell == "A2")
        #expect(first.messageZh.contains("这份文件全部 60 行的地区 371500-L03"), "\(first.messageZh)")
        #expect(!result.isAccepted)
    }
}
