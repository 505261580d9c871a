import Catalog
import Sheets
import Testing
import Vocabulary

@testable import Intake

@Suite struct FormLayoutTests {
    private func read(_ form: FormFixture, submitter: Submitter? = IntakeFixture.commerce) throws -> IntakeResult {
        IntakeFixture.reader.read(path: try form.write(), submitter: submitter)
    }

    @Test func cleanFormIsAcceptedWithSourceCells() throws {
        let result = try read(FormFixture())
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.layout == "form")
        #expect(result.observations.map(\.indicator) == ["nev_stock", "scrapped_vehicles", "used_car_trades"])
        #expect(result.observations.map(\.value) == [12_000, 85, 1_200])
        #expect(result.observations.allSatisfy { $0.region == "370829" && $0.period == Period("2025-03") })
        #expect(
            result.observations.map(\.source)
                == (8...10).map { IssueLocation(sheet: "月报", cell: CellReference(row: $0, column: 4)) })
    }

    @Test func aFormWhoseEveryValueFailsNamesTheMonthOfItsHeader() throws {
        var form = FormFixture()
        for index in form.rows.indices { form.rows[index].value = .t("x") }
        let result = try read(form)
        #expect(!result.isAccepted && result.observations.isEmpty)
        #expect(result.periods == [Period("2025-03")!])
    }

    /// A value left blank is an error naming its cell and indicator; 无 or
    /// 不适用 says there is nothing to report (no figure, no error); 0 is a figure.
    @Test func aBlankValueIsAnErrorUnlessWrittenAsNothingToReport() throws {
        var form = FormFixture()
        form.rows[1].value = .empty
        let blank = try read(form)
        #expect(!blank.isAccepted)
        let issue = try #require(blank.issues("blank-required").first)
        #expect(issue.location.cell == "D9" && issue.location.sheet == "月报")
        #expect(issue.messageZh == "D9 的“本月数值”为空（指标 scrapped_vehicles）。请填写；没有发生请填 0，不适用请填“无”或“不适用”。")

        form.rows[1].value = .t("无")
        form.rows[2].value = .t("不适用")
        let declared = try read(form)
        #expect(declared.isAccepted, "\(declared.issues)")
        #expect(declared.observations.map(\.indicator) == ["nev_stock"])
    }

    @Test func missingIdentitySheetIsRejected() throws {
        var form = FormFixture()
        form.hasIdentity = false
        let result = try read(form)
        let issue = try #require(result.issues("template-identity-missing").first)
        #expect(issue.severity == .error && issue.messageZh.contains("缺失"))
        #expect(!result.isAccepted)
    }

    @Test func movedRowsAreNamed() throws {
        var form = FormFixture()
        form.identityIndicators = ["nev_stock", "scrapped_vehicles", "used_car_trades"]
        form.rows.swapAt(1, 2)
        let result = try read(form)
        let altered = result.issues("template-altered")
        #expect(altered.map(\.location.cell) == ["A9", "A10"])
        #expect(altered[0].messageZh.contains("A9应为指标“scrapped_vehicles”，实为“used_car_trades”"))
        #expect(altered[0].messageEn.contains("should hold indicator scrapped_vehicles, found used_car_trades"))
    }

    @Test func renamedAndRemovedRowsAreNamed() throws {
        var form = FormFixture()
        form.identityIndicators = ["nev_stock", "scrapped_vehicles", "used_car_trades", "new_car_sales"]
        form.rows[0].code = "nev_stocks"
        let result = try read(form)
        let altered = result.issues("template-altered")
        #expect(altered.count == 2)
        #expect(altered[0].location.cell == "A8" && altered[0].messageZh.contains("实为“nev_stocks”"))
        #expect(altered[1].location.row == 11 && altered[1].messageZh.contains("缺少指标“new_car_sales”"))
        #expect(result.issues("indicator-unknown").first?.location.cell == "A8")
    }

    @Test func changedHeaderRegionAndPeriodAreNamed() throws {
        var form = FormFixture()
        form.shownRegion = "370811"
        form.shownPeriod = "2025-02"
        let result = try read(form)
        let altered = result.issues("template-altered")
        #expect(altered.map(\.location.cell) == ["B4", "B5"])
        #expect(altered[0].messageZh.contains("应为 370829") && altered[0].messageZh.contains("实为 370811"))
        #expect(altered[1].messageEn.contains("period should be 2025-03"))
    }

    @Test func templateOfAnotherDepartmentOrRegionIsRefused() throws {
        let form = FormFixture()
        let otherDepartment = try read(form, submitter: IntakeFixture.transport)
        #expect(otherDepartment.issues("authority-department").first?.location.cell == "B3")
        // One issue for the one problem: no 请删除该行 for each of its rows.
        #expect(
            otherDepartment.issues("authority-indicator").isEmpty && otherDepartment.issues("authority-folder").isEmpty)
        #expect(!otherDepartment.isAccepted)
        let otherRegion = try read(form, submitter: Submitter(region: "370811", department: "commerce"))
        let region = try #require(otherRegion.issues("authority-region").first)
        #expect(region.location.cell == "B4" && region.messageZh.contains("任城区"))
        #expect(otherRegion.observations.isEmpty)
    }

    @Test func formWithoutFolderSkipsAuthority() throws {
        let result = try read(FormFixture(), submitter: nil)
        #expect(result.isAccepted, "\(result.issues)")
    }
}
