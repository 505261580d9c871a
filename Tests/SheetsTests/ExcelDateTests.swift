import Testing

@testable import Sheets

@Suite struct ExcelDateTests {
    @Test func serialsOfTheNineteenHundredSystem() {
        #expect(ExcelDate.components(serial: 1) == .init(year: 1900, month: 1, day: 1))
        #expect(ExcelDate.components(serial: 59) == .init(year: 1900, month: 2, day: 28))
        #expect(ExcelDate.components(serial: 60) == .init(year: 1900, month: 2, day: 29))
        #expect(ExcelDate.components(serial: 61) == .init(year: 1900, month: 3, day: 1))
        #expect(ExcelDate.components(serial: 45_292) == .init(year: 2024, month: 1, day: 1))
        #expect(ExcelDate.components(serial: 45_292.5) == .init(year: 2024, month: 1, day: 1, hour: 12))
        // Serial 0 is what Excel shows as 1900-01-00: the day before 1900-01-01.
        #expect(ExcelDate.components(serial: 0.75) == .init(year: 1899, month: 12, day: 31, hour: 18))
        #expect(ExcelDate.components(serial: -1) == nil)
    }

    @Test func roundsToTheNearestSecond() {
        // 23:59:59.6 rounds up into the next day.
        let almostMidnight = 45_292 + (86_399.6 / 86_400)
        #expect(ExcelDate.components(serial: almostMidnight) == .init(year: 2024, month: 1, day: 2))
    }

    @Test func serialRoundTrips() {
        for serial in [1.0, 59, 60, 61, 366, 25_569, 45_292, 2_958_465] {
            #expect(ExcelDate.serial(ExcelDate.components(serial: serial)!) == serial)
        }
        #expect(ExcelDate.serial(.init(year: 1904, month: 1, day: 1)) == ExcelDate.offset1904)
    }
}
