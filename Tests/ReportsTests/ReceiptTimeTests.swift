import Foundation
import Testing

@testable import Reports
@testable import Sheets

/// The receipt's times are reckoned by arithmetic where China's clocks keep
/// UTC+8; they must read as the calendar and time zone read them.
@Suite struct ReceiptTimeTests {
    /// Every hour of a few days about each edge, and seeded times over the centuries.
    static let times: [TimeInterval] = {
        var times: [TimeInterval] = []
        // 1992-01-01, 2000-02-29, 2100-03-01 and the last hours before 10000-01-01 in Beijing.
        for edge: TimeInterval in [
            ReceiptTime.fixedOffsetSince, 951_782_400, 4_107_542_400, 253_402_300_800 - 8 * 3600,
        ] {
            for hour in -72...72 { times.append(edge + TimeInterval(hour) * 3600 + 59.9) }
        }
        // Seeded (an LCG): the same times each run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            times.append(-4e9 + Double(state >> 11) / Double(1 << 53) * 257.4e9)
        }
        return times
    }()

    @Test func readsAsTheCalendarAndTimeZoneRead() {
        for time in Self.times {
            let date = Date(timeIntervalSince1970: time)
            #expect(ReceiptTime.chinese(date) == ReceiptTime.formatted(date), "\(time)")
        }
    }

    @Test func utcComponentsAreTheCalendarsOwn() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for time in Self.times {
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: time))
            let expected = ExcelDate.Components(
                year: parts.year!, month: parts.month!, day: parts.day!,
                hour: parts.hour!, minute: parts.minute!, second: parts.second!)
            #expect(ExcelDate.Components(utc: Date(timeIntervalSince1970: time)) == expected, "\(time)")
        }
    }
}
