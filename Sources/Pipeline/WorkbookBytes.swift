import Foundation

/// A workbook written to a temporary file and read back, for the portal's
/// downloads: the writers write to a file handle, and receipts and templates
/// are small.
enum WorkbookBytes {
    static func of(_ write: (FileHandle) throws -> Void) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-\(UUID().uuidString).xlsx")
            .path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try write(handle)
        try handle.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
