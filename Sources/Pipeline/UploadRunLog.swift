import Foundation
import Outbox
import Vocabulary

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The run summaries of the portal's uploads, a day's in one file
/// (`Outbox/runs/<YYYYMMDD>-uploads.jsonl`, the office's day), one compact
/// JSON line a run: the office reads one file per night and one per day of
/// uploads, not hundreds of files a day (ARCHITECTURE.md, "Decisions").
///
/// A line is appended, not the file rewritten, so each upload costs the same
/// at the end of a busy day as at its start. The ledger holds the record
/// (the run's counts, the versions, the audit trail); this is its reading
/// copy, so it is not flushed to disk per upload. A line cut by a crash is
/// left alone on its line (the next append starts a new one) and is not JSON.
struct UploadRunLog {
    let outbox: OutboxLayout

    /// Appends `summary` to the log of the day `now` falls in; returns the log's path.
    func append(_ summary: RunSummary, at now: Date) throws -> String {
        let path = outbox.uploadRuns(day: Self.day(of: now))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = [UInt8](try encoder.encode(summary))
        line.append(0x0A)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIOError.errno(.create, path: path) }
        defer { close(descriptor) }
        // After a line a crash cut short, start a new one.
        let end = lseek(descriptor, 0, SEEK_END)
        var last: UInt8 = 0x0A
        if end > 0, pread(descriptor, &last, 1, end - 1) == 1, last != 0x0A { line.insert(0x0A, at: 0) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else { throw FileIOError.errno(.write, path: path) }
        return path
    }

    /// `YYYYMMDD` of the office's calendar (`ProgrammeCalendar.timeZone`).
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ProgrammeCalendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
