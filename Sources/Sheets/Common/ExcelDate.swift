/// Excel's date serials: days since 1899-12-30 with the time of day as the
/// fraction, in the 1900 date system, which keeps Lotus 1-2-3's mistake of
/// counting 1900-02-29 (serial 60). The 1904 system (old Mac workbooks)
/// counts from 1904-01-01; readers add `offset1904` to its serials.
public enum ExcelDate {
    /// Serial of 1904-01-01 in the 1900 system.
    public static let offset1904 = 1462.0

    /// The 1900-system serial of a 1904-system one. A time of day alone
    /// (0 ≤ serial < 1) has no date in either system and stays as it is,
    /// so that it prints as a time, as Excel shows it.
    public static func serial1900(from1904 serial: Double) -> Double {
        serial >= 0 && serial < 1 ? serial : serial + offset1904
    }

    /// A calendar date and time of day, to the second.
    public struct Components: Equatable, Sendable {
        public var year: Int, month: Int, day: Int
        public var hour: Int, minute: Int, second: Int

        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            (self.year, self.month, self.day) = (year, month, day)
            (self.hour, self.minute, self.second) = (hour, minute, second)
        }
    }

    /// The date and time of a 1900-system serial, rounded to the nearest
    /// second; nil for negative serials or ones past 9999-12-31.
    /// Serial 60 is Excel's 1900-02-29, which no calendar has.
    public static func components(serial: Double) -> Components? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var seconds = Int((serial * 86_400).rounded())
        var days = seconds / 86_400
        seconds -= days * 86_400
        let time = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        if days == 60 {
            return Components(year: 1900, month: 2, day: 29, hour: time.0, minute: time.1, second: time.2)
        }
        if days < 60 { days += 1 }  // before the fictitious day, serials run one ahead
        let (y, m, d) = civil(fromDaysSinceEpoch: days - 25_569)  // 25569 = serial of 1970-01-01
        return Components(year: y, month: m, day: d, hour: time.0, minute: time.1, second: time.2)
    }

    /// The 1900-system serial of a date and time.
    public static func serial(_ c: Components) -> Double {
        var days = daysSinceEpoch(year: c.year, month: c.month, day: c.day) + 25_569
        if days <= 60 { days -= 1 }
        if c.year == 1900, c.month == 2, c.day == 29 { days = 60 }
        return Double(days) + Double(c.hour * 3600 + c.minute * 60 + c.second) / 86_400
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a count of days since 1970-01-01 (year, month, day; H.
    /// Hinnant's `civil_from_days`).
    public static func civil(fromDaysSinceEpoch days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension ExcelDate.Components {
    /// The proleptic Gregorian date and time `seconds` after 1970-01-01
    /// 00:00 (before it when negative), by `civil(fromDaysSinceEpoch:)`
    /// rather than a `Calendar`: receipts and JSON documents make many.
    public init(secondsSince1970 seconds: Int64) {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = remainder < 0 ? quotient - 1 : quotient  // rounded down, for times before 1970
        let second = Int(seconds - days * 86_400)
        let (year, month, day) = ExcelDate.civil(fromDaysSinceEpoch: Int(days))
        self.init(
            year: year, month: month, day: day, hour: second / 3600, minute: second / 60 % 60, second: second % 60)
    }
}
