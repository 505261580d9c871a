import Foundation
import Outbox
import Reports

/// The roll-up workbooks in `Outbox/rollups/` an account may download:
/// those of regions it may see. A download is looked up in this listing by
/// period and region code; no path from the client reaches the file system.
public struct RollupDownloads: Sendable {
    public let outbox: OutboxLayout

    public init(outbox: OutboxLayout) {
        self.outbox = outbox
    }

    /// One workbook; `path` stays on the server (not Codable: no answer carries it).
    public struct Workbook: Sendable, Equatable {
        public var period: String
        public var region: String
        public var fileName: String
        public var size: Int64
        var path: String
    }

    /// Newest period first, then by region code.
    public func list(for scope: AccessScope) throws -> [Workbook] {
        let root = outbox.root + "/rollups"
        var found: [Workbook] = []
        for period in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where Self.isPeriod(period) {
            let folder = root + "/" + period
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.hasSuffix("-\(period).xlsx") && !name.hasPrefix(".") {
                guard let code = name.split(separator: "-").first.map(String.init), scope.maySee(region: code),
                    let status = try FileStatus.of(folder + "/" + name), status.kind == .file
                else { continue }
                found.append(
                    Workbook(
                        period: period, region: code, fileName: name, size: status.size,
                        path: folder + "/" + name))
            }
        }
        return found.sorted { ($1.period, $0.region) < ($0.period, $1.region) }
    }

    /// The workbook of that period and region, if the account may download it.
    public func workbook(period: String, region: String, for scope: AccessScope) throws -> (
        fileName: String, bytes: Data
    )? {
        try scope.requireSight(of: region)
        guard let entry = try list(for: scope).first(where: { $0.period == period && $0.region == region }) else {
            return nil
        }
        return (entry.fileName, try Data(contentsOf: URL(fileURLWithPath: entry.path)))
    }

    private static func isPeriod(_ name: String) -> Bool {
        name.count == 7
            && name.enumerated().allSatisfy {
                $0.offset == 4 ? $0.element == "-" : $0.element.isASCII && $0.element.isNumber
            }
    }
}
