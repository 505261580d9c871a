import Foundation
import Testing
import Vocabulary

@testable import Catalog

/// `departments.yaml`'s `frequency` and `frequencies`: how often each
/// department reports each indicator, monthly unless it says otherwise.
@Suite struct ReportingFrequencyTests {
    @Test func aCycleEndsWithItsLastMonth() {
        let august = Period("2026-08")!
        #expect(ReportingFrequency.monthly.cycleEnd(of: august) == august)
        #expect(ReportingFrequency.quarterly.cycleEnd(of: august) == Period("2026-09")!)
        #expect(ReportingFrequency.quarterly.cycleEnd(of: Period("2026-10")!) == Period("2026-12")!)
        #expect(ReportingFrequency.quarterly.cycleEnd(of: Period("2026-03")!) == Period("2026-03")!)
        #expect(ReportingFrequency.annual.cycleEnd(of: Period("2026-01")!) == Period("2026-12")!)
    }

    @Test func theCatalogSaysWhoReportsQuarterly() throws {
        let catalog = SchemasFixture.catalog
        let commerce = try #require(catalog.department(code: "commerce"))
        #expect(commerce.frequency == .quarterly && commerce.shortestFrequency == .quarterly)
        let transport = try #require(catalog.department(code: "transport"))
        #expect(transport.frequency == .monthly && transport.frequency(of: "new_buses") == .monthly)
    }

    @Test func anIndicatorReportedMoreOftenMakesTheDepartmentsReportDueSooner() throws {
        let errors = try SchemasFixture.errors(editing: "departments.yaml") {
            $0.replacingOccurrences(
                of: "    english: Bureau of Science and Technology\n    frequency: quarterly\n",
                with: "    english: Bureau of Science and Technology\n    frequency: annual\n"
                    + "    frequencies: {pilot_bases_municipal: quarterly, no_such_indicator: monthly}\n")
        }
        let error = try #require(errors.first { $0.chinese.contains("no_such_indicator") })
        #expect(error.code.rawValue == "unknown-code" && error.file == "departments.yaml")
        let science = Department(
            code: "science-technology", name: "科学技术局", english: "", variants: [], levels: [.county],
            indicators: ["rd_active_enterprises", "pilot_bases_municipal"], frequency: .annual,
            frequencies: ["pilot_bases_municipal": .quarterly], location: SchemaLocation(file: "x"))
        #expect(science.frequency(of: "rd_active_enterprises") == .annual)
        #expect(science.shortestFrequency == .quarterly)
    }

    @Test func anUnknownFrequencyIsAnErrorOnItsLine() throws {
        let errors = try SchemasFixture.errors(editing: "departments.yaml") {
            $0.replacingOccurrences(
                of: "    english: Bureau of Science and Technology\n    frequency: quarterly\n",
                with: "    english: Bureau of Science and Technology\n    frequency: weekly\n")
        }
        let error = try #require(errors.first { $0.chinese.contains("报送频率") })
        #expect(error.file == "departments.yaml" && error.line != nil)
    }
}
