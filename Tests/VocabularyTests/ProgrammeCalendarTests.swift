import Foundation
import Testing
import Vocabulary

@Suite struct ProgrammeCalendarTests {
    /// 2026-11-30 16:30 UTC is 2026-12-01 00:30 in China: December there,
    /// whatever the server's zone, so November is the last complete month.
    @Test func monthsAreChinaMonths() {
        let calendar = ProgrammeCalendar(now: Date(timeIntervalSince1970: 1_796_056_200))
        #expect(calendar.currentPeriod == Period("2026-12"))
        #expect(calendar.lastCompletePeriod == Period("2026-11"))
        #expect(ProgrammeCalendar.dayText(calendar.now) == "2026-12-01")
    }

    /// Day 31 of a 30-day month rolls into the next, as a deadline means.
    @Test func startOfDayIsMidnightInChina() {
        let midnight = ProgrammeCalendar.startOfDay(10, of: Period("2026-12")!)
        #expect(midnight == Date(timeIntervalSince1970: 1_796_860_800 - 8 * 3600))
    }

    @Test func oneErrorRejectsTheFile() {
        let warning = Issue(code: "outlier", severity: .warning, zh: "提示", en: "note")
        let error = Issue(code: "type-error", severity: .error, zh: "错误", en: "error")
        #expect(![warning, warning].rejectsFile)
        #expect([warning, error].rejectsFile)
        #expect(Severity.warning < .error)
    }
}
