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
        #expect(issue.messageZh == "D9 的“本月数值”为空（指标“报废汽车规范回收拆解量” scrapped_vehicles）。请填写；没有发生请填 0，不适用请填“无”或“不适用”。")

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

    /// The header block's labels may be any of their aliases, spaced, in
    /// full-width letters or another case: the cells beside them are read.
    @Test func headerBlockLabelsAreFoundByTheirAliases() throws {
        var form = FormFixture()
        form.labels = ["报送单位", "Ｒｅｇｉｏｎ", " 报 告 期 "]
        form.shownPeriod = "2025-02"
        let result = try read(form)
        #expect(result.isAccepted, "\(result.codes)")
        #expect(result.issues("missing-label").isEmpty)
        #expect(result.observations.allSatisfy { $0.region == "370829" && $0.period == Period("2025-02") })
        #expect(result.issues("period-template-mismatch").first?.location.cell == "B5")
    }

    /// The identity's list of codes may have spaces around its separators.
    @Test func spacesInTheIdentitysIndicatorListAreNoChange() throws {
        var form = FormFixture()
        form.identitySeparator = " ;\t"
        let result = try read(form)
        #expect(result.isAccepted && result.issues("template-altered").isEmpty, "\(result.codes)")
        form.identityIndicators = ["nev_stock", "used_car_trades", "scrapped_vehicles"]
        #expect(try read(form).issues("template-altered").map(\.location.cell) == ["A9", "A10"])
    }

    @Test func aChangedHeaderRegionIsNamed() throws {
        var form = FormFixture()
        form.shownRegion = "370811"
        let result = try read(form)
        let altered = result.issues("template-altered")
        #expect(altered.map(\.location.cell) == ["B4"])
        #expect(altered[0].messageZh.contains("应为 370829") && altered[0].messageZh.contains("实为 370811"))
        #expect(!result.isAccepted)
    }

    /// Last month's template with its period typed over counts for the month
    /// it shows, with a warning naming both; the same month written another
    /// way (2025年3月) is no change at all.
    @Test func aReusedTemplateCountsForTheMonthItShowsAndSaysSo() throws {
        var form = FormFixture()
        form.shownPeriod = "2025-02"
        let reused = try read(form)
        #expect(reused.isAccepted, "\(reused.codes)")
        #expect(reused.observations.allSatisfy { $0.period == Period("2025-02") })
        // One warning: the file name (嘉祥县商务局-2025-03) is the template's month, said once.
        #expect(reused.issues("template-altered").isEmpty && reused.issues("period-name-mismatch").isEmpty)
        let warning = try #require(reused.issues("period-template-mismatch").first)
        #expect(
            warning.severity == .warning && warning.location == IssueLocation(sheet: "月报", cell: CellReference("B5")))
        #expect(
            warning.messageZh
                == "B5 的“期间”是 2025-02，而这份模板是为 2025-03 生成的（沿用了旧模板）。已按 2025-02 计入；如果本应报 2025-03，请把 B5 改回 2025-03 后重新报送。以后请使用当月的模板。"
        )
        #expect(warning.messageEn.hasPrefix("B5: the period reads 2025-02, the template was made for 2025-03"))

        form.shownPeriod = "2025年3月"
        let spelled = try read(form)
        #expect(spelled.isAccepted && spelled.issues.isEmpty, "\(spelled.codes)")
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
        // One issue for its region cell, saying it is the template's.
        #expect(otherRegion.issues("authority-region").count == 1, "\(otherRegion.issues.map(\.messageZh))")
        let region = try #require(otherRegion.issues("authority-region").first)
        #expect(region.location.cell == "B4")
        #expect(
            region.messageZh == "B4：此模板的地区 370829（嘉祥县）不在本单位辖区 370811（任城区）内。请使用本单位的模板。",
            "\(region.messageZh)")
        #expect(otherRegion.observations.isEmpty)
    }

    @Test func formWithoutFolderSkipsAuthority() throws {
        let result = try read(FormFixture(), submitter: nil)
        #expect(result.isAccepted, "\(result.issues)")
    }
}
