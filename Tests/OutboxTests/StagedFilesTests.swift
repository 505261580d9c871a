import Foundation
import Testing

@testable import Outbox

@Suite struct StagedFilesTests {
    /// A fresh folder that goes with the test.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
        func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }
        /// Every file under the folder, hidden ones included, relative and sorted.
        func files() -> [String] {
            let walker = FileManager.default.enumerator(atPath: url.path)
            return (walker?.allObjects as? [String] ?? []).filter {
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path($0), isDirectory: &isFolder) && !isFolder.boolValue
            }.sorted()
        }
    }

    @Test func temporariesAreHiddenBesideTheirDestination() {
        let pid = ProcessInfo.processInfo.processIdentifier
        #expect(AtomicFile.temporaryPath(for: "/out/receipts/a.回执.json") == "/out/receipts/.a.回执.json.\(pid).tmp")
        #expect(AtomicFile.temporaryPath(for: "a.json") == ".a.json.\(pid).tmp")
        #expect(AtomicFile.folder(of: "/out/receipts/a.json") == "/out/receipts")
        #expect(AtomicFile.folder(of: "/a.json") == "/" && AtomicFile.folder(of: "a.json") == ".")
    }

    @Test func filesAppearOnlyWhenPublishedAndThenWhole() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.path("a.json")))
        let staged = StagedFiles()
        try staged.write(Data("new a".utf8), to: folder.path("a.json"))
        try staged.write(to: folder.path("deep/er/b.txt")) { handle in
            try handle.write(contentsOf: Data("b, ".utf8))
            try handle.write(contentsOf: Data("streamed".utf8))
        }
        #expect(staged.count == 2)
        // Before publishing: the previous file, and hidden temporaries beside the destinations.
        #expect(try folder.text("a.json") == "old")
        let pid = ProcessInfo.processInfo.processIdentifier
        #expect(folder.files() == [".a.json.\(pid).tmp", "a.json", "deep/er/.b.txt.\(pid).tmp"])

        try staged.publish()
        #expect(staged.count == 0)
        #expect(try folder.text("a.json") == "new a")
        #expect(try folder.text("deep/er/b.txt") == "b, streamed")
        #expect(folder.files() == ["a.json", "deep/er/b.txt"])
    }

    @Test func theLastWriteOfADestinationWins() throws {
        let folder = Folder()
        let staged = StagedFiles()
        try staged.write(Data("first".utf8), to: folder.path("x.json"))
        try staged.write(Data("second".utf8), to: folder.path("y.json"))
        try staged.write(Data("third".utf8), to: folder.path("x.json"))
        #expect(staged.count == 2)
        try staged.publish()
        #expect(try folder.text("x.json") == "third" && folder.text("y.json") == "second")
        #expect(folder.files() == ["x.json", "y.json"])
    }

    @Test func aFailedWriteStagesNothingAndLeavesNoTemporary() throws {
        let folder = Folder()
        let staged = StagedFiles()
        try staged.write(Data("kept".utf8), to: folder.path("kept.json"))
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try staged.write(to: folder.path("broken.json")) { handle in
                try handle.write(contentsOf: Data("half".utf8))
                throw Interrupted()
            }
        }
        #expect(staged.count == 1)
        try staged.publish()
        #expect(folder.files() == ["kept.json"])
    }

    @Test func filesNotPublishedLeaveNothingBehind() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: URL(fileURLWithPath: folder.path("a.json")))
        do {
            let staged = StagedFiles()
            try staged.write(Data("new".utf8), to: folder.path("a.json"))
            try staged.write(Data("new".utf8), to: folder.path("b.json"))
            staged.discard()
            #expect(staged.count == 0)
            try staged.write(Data("dropped with the object".utf8), to: folder.path("c.json"))
        }
        #expect(folder.files() == ["a.json"])
        #expect(try folder.text("a.json") == "previous")
    }

    /// Up to `flushedOneByOne` files are flushed each, more by `syncfs` for the
    /// lot: either way every file is published whole, in two folders here.
    @Test(arguments: [1, StagedFiles.flushedOneByOne, StagedFiles.flushedOneByOne + 1, 40])
    func aBatchOfAnySizeIsPublishedWhole(count: Int) throws {
        let folder = Folder()
        let staged = StagedFiles()
        for index in 0..<count {
            try staged.write(
                Data("file \(index)".utf8), to: folder.path("\(index % 2 == 0 ? "even" : "odd")/\(index).txt"))
        }
        try staged.publish()
        #expect(folder.files().count == count)
        for index in 0..<count {
            #expect(try folder.text("\(index % 2 == 0 ? "even" : "odd")/\(index).txt") == "file \(index)")
        }
    }
}
