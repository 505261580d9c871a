import Foundation
import Ledger
import Testing
import Vocabulary

@testable import Pipeline

/// The cross-period checks' history, a region's series read once: each
/// month's counted figure, superseded versions left out.
@Suite struct LedgerFigureHistoryTests {
    @Test func aSeriesReadOnceAnswersEveryMonthAsTheLedgersQueryDoes() throws {
        let fixture = try DeploymentFixture()
        let first = try #require(Period("2024-01"))
        let months: [String] = (0..<14).map { first.advanced(by: $0).description }
        // Three versions of one file, each superseding the last; another region's figures beside them.
        for (minute, base) in [1000, 1010, 1020].enumerated() {
            _ = try fixture.put(
                "371502/commerce/stock.csv",
                rows: months.enumerated().map { "371502,nev_stock,\($1),\(base + $0),辆," }, minute: minute)
            _ = try fixture.run()
        }
        _ = try fixture.put("371503/commerce/stock.csv", rows: months.map { "371503,nev_stock,\($0),7,辆," }, minute: 5)
        _ = try fixture.run()
        try fixture.ledger().read { reader in
            let history = LedgerFigureHistory(ledger: reader, for: [])
            // Only the last version counts: month i's figure is 1020 + i.
            for month in ["2024-01", "2024-02", "2024-07", "2025-02", "2025-03", "2026-01"] {
                for limit in [0, 1, 6, 24] {
                    let period = try #require(Period(month))
                    let answer = try history.figures(
                        region: "371502", indicator: "nev_stock", before: period, limit: limit)
                    let expected = months.enumerated().filter { Period($0.element)! < period }.suffix(limit)
                    #expect(answer.map(\.period.description) == expected.map(\.element), "\(month) limit \(limit)")
                    #expect(answer.map(\.value) == expected.map { Double(1020 + $0.offset) }, "\(month) limit \(limit)")
                }
            }
            #expect(
                try history.figures(
                    region: "371503", indicator: "nev_stock", before: try #require(Period("2025-03")), limit: 2
                )
                .map(\.value) == [7, 7])
            #expect(
                try history.figures(
                    region: "371503", indicator: "chargers", before: try #require(Period("2025-03")), limit: 2
                )
                .isEmpty)
        }
    }
}
