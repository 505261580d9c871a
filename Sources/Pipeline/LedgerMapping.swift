import Intake
import Ledger

// The ledger stores its own records so that it does not depend on Intake
// (see Package.swift); these are the two directions between them.

extension ObservationRecord {
    init(_ observation: Observation) {
        self.init(region: observation.region, indicator: observation.indicator, period: observation.period,
                  value: observation.value, writtenValue: observation.writtenValue,
                  writtenUnit: observation.writtenUnit, sheet: observation.source.sheet, cell: observation.source.cell)
    }
}

extension IssueRecord {
    init(_ issue: Issue) {
        self.init(code: issue.code, severity: issue.severity == .error ? .error : .warning,
                  sheet: issue.location.sheet, cell: issue.location.cell, row: issue.location.row,
                  column: issue.location.column, messageZh: issue.messageZh, messageEn: issue.messageEn)
    }
}

extension Issue {
    init(_ record: IssueRecord) {
        var location = IssueLocation(sheet: record.sheet, row: record.row, column: record.column)
        location.cell = record.cell
        self.init(code: record.code, severity: record.severity == .error ? .error : .warning, location: location,
                  zh: record.messageZh, en: record.messageEn)
    }
}
