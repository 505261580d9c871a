import Foundation

/// An I/O failure on one file or folder of the Outbox, naming it:
/// `Code=30 "Read-only file system"` alone does not say where, nor what to free or fix.
public struct FileIOError: Error, Sendable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case createFolder = "create folder"
        case create, write, flush, rename, stat

        var chinese: String {
            switch self {
            case .createFolder: "创建文件夹"
            case .create: "创建文件"
            case .write: "写入"
            case .flush: "落盘"
            case .rename: "重命名"
            case .stat: "查看"
            }
        }
    }

    public var operation: Operation
    public var path: String
    /// The system's words: `No space left on device`, `Read-only file system`.
    public var detail: String

    public init(_ operation: Operation, path: String, detail: String) {
        self.operation = operation
        self.path = path
        self.detail = detail
    }

    /// The failure of the last system call, from `errno`.
    public static func errno(_ operation: Operation, path: String) -> FileIOError {
        FileIOError(operation, path: path, detail: String(cString: strerror(Foundation.errno)))
    }

    /// A system error of an operation on `path` (Foundation's, which name
    /// no file), as one naming it; any other error as it is.
    static func wrap(_ error: any Error, _ operation: Operation, path: String) -> any Error {
        let system = error as NSError
        guard system.domain == NSCocoaErrorDomain || system.domain == NSPOSIXErrorDomain else { return error }
        let detail =
            (system.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? system.localizedDescription
        return FileIOError(operation, path: path, detail: detail)
    }

    public var description: String {
        "io-error: 无法\(operation.chinese) cannot \(operation.rawValue) \(path): \(detail)"
    }
}
