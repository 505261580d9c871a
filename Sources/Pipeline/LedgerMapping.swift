import Intake
import Ledger
import Vocabulary

// The ledger stores its own records so that it does not depend on Intake
// (see Package.swift); these are the two directions between them.

extension ObservationRecord {
    init(_ observation: Observation) {
        self.init(
            region: observation.region, indicator: observation.indicator, period: observation.period,
            value: observation.value, writtenValue: observation.writtenValue,
            writtenUnit: observation.writtenUnit, sheet: observation.source.sheet, cell: observation.source.cell)
    }
}
