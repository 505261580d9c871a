import Foundation

/// The programme's clock: China Standard Time, where reports are made and
/// deadlines fall, and the instant the work at hand treats as "now". Made
/// once by the surface (command line, portal, test) and passed down, so no
/// module reads the system clock or the server's time zone on its own.
public struct ProgrammeCalendar: Sendable {
    /// Asia/Shanghai (UTC+8 all year; no daylight saving since 1991).
    public static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// The instant treated as now: deadlines passed, the current month.
    public let now: Date

    public init(now: Date) {
        self.now = now
    }

    /// The calendar with the programme's time zone.
    public static var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The month `date` falls in, in China.
    public static func period(of date: Date) -> Period {
        let parts = gregorian.dateComponents([.year, .month], from: date)
        return Period(year: parts.year!, month: parts.month!)!
    }

    /// This month in China.
    public var currentPeriod: Period { Self.period(of: now) }

    /// The last month complete before now: the month departments report on.
    public var lastCompletePeriod: Period { currentPeriod.advanced(by: -1) }

    /// Midnight in China at the start of `day` of `period`'s month (days past
    /// the month's end roll over, as deadlines written "day 31" mean).
    public static func startOfDay(_ day: Int, of period: Period) -> Date {
        gregorian.date(from: DateComponents(year: period.year, month: period.month, day: day))!
    }

    /// `2026-11-10`: the day of `date` in China.
    public static func dayText(_ date: Date) -> String {
        let day = gregorian.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }
}
