import Catalog
import Foundation

// make-demo-inbox [ROOT]: regenerates ROOT/Inbox (default: the current
// folder) with synthetic monthly reports, 示例数据, keeping Inbox/README.md.
// Deterministic: two runs give identical files and modification times.

let root = URL(
    fileURLWithPath: CommandLine.arguments.count > 1
        ? CommandLine.arguments[1]
        : FileManager.default.currentDirectoryPath)
let catalog: Catalog
do {
    catalog = try CatalogLoader.loadChecked(schemas: root.appendingPathComponent("Schemas"))
} catch {
    FileHandle.standardError.write(
        Data(
            "make-demo-inbox: 目录有错误 the catalog has errors:\n\(error.errors.map(\.description).joined(separator: "\n"))\n"
                .utf8))
    exit(2)
}
let inbox = root.appendingPathComponent("Inbox")
let manager = FileManager.default
for item in (try? manager.contentsOfDirectory(atPath: inbox.path)) ?? [] where item != "README.md" {
    try manager.removeItem(at: inbox.appendingPathComponent(item))
}
let demo = DemoInbox(catalog: catalog, figures: DemoFigures(catalog: catalog), inbox: inbox)
let count = try demo.writeAll()
print("示例数据 Demo inbox: \(count) files in \(inbox.path)")

// git keeps no modification times, and the demo's say when each report was
// sent (on time, late, corrected a week later): record them beside the files
// so that `make run` can restore them on a fresh clone. The name starts with
// a dot, so the inbox scan ignores it.
var stamps: [String] = []
let walker = manager.enumerator(
    at: inbox, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
while let url = walker?.nextObject() as? URL {
    let values = try url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
    guard values.isRegularFile == true, url.lastPathComponent != "README.md",
        let modified = values.contentModificationDate
    else { continue }
    let relative = String(url.standardizedFileURL.path.dropFirst(inbox.standardizedFileURL.path.count + 1))
    stamps.append("\(relative)\t\(Int(modified.timeIntervalSince1970))")
}
try Data((stamps.sorted().joined(separator: "\n") + "\n").utf8).write(to: inbox.appendingPathComponent(".mtimes.tsv"))
