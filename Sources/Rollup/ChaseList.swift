import Foundation
import Vocabulary

/// One line of the 催报清单: a submitter who owes a report or a correction
/// for the period asked about, and since when.
public struct ChaseEntry: Codable, Sendable, Hashable {
    public var region: String
    public var regionName: String?
    public var department: String
    public var departmentName: String?
    /// The state in the period asked about: `missing`, `rejected`, or
    /// `accepted`/`late` with a rejected correction (`latestRejected`).
    public var state: ReportState
    public var latestRejected: Bool
    /// The months outstanding in an unbroken run ending with the period
    /// asked about, oldest first (within the months looked at).
    public var periods: [Period]
    /// The last day the oldest of them was on time.
    public var due: String?
    /// The latest file received for the period asked about, and when.
    public var latestPath: String?
    public var latestReceivedAt: Date?
    /// Why it was rejected: its first error.
    public var reason: Issue?
    public var attributedBy: PeriodAttribution.Basis?

    /// `未报`, `退回` or `更正被退回`.
    public var label: String { latestRejected && state != .rejected ? "更正被退回" : state.chinese }

    /// What is outstanding and since when, in a sentence:
    /// `未报 2026-08 至 2026-10（3个月），应于 2026-09-10 前报送`.
    public var summary: String {
        var text =
            label + " "
            + (periods.count > 1
                ? "\(periods.first!) 至 \(periods.last!)（\(periods.count)个月）"
                : periods.first.map(\.description) ?? "")
        if state == .missing, let due { text += "，应于 \(due) 前报送" }
        if let latestPath {
            let received = latestReceivedAt.map { "，\(ProgrammeCalendar.dayText($0)) 收到" } ?? ""
            text += "；文件 \(latestPath)\(received)"
        }
        if let reason { text += "；原因：\(reason.messageZh)" }
        if let attributedBy { text += "（文件无法读取，\(attributedBy.chinese)）" }
        return text
    }
}

/// Who to chase for a period, from the grids of it and the months before:
/// every cell of the period that needs chasing, with the unbroken run of
/// earlier months in the same state.
public enum ChaseList {
    /// `grid`: one city's cells of several periods, the last of `periods`
    /// the one asked about. Ordered as the grid (expected submitters first).
    public static func entries(grid: [ReportCompleteness], periods: [Period]) -> [ChaseEntry] {
        guard let current = periods.max() else { return [] }
        var bySubmitter: [String: [Period: ReportCompleteness]] = [:]
        for cell in grid { bySubmitter[cell.region + "/" + cell.department, default: [:]][cell.period] = cell }
        let earlier = periods.filter { $0 < current }.sorted(by: >)
        return grid.filter { $0.period == current && $0.needsChasing }.map { cell in
            let cells = bySubmitter[cell.region + "/" + cell.department] ?? [:]
            var run = [cell]
            for period in earlier {
                guard let before = cells[period], before.needsChasing, before.state == cell.state else { break }
                run.insert(before, at: 0)
            }
            return ChaseEntry(
                region: cell.region, regionName: cell.regionName, department: cell.department,
                departmentName: cell.departmentName, state: cell.state, latestRejected: cell.latestRejected,
                periods: run.map(\.period), due: run.first?.due, latestPath: cell.latestPath,
                latestReceivedAt: cell.latestReceivedAt, reason: cell.reason, attributedBy: cell.attributedBy)
        }
    }
}
