import Testing

@testable import Catalog

/// Each cross-check fails on a copy of the real Schemas/ broken in one place.
@Suite struct CatalogCheckTests {
    private func expectError(
        _ code: String, in file: String, _ errors: [CatalogError],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let match = errors.first { $0.code.rawValue == code && $0.file == file }
        #expect(match != nil, "no \(code) in \(file): \(errors.map(\.description))", sourceLocation: sourceLocation)
        #expect((match?.line ?? 0) > 0, sourceLocation: sourceLocation)
    }

    @Test func unknownIndicatorInADepartment() throws {
        let errors = try SchemasFixture.errors(editing: "departments.yaml") {
            $0.replacingOccurrences(
                of: "indicators: [rd_active_enterprises, pilot_bases_municipal]",
                with: "indicators: [rd_active_enterprises, pilot_bases_municipal, no_such_indicator]")
        }
        expectError("unknown-code", in: "departments.yaml", errors)
    }

    @Test func unknownIndicatorInAPlan() throws {
        let errors = try SchemasFixture.errors(editing: "plans/rushan-2024.yaml") {
            $0.replacingOccurrences(of: "indicator: car_promotion_events", with: "indicator: car_promo_events")
        }
        expectError("unknown-code", in: "plans/rushan-2024.yaml", errors)
    }

    @Test func duplicateDepartmentCode() throws {
        let errors = try SchemasFixture.errors(editing: "departments.yaml") {
            $0.replacingOccurrences(of: "  - code: water\n", with: "  - code: housing\n")
        }
        expectError("duplicate", in: "departments.yaml", errors)
    }

    @Test func duplicateTargetInAPlan() throws {
        let errors = try SchemasFixture.errors(editing: "plans/rushan-2024.yaml") {
            $0.replacingOccurrences(
                of: "indicator: crop_mechanisation_rate, year: 2027",
                with: "indicator: crop_mechanisation_rate, year: 2025")
        }
        expectError("duplicate", in: "plans/rushan-2024.yaml", errors)
    }

    @Test func convertedValueThatDoesNotReachTheCanonicalValue() throws {
        let errors = try SchemasFixture.errors(editing: "plans/rushan-2024.yaml") {
            $0.replacingOccurrences(of: "converted: {value: 0.4, unit: 万辆}", with: "converted: {value: 0.5, unit: 万辆}")
        }
        expectError("unit-mismatch", in: "plans/rushan-2024.yaml", errors)
    }

    @Test func convertedUnitOfAnotherKind() throws {
        let errors = try SchemasFixture.errors(editing: "plans/rushan-2024.yaml") {
            $0.replacingOccurrences(of: "converted: {value: 0.4, unit: 万辆}", with: "converted: {value: 0.4, unit: 万吨}")
        }
        expectError("unit-mismatch", in: "plans/rushan-2024.yaml", errors)
    }

    @Test func cycleAmongDerivedIndicators() throws {
        let errors = try SchemasFixture.errors(editing: "indicators.yaml") {
            $0.replacingOccurrences(
                of: "parts: {numerator: energy_consumption, denominator: gdp}",
                with: "parts: {numerator: energy_consumption, denominator: energy_intensity_change}")
        }
        expectError("cycle", in: "indicators.yaml", errors)
    }

    @Test func targetTheRegionCannotReport() throws {
        let errors = try SchemasFixture.errors(editing: "departments.yaml") {
            $0.replacingOccurrences(
                of: "indicators: [computing_power, base_stations_5g]", with: "indicators: [base_stations_5g]")
        }
        expectError("unreportable", in: "plans/jiaxiang-2024.yaml", errors)
    }

    @Test func derivedIndicatorMissingItsParts() throws {
        let errors = try SchemasFixture.errors(editing: "indicators.yaml") {
            $0.replacingOccurrences(of: "method: weighted, weight: crop_sown_area", with: "method: weighted")
        }
        expectError("missing-parts", in: "indicators.yaml", errors)
    }

    @Test func derivedIndicatorWithAnUnknownPart() throws {
        let errors = try SchemasFixture.errors(editing: "indicators.yaml") {
            $0.replacingOccurrences(of: "numerator: used_car_trades", with: "numerator: used_cars_traded")
        }
        expectError("missing-parts", in: "indicators.yaml", errors)
    }

    @Test func quotedSentenceNotInTheSeed() throws {
        let errors = try SchemasFixture.errors(editing: "plans/liaocheng-2024.yaml") {
            $0.replacingOccurrences(
                of: "sentence: 到2025年，全市农作物耕种收综合机械化率达到93%以上。",
                with: "sentence: 到2025年，全市农作物耕种收综合机械化率达到94%以上。")
        }
        expectError("quote-not-found", in: "plans/liaocheng-2024.yaml", errors)
    }

    /// 53 beside 达到35%: the value is not the sentence's figure.
    @Test func aTargetValueThatContradictsItsSentence() throws {
        let errors = try SchemasFixture.errors(editing: "plans/liaocheng-2024.yaml") {
            $0.replacingOccurrences(
                of: "op: \">=\"\n    value: 35\n    written: 达到35%",
                with: "op: \">=\"\n    value: 53\n    written: 达到35%")
        }
        let found = errors.filter { $0.code.rawValue == "value-not-quoted" }
        #expect(found.count == 1, "\(errors.map(\.description))")
        let error = try #require(found.first)
        #expect(error.file == "plans/liaocheng-2024.yaml" && error.line == 17)
        #expect(error.description.contains("目标值 53 与原文“达到35%”不符（其中的数字：35）"))
    }

    /// A converted figure is compared in the unit it was written in: 4 万辆, not 40,000.
    @Test func aConvertedTargetIsComparedAsWritten() throws {
        let errors = try SchemasFixture.errors(editing: "plans/liaocheng-2024.yaml") {
            $0.replacingOccurrences(
                of: "written: 达到4万辆\n    converted: {value: 4, unit: 万辆}",
                with: "written: 达到4万辆\n    converted: {value: 5, unit: 万辆}")
        }
        #expect(
            errors.contains { $0.code.rawValue == "value-not-quoted" && $0.description.contains("目标值 5 与原文“达到4万辆”不符") })
    }

    /// A figure in `written` that its sentence does not state.
    @Test func aWrittenFigureNotInTheSentence() throws {
        let errors = try SchemasFixture.errors(editing: "plans/liaocheng-2024.yaml") {
            $0.replacingOccurrences(
                of: "op: \">=\"\n    value: 35\n    written: 达到35%",
                with: "op: \">=\"\n    value: 36\n    written: 达到36%")
        }
        let error = try #require(errors.first { $0.code.rawValue == "value-not-quoted" })
        #expect(error.description.contains("目标值 36 不在该目标的引文中") && error.line == 22, "\(error)")
    }

    /// Years are no figures; `1倍` is also +100 %; a fall is compared by its size.
    @Test func figuresOfAWrittenTarget() {
        #expect(CatalogCheck.figures(in: "较2023年增加约1倍") == [1, 100])
        #expect(CatalogCheck.figures(in: "比2020年下降15.8%以上") == [15.8])
        #expect(CatalogCheck.figures(in: "建设开通5G基站1.4万个以上") == [5, 1.4])
        #expect(CatalogCheck.figures(in: "基本淘汰").isEmpty)
    }

    @Test func theRepositorysPlansStateTheirValues() {
        let errors = CatalogLoader.loadAndCheck(schemas: SchemasFixture.schemas).errors
        #expect(errors.filter { $0.code.rawValue == "value-not-quoted" }.map(\.description) == [])
    }

    @Test func localUnitWithANationalLookingCode() throws {
        let errors = try SchemasFixture.errors(editing: "regions/local-units.yaml") {
            $0.replacingOccurrences(of: "code: 371500-L01", with: "code: \"371571\"")
        }
        expectError("bad-local-code", in: "regions/local-units.yaml", errors)
    }

    @Test func yamlSyntaxErrorGivesTheLine() throws {
        let errors = try SchemasFixture.errors(editing: "units.yaml") {
            $0.replacingOccurrences(
                of: "  - {code: 家, decimals: 0, english: enterprises or bodies}",
                with: "  - {code: 家, english: [enterprises")
        }
        expectError("yaml-syntax", in: "units.yaml", errors)
        // Once, with its line, and not followed by the units every indicator now lacks.
        #expect(errors.count == 1 && errors.first?.line != nil, "\(errors.prefix(5))")
    }

    @Test func aSyntaxErrorInRulesIsReportedOnce() throws {
        let errors = try SchemasFixture.errors(editing: "rules.yaml") {
            $0.replacingOccurrences(
                of: "deadline: {day: 10, months_after: 1}", with: "deadline: {day: 10, months_after: [1}")
        }
        #expect(errors.map(\.code.rawValue) == ["yaml-syntax"] && errors.first?.file == "rules.yaml")
    }

    @Test func missingFieldGivesTheEntryLine() throws {
        let errors = try SchemasFixture.errors(editing: "plans/rushan-2024.yaml") {
            $0.replacingOccurrences(of: "    written: 控制在7.9%以内\n", with: "")
        }
        let error = try #require(errors.first { $0.code.rawValue == "missing-field" })
        #expect(error.file == "plans/rushan-2024.yaml")
        #expect(error.description.contains("written"))
        #expect((error.line ?? 0) > 30)
    }
}
