import Catalog
import Foundation
import Intake
import Sheets
import Testing
import Vocabulary

@testable import Reports

/// The filled `form` template saved again by LibreOffice as `.xls` and
/// `.ods`, as an office on old Excel or WPS sends it back: Intake still
/// recognises the form and accepts the same figures from the same cells.
@Suite struct FormTemplateOfficeTests {
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: soffice != nil, "soffice is not installed; run make test-office"), arguments: ["xls", "ods"])
    func filledTemplateSavedByLibreOfficeIsAccepted(format: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("form-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let xlsx = folder.appendingPathComponent("370829-commerce-2026-10.xlsx").path
        let template = try FormTemplate(
            catalog: FormTemplateTests.catalog, region: "370829", department: "commerce",
            period: Period("2026-10")!)
        // Two figures; 无 (nothing to report) in the other rows, which a blank would fail.
        var entries = Dictionary(
            uniqueKeysWithValues: template.rows.map { ($0.code, FormTemplate.Entry.nothingToReport) })
        entries["nev_stock"] = .init(value: 1.25, unit: "万辆", note: "示例数据")
        entries["scrapped_vehicles"] = .init(value: 312)
        try template.write(to: xlsx, entries: entries)
        let profile = folder.appendingPathComponent("profile")
        let office = Process()
        office.executableURL = URL(fileURLWithPath: Self.soffice!)
        office.arguments = [
            "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", format,
            "--outdir", folder.path, xlsx,
        ]
        office.standardOutput = FileHandle.nullDevice
        office.standardError = FileHandle.nullDevice
        try office.run()
        office.waitUntilExit()
        #expect(office.terminationStatus == 0)
        let saved = folder.appendingPathComponent("370829-commerce-2026-10.\(format)").path

        let result = SubmissionReader(catalog: FormTemplateTests.catalog, today: Period("2026-11")!)
            .read(path: saved, submitter: Submitter(region: "370829", department: "commerce"))
        #expect(result.isAccepted, "\(result.issues.map { $0.messageEn })")
        #expect(result.layout == "form")
        let byIndicator = Dictionary(uniqueKeysWithValues: result.observations.map { ($0.indicator, $0) })
        #expect(byIndicator["nev_stock"]?.value == 12_500)
        #expect(byIndicator["nev_stock"]?.source.cell == "D8")
        #expect(byIndicator["scrapped_vehicles"]?.value == 312)
        #expect(byIndicator["scrapped_vehicles"]?.source.cell == "D9")
    }
}
