import Sheets
import Testing
import Vocabulary

@testable import Intake

@Suite struct IssueTests {
    @Test func locationsReadAsPeopleSeeThem() {
        let inSheet = IssueLocation(sheet: "报表", cell: CellReference("D7"))
        #expect(inSheet.chinese == "工作表“报表” 单元格 D7")
        #expect(inSheet.row == 7 && inSheet.column == 4)
        #expect(IssueLocation(row: 12, column: 3).chinese == "第12行 第3列")
        #expect(IssueLocation().chinese.isEmpty)
    }

    @Test func errorsOutweighWarnings() {
        let issues = [Severity.warning, .error, .warning]
        #expect(issues.max() == .error)
        #expect(Severity.error.chinese == "错误")
    }
}
