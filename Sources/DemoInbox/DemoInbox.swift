import Catalog
import Foundation
import Reports
import Sheets
import Vocabulary

/// Writes the demo inbox: for every reporting region and department, the
/// backfilled years 2023–2025 as one `records` file a year, then 2026 as
/// monthly `form` workbooks or quarterly `records` files, in CSV (UTF-8
/// with BOM or GB18030), XML Spreadsheet 2003 and XLSX; plus the few files
/// a real inbox has: rejected ones, one corrected resubmission, a late and a
/// missing report. Same catalog, same bytes and modification times.
struct DemoInbox {
    /// How a department sends its 2026 reports.
    enum Style {
        case monthlyForm, quarterlyCSV, quarterlyXML, quarterlyXLSX
    }

    static let current = 2026
    static let lastMonth = 10
    static let label = "示例数据"

    let catalog: Catalog
    let figures: DemoFigures
    let inbox: URL

    /// The pairs that carry the inbox's exceptions.
    static let corrected = (region: "371522", department: "commerce")
    static let unauthorised = (region: "371524", department: "agriculture")
    static let altered = (region: "371581", department: "industry")
    static let missing = (region: "371525", department: "transport")
    static let late = (region: "371503", department: "commerce")

    /// Writes everything and returns the number of files.
    func writeAll() throws -> Int {
        var count = 0
        for region in figures.regions {
            for (department, indicators) in figures.reporters(in: region) {
                count += try writeReports(region: region, department: department, indicators: indicators)
            }
        }
        return count
    }

    /// Monthly forms where the catalog wants monthly reports; elsewhere
    /// quarterly files in one of three formats, or monthly forms (more often
    /// than required is on time too).
    func style(region: String, department: String) -> Style {
        if region == DemoFigures.city || (region, department) == Self.altered || (region, department) == Self.missing
            || catalog.department(code: department)?.shortestFrequency == .monthly
        {
            return .monthlyForm
        }
        if (region, department) == Self.corrected || (region, department) == Self.unauthorised { return .quarterlyCSV }
        let styles: [Style] = [.monthlyForm, .quarterlyCSV, .quarterlyXML, .quarterlyXLSX]
        return styles[Int(DemoRandom.number("style|\(region)|\(department)") % 4)]
    }

    private func writeReports(region: Region, department: String, indicators: [String]) throws -> Int {
        let folder = inbox.appendingPathComponent(region.code).appendingPathComponent(department)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pair = (region.code, department)
        let style = style(region: region.code, department: department)
        var count = 0
        func months(_ year: Int, _ range: ClosedRange<Int>) -> [Period] { range.map { Period(year: year, month: $0)! } }

        for year in Self.current - 3..<Self.current {
            let format: RecordsFile.Format =
                switch style {
                case .monthlyForm: [.xlsx, .csv(.utf8WithBOM), .xml2003][year % 3]
                case .quarterlyCSV:
                    .csv(
                        DemoRandom.number("enc|\(region.code)|\(department)|\(year)") % 3 == 0 ? .gb18030 : .utf8WithBOM
                    )
                case .quarterlyXML: .xml2003
                case .quarterlyXLSX: .xlsx
                }
            try writeRecords(
                region: region, department: department, indicators: indicators, periods: months(year, 1...12),
                name: "\(year)年度", format: format, in: folder)
            count += 1
        }

        let year = Self.current
        if style == .monthlyForm {
            for month in 1...Self.lastMonth where !(pair == Self.missing && month == Self.lastMonth) {
                let period = Period(year: year, month: month)!
                try writeForm(
                    region: region, department: department, indicators: indicators, period: period,
                    renaming: pair == Self.altered && month == 8, in: folder)
                count += 1
            }
            return count
        }
        let format: RecordsFile.Format =
            switch style {
            case .quarterlyXML: .xml2003
            case .quarterlyXLSX: .xlsx
            default:
                .csv(DemoRandom.number("enc|\(region.code)|\(department)|\(year)") % 3 == 0 ? .gb18030 : .utf8WithBOM)
            }
        for quarter in 0..<(Self.lastMonth + 2) / 3 {
            let periods = months(year, quarter * 3 + 1...min(quarter * 3 + 3, Self.lastMonth))
            let name = "\(year)-Q\(quarter + 1)"
            if pair == Self.corrected && quarter == 1 {
                // First a file with a figure nobody checked (rejected), a week later the corrected one.
                try writeRecords(
                    region: region, department: department, indicators: indicators, periods: periods,
                    name: name, format: format, in: folder, unchecked: true)
                try writeRecords(
                    region: region, department: department, indicators: indicators, periods: periods,
                    name: name + "-更正", format: format, in: folder, daysLater: 7)
                count += 2
                continue
            }
            try writeRecords(
                region: region, department: department, indicators: indicators, periods: periods,
                name: name, format: format, in: folder)
            count += 1
        }
        if pair == Self.unauthorised {
            // A supplement that also carries a figure agriculture may not report (nev_stock): rejected whole.
            try writeRecords(
                region: region, department: department, indicators: indicators + ["nev_stock"],
                periods: [Period(year: year, month: 9)!], name: "\(year)-09-补报",
                format: .csv(.utf8WithBOM), in: folder, daysLater: 3)
            count += 1
        }
        return count
    }

    // MARK: Files

    private func writeForm(
        region: Region, department: String, indicators: [String], period: Period,
        renaming: Bool, in folder: URL
    ) throws {
        var template = try FormTemplate(catalog: catalog, region: region.code, department: department, period: period)
        template.subject = "\(Self.label) Demo data — synthetic, not official statistics"
        if renaming, let row = template.rows.indices.dropFirst().first {
            // Someone "tidied" an indicator row: the table no longer matches the template's identity.
            template.rows[row].code += "_total"
            template.rows[row].name += "（合计）"
        }
        let useTenThousands = DemoRandom.number("units|\(region.code)|\(department)") % 3 == 0
        // Rows the region has no figure for say so (无): a blank value would be rejected.
        var entries = Dictionary(
            uniqueKeysWithValues: template.rows.map { ($0.code, FormTemplate.Entry.nothingToReport) })
        for (offset, code) in indicators.enumerated() {
            let (value, unit) = written(code, region: region.code, period: period, inLargerUnit: useTenThousands)
            entries[code] = .init(value: value, unit: unit, note: offset == 0 ? Self.label : nil)
        }
        let path = folder.appendingPathComponent("\(period).xlsx").path
        try template.write(to: path, entries: entries)
        try setModified(path, lastPeriod: period, key: "\(region.code)|\(department)", daysLater: 0)
    }

    private func writeRecords(
        region: Region, department: String, indicators: [String], periods: [Period], name: String,
        format: RecordsFile.Format, in folder: URL, unchecked: Bool = false, daysLater: Int = 0
    ) throws {
        let key = "\(region.code)|\(department)|\(name)"
        var random = DemoRandom(key)
        let header = RecordsFile.headers[Int(random.next() % UInt64(RecordsFile.headers.count))]
        let largerUnits = random.uniform(0...1) < 0.3
        let chineseMonths = random.uniform(0...1) < 0.3
        var rows: [[CellValue]] = []
        for period in periods {
            for code in indicators {
                let (value, unit) = written(code, region: region.code, period: period, inLargerUnit: largerUnits)
                let periodText = chineseMonths ? "\(period.year)年\(period.month)月" : period.description
                rows.append([
                    .text(region.code), .text(code), .text(periodText), .number(value), .text(unit),
                    .text(rows.isEmpty ? Self.label : ""),
                ])
            }
        }
        if unchecked, rows.count > 4 { rows[4][3] = .text("待核实") }
        let last = periods.last!
        let file = RecordsFile(
            title: "\(Self.label) \(region.name) \(catalog.department(code: department)?.name ?? department) \(name)",
            header: header, rows: rows,
            date: .init(year: last.year, month: last.month, day: FormTemplate.lastDay(of: last)))
        let path = folder.appendingPathComponent("\(name).\(format.fileExtension)").path
        try file.write(to: path, format: format)
        try setModified(path, lastPeriod: last, key: key, daysLater: daysLater)
    }

    /// The figure as the department writes it: counts of vehicles in 万辆
    /// and money in 亿元 when it prefers larger units.
    private func written(_ code: String, region: String, period: Period, inLargerUnit: Bool) -> (Double, String) {
        let value = figures.figure(code, region: region, period: period)
        let unit = catalog.indicator(code: code)?.unit ?? ""
        guard inLargerUnit, let larger = Self.largerUnits[unit] else { return (value, unit) }
        return (((value / 10_000) * 1_000_000).rounded() / 1_000_000, larger)
    }

    static let largerUnits = ["辆": "万辆", "万元": "亿元"]

    /// Sent a few days into the next month (before the 10th, the deadline),
    /// or later for the late pair; `daysLater` for resubmissions.
    private func setModified(_ path: String, lastPeriod: Period, key: String, daysLater: Int) throws {
        let next = lastPeriod.advanced(by: 1)
        var day = 2 + Int(DemoRandom.number("sent|\(key)") % 7) + daysLater
        if (key.hasPrefix("\(Self.late.region)|\(Self.late.department)")) && lastPeriod == Period(year: 2026, month: 9)
        {
            day = 20
        }
        var components = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Asia/Shanghai"),
            year: next.year, month: next.month, day: day, hour: 9, minute: 30)
        components.second = Int(DemoRandom.number("second|\(key)") % 3600)
        try FileManager.default.setAttributes([.modificationDate: components.date!], ofItemAtPath: path)
    }
}
