import Foundation
import Ledger
import Testing

@testable import Pipeline

/// The regions of a period are rolled up at once (`RollupJob.concurrentMap`):
/// what is written must not depend on which ran beside which.
@Suite struct RollupConcurrencyTests {
    struct Failure: Error, Equatable { let item: Int }

    @Test func resultsComeBackInTheItemsOrder() throws {
        let items = Array(0..<200)
        let results = try RollupJob.concurrentMap(items) { item in
            // Uneven work, so that the items finish out of order.
            if item % 7 == 0 { usleep(200) }
            return item * item
        }
        #expect(results == items.map { $0 * $0 })
    }

    @Test func theFirstFailureInTheItemsOrderIsThrown() {
        #expect(throws: Failure(item: 3)) {
            _ = try RollupJob.concurrentMap(Array(0..<64)) { item in
                // The later failure ends sooner: the order must still win.
                if item == 3 { usleep(20_000) }
                if item == 3 || item == 40 { throw Failure(item: item) }
                return item
            }
        }
    }

    /// Two cities and the province, written together, give the bytes each
    /// city's roll-up has when it is written alone.
    @Test func aCityWrittenBesideOthersHasTheBytesItHasAlone() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/2025-03.csv", rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.put("371502/commerce/2025-03.csv", rows: ["371502,nev_stock,2025-03,250,,"])
        #expect(try fixture.run().accepted.count == 2)
        let ledger = try fixture.ledger()
        let job = RollupJob(
            catalog: DeploymentFixture.catalog, ledger: ledger, outbox: fixture.deployment.outbox,
            now: DeploymentFixture.epoch.addingTimeInterval(40 * 86_400))
        let together = try job.run()
        let province = fixture.outbox + "/rollups/2025-03/370000-山东省-2025-03.xlsx"
        #expect(together.contains(province))
        let written = try Dictionary(uniqueKeysWithValues: together.map { ($0, try Self.bytes($0)) })

        for city in ["370800", "371500"] {
            let alone = try job.run(cities: [city])
            #expect(!alone.isEmpty && alone.allSatisfy { together.contains($0) })
            for path in alone { #expect(try Self.bytes(path) == written[path], "\(path)") }
        }
    }

    static func bytes(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            return Data()
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
