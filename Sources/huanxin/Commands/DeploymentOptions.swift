import ArgumentParser
import Foundation
import Pipeline

/// `--root` and `--ledger`, the same for every command: where the
/// deployment's folders and its ledger (台账) are.
struct DeploymentOptions: ParsableArguments {
    // No default value here: argument-parser would print the folder help was run in.
    @Option(name: .long, help: "部署根目录 Folder holding Inbox/, Outbox/ and Schemas/ (default: current folder).")
    var root: String?

    @Option(help: "台账文件 Ledger file (default: Outbox/ledger.sqlite).")
    var ledger: String?

    var deployment: Deployment {
        Deployment(root: URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath), ledger: ledger)
    }

}

/// Runs a use case; a catalog that cannot be loaded is printed with all its
/// errors and ends the command with exit status 2, as does a ledger refused
/// (damaged, empty, not a ledger: `LedgerRefusal` says the way back); a
/// refused request is a usage error (64).
func withCatalog<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CatalogUnavailable {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode(2)
    } catch let refusal as LedgerRefusal {
        FileHandle.standardError.write(Data("\(refusal)\n".utf8))
        throw ExitCode(2)
    } catch let error as UsageError {
        throw ValidationError(error.description)
    }
}

/// Any `YYYY-MM` form a person types (`2025-03`, `2025/3`, `2025年3月`).
extension Period: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

extension TextTable.Format: ExpressibleByArgument {}
