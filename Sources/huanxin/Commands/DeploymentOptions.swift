import ArgumentParser
import Foundation
import Pipeline

/// `--root`: the folder that holds `Inbox/`, `Outbox/` and `Schemas/`.
struct DeploymentOptions: ParsableArguments {
    @Option(name: .long, help: "部署根目录 Folder holding Inbox/, Outbox/ and Schemas/ (default: current folder).")
    var root: String = FileManager.default.currentDirectoryPath

    var deployment: Deployment { Deployment(root: URL(fileURLWithPath: root)) }
}
